package disco.check.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a harness along a recorded list of operation labels (a counterexample file), checking every
 * state and transition on the way, and returns the first violation met.
 */
public final class Replay {
  private Replay() {}

  /** A label that names no enabled operation at its step. */
  public static final class NotEnabled extends Exception {
    private static final long serialVersionUID = 1L;

    NotEnabled(int step, String label, List<String> enabled) {
      super("step " + (step + 1) + ": " + label + " is not enabled; enabled are " + enabled);
    }
  }

  public static <S, O> Optional<Counterexample> run(Harness<S, O> h, List<String> labels) throws NotEnabled {
    S s = h.initial();
    List<O> done = new ArrayList<>();
    Optional<Checks.Found> bad = Checks.state(h, s);
    for (int i = 0; i < labels.size() && bad.isEmpty(); i++) {
      O op = find(h, s, labels.get(i), i);
      done.add(op);
      S next;
      try {
        next = h.step(s, op);
      } catch (RuntimeException e) {
        bad = Optional.of(new Checks.Found(Checks.STEP, List.of(labels.get(i) + " threw " + Checks.describe(e))));
        break;
      }
      bad = Checks.transition(h, s, op, next);
      if (bad.isEmpty()) {
        bad = Checks.state(h, next);
      }
      s = next;
    }
    return bad.map(f -> Traces.build(h, done, f));
  }

  private static <S, O> O find(Harness<S, O> h, S s, String label, int step) throws NotEnabled {
    List<String> labels = new ArrayList<>();
    for (O op : h.enabled(s)) {
      String l = h.label(op);
      if (l.equals(label)) {
        return op;
      }
      labels.add(l);
    }
    throw new NotEnabled(step, label, labels);
  }
}
