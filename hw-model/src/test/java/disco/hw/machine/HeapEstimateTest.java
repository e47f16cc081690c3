package disco.hw.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.hw.Endianness;
import disco.hw.mem.Memory;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.junit.jupiter.api.Test;

/** The heap estimate against allocations measured in this JVM, and the refusal it makes. */
class HeapEstimateTest {
  private static MachineConfig config(int nodes, int cpusPerNode, int memoryMb, int cacheKb, int lineBytes) {
    return new MachineConfig("t", nodes, cpusPerNode, memoryMb, true, cacheKb, lineBytes, 2, "MESI",
        1, 60, 180, 10_000, 64, 0, Endianness.BIG);
  }

  private static final MemoryMXBean HEAP = ManagementFactory.getMemoryMXBean();

  /** Heap in use after collecting garbage, in bytes. */
  private static long used() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return HEAP.getHeapMemoryUsage().getUsed();
  }

  private static void assertWithin(double low, double high, long estimated, long measured, String what) {
    double ratio = estimated / (double) measured;
    assertTrue(ratio >= low && ratio <= high,
        what + ": estimated " + estimated + " bytes, measured " + measured + " (ratio " + ratio + ")");
  }

  @Test
  void cachesDirectoryAndCountersAreWithinAFactorOfWhatTheyTake() {
    // 4 CPUs of 4 MB caches with 16-byte lines: 262,144 lines each, a million in all, of 4 million lines of RAM.
    MachineConfig c = config(2, 2, 32, 4096, 16);
    HeapEstimate e = HeapEstimate.of(c);
    long before = used();
    MemorySystemAdapter m = new MemorySystemAdapter(c);
    long caches = used() - before;
    // Each CPU reads its own run of distinct lines, as many as its cache holds: every line stays
    // cached, so the directory holds an entry for every line of every cache, the worst case.
    long lines = (long) c.cacheKb() * 1024 / c.lineBytes();
    for (int cpu = 0; cpu < c.cpus(); cpu++) {
      for (long i = 0; i < lines; i++) {
        m.access(cpu, (cpu * lines + i) * c.lineBytes(), false, true);
      }
    }
    long filled = used() - before - caches;
    assertTrue(c.cpus() * lines < c.memoryBytes() / c.lineBytes()); // the caches, not RAM, bound the directory
    assertWithin(0.9, 1.2, e.caches(), caches, "caches");
    // The counters cover only the pages touched here (16 MB of 64 MB); the directory is full.
    long touchedPages = c.cpus() * lines * c.lineBytes() / 4096;
    long counters = e.missCounters() * touchedPages / (c.memoryBytes() / 4096);
    assertWithin(0.9, 1.5, e.directory() + counters, filled, "directory and miss counters");
    assertTrue(m.misses(0, 0) > 0); // keeps the memory system reachable until measured
  }

  @Test
  void memoryIsWithinAFactorOfWhatEveryPageTakes() {
    MachineConfig c = config(1, 1, 64, 1, 16);
    HeapEstimate e = HeapEstimate.of(c);
    long before = used();
    Memory memory = new Memory(Endianness.BIG);
    for (int page = 0; page < c.memoryBytes() / Memory.PAGE_SIZE; page++) {
      memory.allocate(page);
    }
    long measured = used() - before;
    assertWithin(0.9, 1.2, e.memory(), measured, "memory");
    assertEquals(c.memoryBytes() / Memory.PAGE_SIZE, memory.allocatedPages());
  }

  @Test
  void aMachineTooLargeForTheHeapIsRefusedNamingBothFigures() {
    // 512 CPUs with 64 MB caches of 16-byte lines: 36.5 GB of tags alone.
    MachineConfig huge = config(64, 8, 32, 65536, 16);
    HeapEstimate e = HeapEstimate.of(huge, 0); // arrays counted at their size, whatever the collector
    InvalidConfigException x = assertThrows(InvalidConfigException.class, () -> e.check("big.yaml", 6L << 30));
    assertTrue(x.getMessage().matches("big\\.yaml: needs up to [0-9.]+ GB of Java heap \\(memory 2\\.0 GB, caches 34\\.0 GB, "
        + "directory [0-9.]+ GB, miss counters [0-9.]+ MB, the rest [0-9.]+ MB\\), more than the 6\\.0 GB this Java may use \\(its -Xmx\\)"),
        x.getMessage());
  }

  @Test
  void everyPresetFitsInAGigabyte() throws Exception {
    for (String p : new String[] {"flash-1", "flash-4", "flash-8", "flash-16", "flash-32"}) {
      HeapEstimate.of(MachineConfig.preset(p)).check(p, 1L << 30);
    }
  }
}
