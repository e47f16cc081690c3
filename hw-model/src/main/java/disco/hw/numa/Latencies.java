package disco.hw.numa;

/**
 * What a memory access costs, in processor cycles.
 *
 * <p>{@link #flash()} takes the figures this project uses for the paper's FLASH-like machine: 300 ns
 * to local memory and 900 ns to remote memory (the 1:3 ratio that makes page placement matter), on
 * processors assumed to run at 200 MHz (5 ns a cycle), which gives 60 and 180 cycles; a hit in the
 * modelled (second-level) cache costs 1 cycle, since the first level, not modelled, would hide most
 * of the difference.
 *
 * <p>Coherence traffic adds to a miss when the home directory cannot answer alone:
 *
 * <ul>
 *   <li>{@code intervention}: the line is held exclusively by another cache, so the home forwards
 *       the request to the owner, which supplies the line (a "3-hop" miss). The default, 60
 *       cycles, charges one extra controller-to-controller leg and the owner's cache lookup at
 *       roughly a local miss.
 *   <li>{@code invalidation}: a write must invalidate other sharers and collect their
 *       acknowledgements. Invalidations are sent in parallel, so one charge covers any number of
 *       sharers; the default, 60 cycles, is again one extra leg.
 * </ul>
 *
 * These two figures are a modelling choice, not measurements; set them to 0 for a pure
 * local/remote latency model.
 *
 * @param hit cycles for a cache hit
 * @param localMiss cycles for a miss served by the requester's own node
 * @param remoteMiss cycles for a miss served by another node
 * @param intervention extra cycles when the line must be fetched from another cache's exclusive copy
 * @param invalidation extra cycles when other caches' copies must be invalidated first
 */
public record Latencies(long hit, long localMiss, long remoteMiss, long intervention, long invalidation) {

  public Latencies {
    requireNonNegative("hit", hit);
    requireNonNegative("localMiss", localMiss);
    requireNonNegative("remoteMiss", remoteMiss);
    requireNonNegative("intervention", intervention);
    requireNonNegative("invalidation", invalidation);
  }

  /** Latencies without coherence surcharges. */
  public Latencies(long hit, long localMiss, long remoteMiss) {
    this(hit, localMiss, remoteMiss, 0, 0);
  }

  /** 1 / 60 / 180 cycles (300 ns / 900 ns at 200 MHz), 60 extra for an intervention or invalidation. */
  public static Latencies flash() {
    return new Latencies(1, 60, 180, 60, 60);
  }

  /** The cost of going to memory on {@code homeNode} from a processor on {@code cpuNode}. */
  public long miss(int cpuNode, int homeNode) {
    return cpuNode == homeNode ? localMiss : remoteMiss;
  }

  private static void requireNonNegative(String field, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must be >= 0, got " + value);
    }
  }
}
