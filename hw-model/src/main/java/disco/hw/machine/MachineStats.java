package disco.hw.machine;

import java.util.List;
import java.util.Locale;

/**
 * A run's statistics: per CPU, the ten hottest pages by remote misses, and exceptions by code.
 *
 * @param machine the configuration's name
 * @param cycles the machine clock at the end
 */
public record MachineStats(
    String machine, long cycles, List<CpuStats> cpus, List<PageCount> hottestPages,
    List<ExceptionCount> exceptions) {

  public MachineStats {
    cpus = List.copyOf(cpus);
    hottestPages = List.copyOf(hottestPages);
    exceptions = List.copyOf(exceptions);
  }

  public record CpuStats(int cpu, int node, long instructions, long cycles, long cacheHits,
      long localMisses, long remoteMisses, long invalidations, long interventions) {}

  public record PageCount(long page, int homeNode, long remoteMisses) {}

  public record ExceptionCount(int code, String name, long count) {}

  public long totalInstructions() {
    return cpus.stream().mapToLong(CpuStats::instructions).sum();
  }

  /** The statistics as a table for people. */
  public String table() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "machine %s, %,d cycles%n", machine, cycles));
    b.append(String.format(Locale.ROOT, "%4s %4s %15s %15s %13s %13s %13s %11s %11s%n",
        "cpu", "node", "instructions", "cycles", "cache hits", "local miss", "remote miss", "invalidate", "intervene"));
    for (CpuStats c : cpus) {
      b.append(String.format(Locale.ROOT, "%4d %4d %,15d %,15d %,13d %,13d %,13d %,11d %,11d%n",
          c.cpu(), c.node(), c.instructions(), c.cycles(), c.cacheHits(), c.localMisses(),
          c.remoteMisses(), c.invalidations(), c.interventions()));
    }
    b.append(String.format(Locale.ROOT, "hottest pages by remote misses:%n"));
    if (hottestPages.isEmpty()) {
      b.append("  (none)\n");
    }
    for (PageCount p : hottestPages) {
      b.append(String.format(Locale.ROOT, "  page 0x%05x (node %d): %,d%n", p.page(), p.homeNode(), p.remoteMisses()));
    }
    b.append(String.format(Locale.ROOT, "exceptions:%n"));
    if (exceptions.isEmpty()) {
      b.append("  (none)\n");
    }
    for (ExceptionCount e : exceptions) {
      b.append(String.format(Locale.ROOT, "  %-40s %,d%n", e.name(), e.count()));
    }
    return b.toString();
  }
}
