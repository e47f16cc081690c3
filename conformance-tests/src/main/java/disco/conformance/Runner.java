package disco.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Runs vectors against one implementation; never throws for what the implementation does. */
public final class Runner {
  private Runner() {}

  public static List<Outcome> run(Implementation impl, List<Vector> vectors) {
    List<Outcome> out = new ArrayList<>(vectors.size());
    for (Vector v : vectors) {
      out.add(runOne(impl, v));
    }
    return out;
  }

  public static Outcome runOne(Implementation impl, Vector v) {
    if (!impl.kinds().contains(v.kind())) {
      return Outcome.skipped(v);
    }
    Set<String> undeclared = new TreeSet<>(v.requires());
    undeclared.removeAll(impl.choices());
    if (!undeclared.isEmpty()) {
      return Outcome.undeclared(v, undeclared);
    }
    String missing = FileRefs.problem(v.request());
    if (missing != null) {
      return Outcome.broken(v, missing);
    }
    ObjectNode got;
    try {
      got = impl.run(v.request().deepCopy());
    } catch (ImplementationException e) {
      return Outcome.broken(v, String.valueOf(e.getMessage()));
    } catch (RuntimeException e) {
      return Outcome.broken(v, "the implementation threw " + e);
    }
    List<Difference> d = Compare.differences(v.expect(), got);
    return d.isEmpty() ? Outcome.passed(v) : Outcome.failed(v, d);
  }

  /** Counts of passed, failed and skipped outcomes. */
  public static int[] tally(List<Outcome> outcomes) {
    int[] n = new int[3];
    for (Outcome o : outcomes) {
      n[o.status().ordinal()]++;
    }
    return n;
  }
}
