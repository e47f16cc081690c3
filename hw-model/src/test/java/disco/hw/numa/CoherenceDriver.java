package disco.hw.numa;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * Runs {@link Op}s against a memory system over a small set of candidate lines spread over every
 * node, and after each checks what the invariants cannot see: that the access's cost matches its
 * classification, that the accessing cache ends up holding the line in a fitting state, that DMA
 * leaves no stale copies, and that the per-page per-node counters and the hot-page events match a
 * shadow count kept here independently.
 */
final class CoherenceDriver {
  final MemorySystem memory;
  private final Topology topology;
  private final Latencies latencies;
  private final int lineBytes;
  private final long[] candidates;
  /** Shadow miss counts, page -> per node. */
  private final TreeMap<Long, long[]> shadow = new TreeMap<>();
  /** Nodes whose shadow count has fired since the page's last reset, page -> bit mask. */
  private final TreeMap<Long, Long> fired = new TreeMap<>();
  private final List<HotPage> expectedEvents = new ArrayList<>();

  CoherenceDriver(MemorySystem memory) {
    this.memory = memory;
    this.topology = memory.topology();
    this.latencies = memory.config().latencies();
    this.lineBytes = memory.config().cache().lineBytes();
    // Per node: the first four lines of its first page and the first line of its second page
    // (when it has one), so lines of different pages and nodes compete for the same sets.
    List<Long> lines = new ArrayList<>();
    for (int node = 0; node < topology.nodes(); node++) {
      long base = topology.firstPageOfNode(node) * Topology.PAGE_BYTES;
      for (int k = 0; k < 4; k++) {
        lines.add(base + (long) k * lineBytes);
      }
      if (topology.pagesPerNode() > 1) {
        lines.add(base + Topology.PAGE_BYTES);
      }
    }
    candidates = lines.stream().mapToLong(Long::longValue).toArray();
  }

  /** A small machine for random runs: every line competes for a handful of cache slots. */
  static MemoryConfig smallConfig(
      int nodes, int cpusPerNode, int lineBytes, int cacheLines, int ways, int threshold, CoherenceProtocol protocol) {
    return new MemoryConfig(
        new Topology(nodes, cpusPerNode, 2 * Topology.PAGE_BYTES),
        new CacheGeometry(cacheLines * lineBytes, lineBytes, ways),
        Latencies.flash(),
        protocol,
        true,
        threshold);
  }

  /** A random step, weighted like the property's generator. */
  static Op randomOp(Random random) {
    int kind = random.nextInt(100);
    if (kind < 80) {
      return new Op.Access(random.nextInt(16), random.nextInt(64), random.nextInt(256), random.nextBoolean());
    } else if (kind < 88) {
      return new Op.Dma(random.nextBoolean(), random.nextInt(64), 1 + random.nextInt(3));
    } else if (kind < 95) {
      return new Op.Uncached(random.nextInt(16), random.nextInt(64));
    } else if (kind < 98) {
      return new Op.ResetPage(random.nextInt(64));
    }
    return new Op.ResetAll();
  }

  /** Applies {@code op}; returns what went wrong (empty when all is well), invariants included. */
  List<String> apply(Op op) {
    List<String> problems = new ArrayList<>();
    if (op instanceof Op.Access a) {
      access(a, problems);
    } else if (op instanceof Op.Uncached u) {
      uncached(u, problems);
    } else if (op instanceof Op.Dma d) {
      dma(d, problems);
    } else if (op instanceof Op.ResetPage r) {
      long page = candidate(r.line()) >>> Topology.PAGE_SHIFT;
      memory.resetCounters(page);
      shadow.remove(page);
      fired.remove(page);
    } else {
      memory.resetCounters();
      shadow.clear();
      fired.clear();
    }
    checkCounters(problems);
    problems.addAll(CoherenceInvariants.check(memory));
    return problems;
  }

  private long candidate(int index) {
    return candidates[Math.floorMod(index, candidates.length)];
  }

  private int cpu(int raw) {
    return Math.floorMod(raw, topology.cpus());
  }

