package disco.hw.machine;

import disco.hw.numa.CpuStatistics;
import java.util.List;

/**
 * The machine's memory system as the machine drives it: the caches and directory (or a fixed
 * latency when they are off), and the miss counters.
 */
interface MemoryModel extends MissCounters {
  /** One CPU access; returns the cycles it costs. */
  long access(int cpu, long machineAddress, boolean write, boolean cached);

  /** A DMA transfer, which goes through the coherence directory. */
  void dma(long machineAddress, int length, boolean toMemory);

  CpuStatistics cpuStats(int cpu);

  /** Whether a hot-page event waits to be polled. */
  boolean hasHotPage();

  /** The {@code k} pages with the most remote misses, most first, ties by page number. */
  List<MachineStats.PageCount> hottestPages(int k);
}
