package disco.check.engine;

import disco.spec.invariant.Invariant;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates a harness's invariants on a state and its transition checks on a transition: the same
 * evaluation for the {@link Explorer} and for the Java PathFinder driver ({@code disco.check.jpf}).
 */
public final class Checks {
  private Checks() {}

  /** A violated check: its id and what it found. */
  public record Found(String checkId, List<String> violations) {}

  public static final String STEP = "STEP";

  public static <S, O> Optional<Found> state(Harness<S, O> h, S state) {
    for (Invariant<S> inv : h.invariants()) {
      List<String> v;
      try {
        v = inv.violations(state);
      } catch (RuntimeException e) {
        v = List.of("the check threw " + describe(e));
      }
      if (!v.isEmpty()) {
        return Optional.of(new Found(inv.id(), v));
      }
    }
    return Optional.empty();
  }

  public static <S, O> Optional<Found> transition(Harness<S, O> h, S before, O op, S after) {
    for (TransitionCheck<S, O> c : h.transitionChecks()) {
      List<String> v;
      try {
        v = c.check().violations(before, op, after);
      } catch (RuntimeException e) {
        v = List.of("the check threw " + describe(e));
      }
      if (!v.isEmpty()) {
        return Optional.of(new Found(c.id(), v));
      }
    }
    return Optional.empty();
  }

  public static String describe(RuntimeException e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
