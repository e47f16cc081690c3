package disco.hw.numa;

import java.util.List;

/**
 * A snapshot of the memory system's counters, for reports: one {@link CpuStatistics} per
 * processor (index = CPU number) and the DMA traffic.
 */
public record MemoryStatistics(List<CpuStatistics> cpus, DmaStatistics dma) {

  public MemoryStatistics {
    cpus = List.copyOf(cpus);
  }

  /** The processors' counters summed. */
  public CpuStatistics total() {
    CpuStatistics sum = CpuStatistics.ZERO;
    for (CpuStatistics c : cpus) {
      sum = sum.plus(c);
    }
    return sum;
  }

  /** Every invalidation, by processors and by DMA. */
  public long invalidations() {
    return total().invalidations() + dma.invalidations();
  }

  /** Every intervention, for processors and for DMA. */
  public long interventions() {
    return total().interventions() + dma.interventions();
  }
}
