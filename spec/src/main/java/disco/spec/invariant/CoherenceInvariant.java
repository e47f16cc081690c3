package disco.spec.invariant;

import disco.spec.observe.CoherenceView;
import disco.spec.observe.CoherenceView.CacheState;
import disco.spec.observe.CoherenceView.DirectoryRecord;
import java.util.ArrayList;
import java.util.List;

/** The invariant of the machine's cache coherence, over any {@link CoherenceView}. */
public final class CoherenceInvariant {
  private CoherenceInvariant() {}

  public static final Invariant<CoherenceView> DIRECTORY_AGREES = new Invariant<>(
      "COH-1",
      "The coherence directory agrees with every cache: a line has a single writer, which the directory names as"
          + " owner, or any number of readers, which the directory names exactly as sharers.",
      CoherenceInvariant::directoryAgrees);

  public static final List<Invariant<CoherenceView>> ALL = List.of(DIRECTORY_AGREES);

  private static List<String> directoryAgrees(CoherenceView v) {
    List<String> out = new ArrayList<>();
    for (long line : v.lines()) {
      List<Integer> owners = new ArrayList<>();
      List<Integer> sharers = new ArrayList<>();
      for (int cpu = 0; cpu < v.cpus(); cpu++) {
        CacheState s = v.state(cpu, line);
        if (s.owned()) {
          owners.add(cpu);
        } else if (s == CacheState.SHARED) {
          sharers.add(cpu);
        }
      }
      DirectoryRecord d = v.directory(line);
      String where = "line " + line + ": ";
      if (owners.size() > 1 || (!owners.isEmpty() && !sharers.isEmpty())) {
        out.add(where + "cpus " + owners + " own it while cpus " + sharers + " share it");
      } else if (!owners.isEmpty()) {
        if (d.kind() != DirectoryRecord.Kind.EXCLUSIVE || d.owner() != owners.get(0)) {
          out.add(where + "cpu " + owners.get(0) + " owns it but the directory records " + d);
        }
      } else if (!sharers.isEmpty()) {
        if (d.kind() != DirectoryRecord.Kind.SHARED || !d.sharers().equals(sharers)) {
          out.add(where + "cpus " + sharers + " share it but the directory records " + d);
        }
      } else if (d.kind() != DirectoryRecord.Kind.UNCACHED) {
        out.add(where + "no cache holds it but the directory records " + d);
      }
    }
    return out;
  }
}
