package disco.hw.numa;

import java.util.Objects;

/**
 * Everything a {@link MemorySystem} is built from.
 *
 * @param topology nodes, processors and memory
 * @param cache each processor's cache
 * @param latencies what accesses cost
 * @param protocol MSI or MESI
 * @param cachesEnabled false for speed: no cache or directory is modelled and every cached access
 *     costs the miss latency by node (local or remote), is counted as a local or remote miss, and
 *     counts in the per-page miss counters, as if the machine had no caches at all. The NUMA cost
 *     and the page-placement signal survive; the hit rate does not, so a hot-page threshold tuned
 *     with caches on fires far sooner with them off.
 * @param hotPageThreshold the per-page per-node miss count at which a {@link HotPage} event is
 *     queued; 0 disables the events (the counters still count)
 */
public record MemoryConfig(
    Topology topology,
    CacheGeometry cache,
    Latencies latencies,
    CoherenceProtocol protocol,
    boolean cachesEnabled,
    int hotPageThreshold) {

  public MemoryConfig {
    Objects.requireNonNull(topology, "topology");
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(latencies, "latencies");
    Objects.requireNonNull(protocol, "protocol");
    if (hotPageThreshold < 0) {
      throw new IllegalArgumentException("hotPageThreshold must be >= 0, got " + hotPageThreshold);
    }
  }

  /** FLASH-like defaults on {@code topology}: 1 MB two-way caches, 60/180-cycle misses, MSI. */
  public static MemoryConfig flash(Topology topology) {
    return new MemoryConfig(
        topology, CacheGeometry.flashSecondLevel(), Latencies.flash(), CoherenceProtocol.MSI, true, 0);
  }

  public MemoryConfig withCache(CacheGeometry newCache) {
    return new MemoryConfig(topology, newCache, latencies, protocol, cachesEnabled, hotPageThreshold);
  }

  public MemoryConfig withLatencies(Latencies newLatencies) {
    return new MemoryConfig(topology, cache, newLatencies, protocol, cachesEnabled, hotPageThreshold);
  }

  public MemoryConfig withProtocol(CoherenceProtocol newProtocol) {
    return new MemoryConfig(topology, cache, latencies, newProtocol, cachesEnabled, hotPageThreshold);
  }

  public MemoryConfig withCachesEnabled(boolean enabled) {
    return new MemoryConfig(topology, cache, latencies, protocol, enabled, hotPageThreshold);
  }

  public MemoryConfig withHotPageThreshold(int threshold) {
    return new MemoryConfig(topology, cache, latencies, protocol, cachesEnabled, threshold);
  }
}
