package disco.check.engine;

import java.util.List;

/** A check of one transition {@code before --op--> after}, such as refinement; returns the violations. */
public record TransitionCheck<S, O>(String id, String sentence, Check<S, O> check) {
  @FunctionalInterface
  public interface Check<S, O> {
    List<String> violations(S before, O op, S after);
  }
}
