package disco.check.engine;

import disco.spec.invariant.Invariant;
import java.util.List;
import java.util.Optional;

/** Evaluates a harness's invariants on a state and its transition checks on a transition. */
final class Checks {
  private Checks() {}

  /** A violated check: its id and what it found. */
  record Found(String checkId, List<String> violations) {}

  static final String STEP = "STEP";

  static <S, O> Optional<Found> state(Harness<S, O> h, S state) {
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

  static <S, O> Optional<Found> transition(Harness<S, O> h, S before, O op, S after) {
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

  static String describe(RuntimeException e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
