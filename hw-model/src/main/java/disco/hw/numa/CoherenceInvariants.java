package disco.hw.numa;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Checks that a {@link MemorySystem} is coherent and its counters add up; returns the violations
 * found, as sentences, in a deterministic order (empty when all is well).
 *
 * <p>For every line that any cache or directory mentions:
 *
 * <ul>
 *   <li>Single writer: if a cache holds the line Exclusive or Modified, no other cache holds it at
 *       all, and the home directory records it Exclusive with that cache as owner.
 *   <li>Many readers: otherwise, if caches hold it Shared, the home directory records it Shared
 *       with exactly those caches as sharers.
 *   <li>Otherwise no directory records it (it is Uncached).
 *   <li>A directory records only lines homed on its node; MSI caches never hold a line Exclusive;
 *       a cache holds a line at most once.
 * </ul>
 *
 * And for the counters: per processor and in total, hits + local misses + remote misses =
 * accesses; the per-page per-node miss counters add up to {@link
 * MemorySystem#missesSinceCounterReset()}.
 *
 * <p>It reads only through public observation methods, so it can check any memory system, and
 * is cheap enough for tests to run after every step (its cost grows with the cached lines).
 */
public final class CoherenceInvariants {
  private CoherenceInvariants() {}

  public static List<String> check(MemorySystem memory) {
    List<String> violations = new ArrayList<>();
    checkCoherence(memory, violations);
    checkCounters(memory, violations);
    return violations;
  }

  private static void checkCoherence(MemorySystem memory, List<String> violations) {
    Topology topology = memory.topology();
    int cpus = topology.cpus();
    TreeSet<Long> lines = new TreeSet<>();
    for (int cpu = 0; cpu < cpus; cpu++) {
      CacheModel cache = memory.cache(cpu);
      if (cache == null) {
        continue;
      }
      long[] held = cache.lines();
      for (int i = 0; i < held.length; i++) {
        if (i > 0 && held[i] == held[i - 1]) {
          violations.add("cpu " + cpu + " holds line " + hex(held[i]) + " more than once");
        }
        lines.add(held[i]);
      }
    }
    for (int node = 0; node < topology.nodes(); node++) {
      for (long line : memory.directory(node).lines()) {
        int home = memory.homeNode(line);
        if (home != node) {
          violations.add(
              "directory of node " + node + " records line " + hex(line) + ", homed on node " + home);
        }
        lines.add(line);
      }
    }
    boolean msi = memory.config().protocol() == CoherenceProtocol.MSI;
    for (long line : lines) {
      checkLine(memory, line, cpus, msi, violations);
    }
  }

  private static void checkLine(
      MemorySystem memory, long line, int cpus, boolean msi, List<String> violations) {
    String where = "line " + hex(line) + " (home node " + memory.homeNode(line) + "): ";
    List<Integer> owners = new ArrayList<>();
    List<Integer> sharers = new ArrayList<>();
    for (int cpu = 0; cpu < cpus; cpu++) {
      LineState state = memory.lineState(cpu, line);
      if (state.isOwned()) {
        owners.add(cpu);
      } else if (state == LineState.SHARED) {
        sharers.add(cpu);
      }
      if (msi && state == LineState.EXCLUSIVE) {
        violations.add(where + "cpu " + cpu + " holds it Exclusive under MSI");
      }
    }
    DirectoryEntry entry = memory.directoryEntry(line);
    if (!owners.isEmpty()) {
      int owner = owners.get(0);
      if (owners.size() > 1) {
        violations.add(where + "several caches own it: cpus " + owners);
      }
      if (!sharers.isEmpty()) {
        violations.add(
            where + "cpu " + owner + " holds it " + memory.lineState(owner, line)
                + " while cpus " + sharers + " hold it Shared");
      }
      if (entry.state() != DirectoryState.EXCLUSIVE || entry.owner() != owner) {
        violations.add(where + "cpu " + owner + " owns it but the directory says " + describe(entry));
      }
    } else if (!sharers.isEmpty()) {
      if (entry.state() != DirectoryState.SHARED || !entry.sharers().equals(sharers)) {
        violations.add(
            where + "cpus " + sharers + " hold it Shared but the directory says " + describe(entry));
      }
    } else if (entry.state() != DirectoryState.UNCACHED) {
      violations.add(where + "no cache holds it but the directory says " + describe(entry));
    }
    // The entry's own shape: an owner only when Exclusive, sharers only (and some) when Shared.
    boolean wellFormed =
        switch (entry.state()) {
          case UNCACHED -> entry.owner() < 0 && entry.sharers().isEmpty();
          case SHARED -> entry.owner() < 0 && !entry.sharers().isEmpty();
          case EXCLUSIVE -> entry.owner() >= 0 && entry.sharers().isEmpty();
        };
    if (!wellFormed) {
      violations.add(where + "malformed directory entry " + describe(entry));
    }
  }

  private static void checkCounters(MemorySystem memory, List<String> violations) {
    MemoryStatistics stats = memory.statistics();
    List<CpuStatistics> perCpu = stats.cpus();
    for (int cpu = 0; cpu < perCpu.size(); cpu++) {
      CpuStatistics c = perCpu.get(cpu);
      if (c.hits() + c.localMisses() + c.remoteMisses() != c.accesses()) {
        violations.add(
            "cpu " + cpu + ": hits " + c.hits() + " + local misses " + c.localMisses()
                + " + remote misses " + c.remoteMisses() + " != accesses " + c.accesses());
      }
      if (c.upgrades() > c.misses()) {
        violations.add("cpu " + cpu + ": more upgrades (" + c.upgrades() + ") than misses");
      }
    }
    CpuStatistics total = stats.total();
    if (total.hits() + total.misses() != total.accesses()) {
      violations.add("total: hits + misses " + (total.hits() + total.misses())
          + " != accesses " + total.accesses());
    }
    long counted = memory.missCounters().total();
    long expected = memory.missesSinceCounterReset();
    if (counted != expected) {
      violations.add(
          "the per-page miss counters add up to " + counted + ", but " + expected
              + " misses happened since they were reset");
    }
  }

  private static String describe(DirectoryEntry e) {
    return switch (e.state()) {
      case UNCACHED -> "Uncached";
      case SHARED -> "Shared by cpus " + e.sharers() + (e.owner() >= 0 ? " owner " + e.owner() : "");
      case EXCLUSIVE -> "Exclusive, owner cpu " + e.owner() + (e.sharers().isEmpty() ? "" : " sharers " + e.sharers());
    };
  }

  private static String hex(long line) {
    return "0x" + Long.toHexString(line);
  }
}
