package disco.hw.numa;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A rough figure, not a benchmark: how many accesses a second the model handles. */
@Tag("long")
class MemorySystemSpeedTest {

  @Test
  void accessesPerSecond() {
    Topology topology = new Topology(8, 4, 16L << 20);
    for (boolean caches : new boolean[] {true, false}) {
      MemorySystem m = new MemorySystem(MemoryConfig.flash(topology).withCachesEnabled(caches));
      long span = topology.totalMemoryBytes();
      long x = 12345;
      int n = 20_000_000;
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        x = x * 6364136223846793005L + 1442695040888963407L;
        int cpu = (int) ((x >>> 33) % topology.cpus());
        // Mostly a small working set per CPU (hits), sometimes anywhere (misses, coherence).
        long address = (x & 0xF00) == 0 ? (x >>> 20) % span : (cpu * 65536L + ((x >>> 40) & 0xFFFF)) % span;
        m.access(cpu, address, (x & 7) == 0);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "MemorySystem.access, caches %s: %.1f M accesses/s (%s)%n",
          caches ? "on" : "off", n / seconds / 1e6, m.statistics().total());
      assertTrue(CoherenceInvariants.check(m).isEmpty());
    }
  }
}
