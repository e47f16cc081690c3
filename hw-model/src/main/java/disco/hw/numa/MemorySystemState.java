package disco.hw.numa;

import java.util.List;

/**
 * The whole state of a {@link MemorySystem} as data: every cache's tags, states and recency, every
 * directory entry, the miss counters with their queued events, and the statistics. Lists are in a
 * canonical order (by CPU, by line, by page); arrays belong to the state and are never modified.
 */
public record MemorySystemState(
    List<Cache> caches, List<DirectoryEntry> directory, Counters counters, Statistics statistics,
    long uncountedMisses) {

  public MemorySystemState {
    caches = List.copyOf(caches);
    directory = List.copyOf(directory);
  }

  /** One CPU's cache: per slot the line, the {@link LineState} ordinal and the recency stamp. */
  public record Cache(long[] tags, byte[] states, long[] lastUse, long clock, int resident) {}

  /** One page's counters, one per node, and the nodes whose counters have fired (a bit set). */
  public record PageCounters(long page, int[] misses, long fired) {}

  /** The miss counters: pages ascending, events in queue order, the threshold. */
  public record Counters(List<PageCounters> pages, List<HotPage> events, int threshold) {
    public Counters {
      pages = List.copyOf(pages);
      events = List.copyOf(events);
    }
  }

  /** The running statistics, per CPU and for DMA. */
  public record Statistics(
      long[] accesses, long[] hits, long[] localMisses, long[] remoteMisses, long[] upgrades,
      long[] invalidations, long[] interventions, long[] writebacks, long[] uncached, long[] cycles,
      long dmaLinesRead, long dmaLinesWritten, long dmaInvalidations, long dmaInterventions,
      long dmaCycles) {}
}
