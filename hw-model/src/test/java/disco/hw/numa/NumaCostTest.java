package disco.hw.numa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The point of NUMA page placement: the same accesses cost more when the page is homed on another
 * node, by exactly the latency ratio on the misses.
 */
class NumaCostTest {
  static final Topology TOPOLOGY = new Topology(2, 1, 64 * 1024);

  /** Runs a fixed mix of reads and writes by CPU 0 over one page; returns CPU 0's statistics. */
  private static CpuStatistics run(MemoryConfig config, long page) {
    MemorySystem m = new MemorySystem(config);
    Random random = new Random(7);
    for (int i = 0; i < 5_000; i++) {
      m.access(0, page * Topology.PAGE_BYTES + random.nextInt(Topology.PAGE_BYTES), random.nextInt(4) == 0);
    }
    return m.statistics().cpus().get(0);
  }

  @Test
  void aRemotePageCostsTheLatencyRatioMoreOnMisses() {
    for (MemoryConfig config :
        new MemoryConfig[] {
          // A 2 KB cache against a 4 KB page, so that misses keep coming.
          MemoryConfig.flash(TOPOLOGY).withCache(new CacheGeometry(2048, 128, 2)),
          MemoryConfig.flash(TOPOLOGY)
              .withCache(new CacheGeometry(1024, 64, 1))
              .withLatencies(new Latencies(2, 7, 35))
              .withProtocol(CoherenceProtocol.MESI),
        }) {
      Latencies l = config.latencies();
      CpuStatistics local = run(config, TOPOLOGY.firstPageOfNode(0));
      CpuStatistics remote = run(config, TOPOLOGY.firstPageOfNode(1));
      // The same hits and misses; only where the misses are served differs.
      assertEquals(local.hits(), remote.hits());
      assertEquals(local.misses(), remote.misses());
      assertEquals(0, local.remoteMisses());
      assertEquals(0, remote.localMisses());
      long misses = local.misses();
      assertEquals(true, misses > 500, "misses: " + misses);
      long hitCycles = local.hits() * l.hit();
      assertEquals(misses * l.localMiss(), local.cycles() - hitCycles);
      assertEquals(misses * l.remoteMiss(), remote.cycles() - hitCycles);
      // The ratio of miss cycles is the ratio of latencies.
      assertEquals(
          (remote.cycles() - hitCycles) * l.localMiss(), (local.cycles() - hitCycles) * l.remoteMiss());
    }
  }
}