  private void access(Op.Access a, List<String> problems) {
    int cpu = cpu(a.cpu());
    long address = candidate(a.line()) + Math.floorMod(a.offset(), lineBytes);
    long line = memory.lineOf(address);
    CpuStatistics before = memory.statistics().cpus().get(cpu);
    long cost = memory.access(cpu, address, a.write());
    CpuStatistics after = memory.statistics().cpus().get(cpu);
    long hits = after.hits() - before.hits();
    long local = after.localMisses() - before.localMisses();
    long remote = after.remoteMisses() - before.remoteMisses();
    if (after.accesses() - before.accesses() != 1 || hits + local + remote != 1) {
      problems.add(a + ": counted as " + hits + " hits, " + local + " local and " + remote + " remote misses");
      return;
    }
    int node = topology.nodeOfCpu(cpu);
    int home = memory.homeNode(line);
    long expected;
    if (hits == 1) {
      expected = latencies.hit();
    } else {
      if ((local == 1) != (node == home)) {
        problems.add(a + ": cpu on node " + node + ", home node " + home + ", but local=" + local);
      }
      expected = latencies.miss(node, home);
      if (after.interventions() > before.interventions()) {
        expected += latencies.intervention();
      } else if (after.invalidations() > before.invalidations()) {
        expected += latencies.invalidation();
      }
      countShadowMiss(line >>> (Topology.PAGE_SHIFT - memory.config().cache().lineShift()), node);
    }
    if (cost != expected) {
      problems.add(a + ": cost " + cost + ", expected " + expected);
    }
    LineState state = memory.lineState(cpu, line);
    if (a.write() ? state != LineState.MODIFIED : state == LineState.INVALID) {
      problems.add(a + ": afterwards cpu " + cpu + " holds the line " + state);
    }
  }

  private void uncached(Op.Uncached u, List<String> problems) {
    int cpu = cpu(u.cpu());
    long address = candidate(u.line());
    CpuStatistics before = memory.statistics().cpus().get(cpu);
    long cost = memory.uncachedAccess(cpu, address);
    CpuStatistics after = memory.statistics().cpus().get(cpu);
    long expected = latencies.miss(topology.nodeOfCpu(cpu), memory.homeNode(memory.lineOf(address)));
    if (cost != expected || after.uncachedAccesses() != before.uncachedAccesses() + 1) {
      problems.add(u + ": cost " + cost + ", expected " + expected);
    }
    if (after.accesses() != before.accesses()) {
      problems.add(u + ": counted as a cached access");
    }
  }

  private void dma(Op.Dma d, List<String> problems) {
    long address = candidate(d.line()) + lineBytes / 2;
    int length = d.lines() * lineBytes;
    long cost = d.write() ? memory.dmaWrite(address, length) : memory.dmaRead(address, length);
    long first = memory.lineOf(address);
    long last = memory.lineOf(address + length - 1);
    if (cost < (last - first + 1) * latencies.localMiss()) {
      problems.add(d + ": cost " + cost + " is less than a memory access per line");
    }
    for (long line = first; line <= last; line++) {
      for (int cpu = 0; cpu < topology.cpus(); cpu++) {
        LineState state = memory.lineState(cpu, line);
        if (d.write() ? state != LineState.INVALID : state.isOwned()) {
          problems.add(d + ": afterwards cpu " + cpu + " holds line 0x" + Long.toHexString(line) + " " + state);
        }
      }
    }
  }

  private void countShadowMiss(long page, int node) {
    long[] counts = shadow.computeIfAbsent(page, p -> new long[topology.nodes()]);
    counts[node]++;
    int threshold = memory.hotPageThreshold();
    long mask = fired.getOrDefault(page, 0L);
    if (threshold > 0 && counts[node] >= threshold && (mask & (1L << node)) == 0) {
      fired.put(page, mask | (1L << node));
      expectedEvents.add(new HotPage(page, node, (int) counts[node]));
    }
  }

  private void checkCounters(List<String> problems) {
    List<HotPage> events = new ArrayList<>();
    for (HotPage e = memory.pollHotPage(); e != null; e = memory.pollHotPage()) {
      events.add(e);
    }
    if (!events.equals(expectedEvents)) {
      problems.add("hot-page events " + events + ", expected " + expectedEvents);
    }
    expectedEvents.clear();
    for (long address : candidates) {
      long page = address >>> Topology.PAGE_SHIFT;
      long[] counts = shadow.getOrDefault(page, new long[topology.nodes()]);
      for (int node = 0; node < topology.nodes(); node++) {
        if (memory.misses(page, node) != counts[node]) {
          problems.add(
              "page " + page + " node " + node + ": counter " + memory.misses(page, node)
                  + ", expected " + counts[node]);
        }
      }
    }
  }
}
