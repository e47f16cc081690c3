package disco.hw.numa;

import java.util.ArrayList;
import java.util.List;

/**
 * The running counters behind {@link MemoryStatistics}: plain arrays indexed by CPU, bumped on
 * every access, so the hot path does no allocation.
 */
final class Tally {
  /** The requester number that stands for a DMA engine rather than a CPU. */
  static final int DMA = -1;

  final long[] accesses;
  final long[] hits;
  final long[] localMisses;
  final long[] remoteMisses;
  final long[] upgrades;
  final long[] invalidations;
  final long[] interventions;
  final long[] writebacks;
  final long[] uncached;
  final long[] cycles;

  long dmaLinesRead;
  long dmaLinesWritten;
  long dmaInvalidations;
  long dmaInterventions;
  long dmaCycles;

  Tally(int cpus) {
    accesses = new long[cpus];
    hits = new long[cpus];
    localMisses = new long[cpus];
    remoteMisses = new long[cpus];
    upgrades = new long[cpus];
    invalidations = new long[cpus];
    interventions = new long[cpus];
    writebacks = new long[cpus];
    uncached = new long[cpus];
    cycles = new long[cpus];
  }

  void invalidations(int requester, int count) {
    if (requester == DMA) {
      dmaInvalidations += count;
    } else {
      invalidations[requester] += count;
    }
  }

  void intervention(int requester) {
    if (requester == DMA) {
      dmaInterventions++;
    } else {
      interventions[requester]++;
    }
  }

  long totalMisses() {
    long sum = 0;
    for (int cpu = 0; cpu < accesses.length; cpu++) {
      sum += localMisses[cpu] + remoteMisses[cpu];
    }
    return sum;
  }

  MemorySystemState.Statistics state() {
    return new MemorySystemState.Statistics(accesses.clone(), hits.clone(), localMisses.clone(),
        remoteMisses.clone(), upgrades.clone(), invalidations.clone(), interventions.clone(),
        writebacks.clone(), uncached.clone(), cycles.clone(), dmaLinesRead, dmaLinesWritten,
        dmaInvalidations, dmaInterventions, dmaCycles);
  }

  void restore(MemorySystemState.Statistics s) {
    copy(s.accesses(), accesses);
    copy(s.hits(), hits);
    copy(s.localMisses(), localMisses);
    copy(s.remoteMisses(), remoteMisses);
    copy(s.upgrades(), upgrades);
    copy(s.invalidations(), invalidations);
    copy(s.interventions(), interventions);
    copy(s.writebacks(), writebacks);
    copy(s.uncached(), uncached);
    copy(s.cycles(), cycles);
    dmaLinesRead = s.dmaLinesRead();
    dmaLinesWritten = s.dmaLinesWritten();
    dmaInvalidations = s.dmaInvalidations();
    dmaInterventions = s.dmaInterventions();
    dmaCycles = s.dmaCycles();
  }

  private static void copy(long[] from, long[] to) {
    System.arraycopy(from, 0, to, 0, to.length);
  }

  MemoryStatistics snapshot() {
    List<CpuStatistics> perCpu = new ArrayList<>(accesses.length);
    for (int cpu = 0; cpu < accesses.length; cpu++) {
      perCpu.add(
          new CpuStatistics(
              accesses[cpu],
              hits[cpu],
              localMisses[cpu],
              remoteMisses[cpu],
              upgrades[cpu],
              invalidations[cpu],
              interventions[cpu],
              writebacks[cpu],
              uncached[cpu],
              cycles[cpu]));
    }
    return new MemoryStatistics(
        perCpu,
        new DmaStatistics(dmaLinesRead, dmaLinesWritten, dmaInvalidations, dmaInterventions, dmaCycles));
  }
}
