package disco.check.engine;

import java.util.List;
import java.util.SortedMap;

/**
 * A shortest path from the initial state to a violation.
 *
 * @param checkId the id of the invariant or check violated ({@code STEP} if an operation threw)
 * @param violations what the check found, as sentences
 * @param initial the initial state's fields
 * @param steps the operations from the initial state, each with the fields it changed
 */
public record Counterexample(String checkId, List<String> violations, SortedMap<String, String> initial, List<Step> steps) {
  public Counterexample {
    violations = List.copyOf(violations);
    steps = List.copyOf(steps);
  }

  /** One operation and the fields it changed, as "old -> new". */
  public record Step(String op, SortedMap<String, String> changes) {}

  /** The operations' labels, in order: what a replay file holds. */
  public List<String> labels() {
    return steps.stream().map(Step::op).toList();
  }
}
