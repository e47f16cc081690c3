package disco.hw.numa;

/**
 * What one processor's memory accesses did (or, from {@link MemoryStatistics#total()}, all of
 * them).
 *
 * <p>{@code accesses} counts cached accesses; each is exactly one of a hit, a local miss or a remote
 * miss. An upgrade (a write to a Shared line, which must ask the home directory for ownership) is a
 * miss, local or remote by the line's home, and is also counted in {@code upgrades}. Invalidations
 * and interventions are counted against the processor whose request caused them; writebacks
 * against the cache that wrote the line back. Uncached accesses are counted apart.
 *
 * @param accesses cached reads and writes
 * @param hits accesses satisfied by the cache
 * @param localMisses misses served by the processor's own node
 * @param remoteMisses misses served by another node
 * @param upgrades misses that were writes to a line held Shared
 * @param invalidations other caches' copies invalidated by this processor's writes
 * @param interventions requests that had to fetch the line from another cache's exclusive copy
 * @param writebacks Modified lines this cache wrote back (on eviction, intervention or DMA read)
 * @param uncachedAccesses accesses through the uncached segment
 * @param cycles the cycles charged for all of the above
 */
public record CpuStatistics(
    long accesses,
    long hits,
    long localMisses,
    long remoteMisses,
    long upgrades,
    long invalidations,
    long interventions,
    long writebacks,
    long uncachedAccesses,
    long cycles) {

  public static final CpuStatistics ZERO = new CpuStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  public long misses() {
    return localMisses + remoteMisses;
  }

  public CpuStatistics plus(CpuStatistics o) {
    return new CpuStatistics(
        accesses + o.accesses,
        hits + o.hits,
        localMisses + o.localMisses,
        remoteMisses + o.remoteMisses,
        upgrades + o.upgrades,
        invalidations + o.invalidations,
        interventions + o.interventions,
        writebacks + o.writebacks,
        uncachedAccesses + o.uncachedAccesses,
        cycles + o.cycles);
  }
}
