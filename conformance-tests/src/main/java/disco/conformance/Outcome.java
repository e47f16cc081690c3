package disco.conformance;

import java.util.List;
import java.util.Set;

/**
 * What became of one vector: passed, failed (with the differences, or the reason the implementation
 * gave no usable answer) or skipped because the implementation does not run its kind or has not
 * declared a choice the vector requires.
 */
public record Outcome(Vector vector, Status status, List<Difference> differences, String reason) {
  public enum Status { PASSED, FAILED, SKIPPED }

  static Outcome passed(Vector v) {
    return new Outcome(v, Status.PASSED, List.of(), "");
  }

  static Outcome skipped(Vector v) {
    return new Outcome(v, Status.SKIPPED, List.of(), "kind " + v.kind() + " not supported");
  }

  static Outcome undeclared(Vector v, Set<String> choices) {
    return new Outcome(v, Status.SKIPPED, List.of(), "requires choices not declared: " + String.join(", ", choices));
  }

  static Outcome failed(Vector v, List<Difference> d) {
    return new Outcome(v, Status.FAILED, List.copyOf(d), d.isEmpty() ? "" : d.get(0).toString());
  }

  static Outcome broken(Vector v, String reason) {
    return new Outcome(v, Status.FAILED, List.of(), reason);
  }
}
