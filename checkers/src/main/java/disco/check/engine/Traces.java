package disco.check.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** Builds a {@link Counterexample} by running its operations again from the initial state. */
final class Traces {
  private Traces() {}

  static <S, O> Counterexample build(Harness<S, O> h, List<O> ops, Checks.Found found) {
    S s = h.initial();
    SortedMap<String, String> initial = h.describe(s);
    List<Counterexample.Step> steps = new ArrayList<>();
    for (O op : ops) {
      SortedMap<String, String> changes;
      try {
        S next = h.step(s, op);
        changes = changes(h.describe(s), h.describe(next));
        s = next;
      } catch (RuntimeException e) {
        changes = new TreeMap<>(Map.of("exception", Checks.describe(e)));
      }
      steps.add(new Counterexample.Step(h.label(op), changes));
    }
    return new Counterexample(found.checkId(), found.violations(), initial, steps);
  }

  private static SortedMap<String, String> changes(SortedMap<String, String> a, SortedMap<String, String> b) {
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    SortedMap<String, String> out = new TreeMap<>();
    for (String k : keys) {
      String x = a.getOrDefault(k, "-");
      String y = b.getOrDefault(k, "-");
      if (!x.equals(y)) {
        out.put(k, x + " -> " + y);
      }
    }
    return out;
  }
}
