package disco.hw.numa;

/**
 * The shape of each processor's cache: total size, line size and associativity, all powers of
 * two.
 *
 * <p>The model keeps one level of cache per processor. The paper's FLASH-like machine had split
 * 32 KB first-level caches and a 1 MB unified second-level cache; coherence and the directory work
 * on second-level lines, and it is second-level misses that reach the node controller and its miss
 * counters. So the one level modelled is the second level: {@link #flashSecondLevel()} is 1 MB,
 * two-way set associative, with 128-byte lines (the R10000's largest secondary line size, and
 * FLASH's coherence unit). The first level only filters hits, which the model charges at the hit
 * latency anyway.
 *
 * @param sizeBytes total capacity; a multiple of {@code lineBytes * associativity}
 * @param lineBytes bytes per line, 4..4096, so that a line never straddles a 4 KB page
 * @param associativity ways per set
 */
public record CacheGeometry(int sizeBytes, int lineBytes, int associativity) {

  public CacheGeometry {
    requirePowerOfTwo("sizeBytes", sizeBytes);
    requirePowerOfTwo("lineBytes", lineBytes);
    requirePowerOfTwo("associativity", associativity);
    if (lineBytes < 4 || lineBytes > Topology.PAGE_BYTES) {
      throw new IllegalArgumentException(
          "lineBytes must be 4.." + Topology.PAGE_BYTES + ", got " + lineBytes);
    }
    if ((long) lineBytes * associativity > sizeBytes) {
      throw new IllegalArgumentException(
          "sizeBytes must hold at least one set of "
              + associativity
              + " lines of "
              + lineBytes
              + " bytes, got "
              + sizeBytes);
    }
  }

  /** The FLASH-like default: 1 MB, 128-byte lines, two-way. */
  public static CacheGeometry flashSecondLevel() {
    return new CacheGeometry(1 << 20, 128, 2);
  }

  public int sets() {
    return sizeBytes / (lineBytes * associativity);
  }

  public int lines() {
    return sizeBytes / lineBytes;
  }

  /** log2 of the line size: a machine address shifted right by this is its line number. */
  public int lineShift() {
    return Integer.numberOfTrailingZeros(lineBytes);
  }

  private static void requirePowerOfTwo(String field, int value) {
    if (value <= 0 || Integer.bitCount(value) != 1) {
      throw new IllegalArgumentException(field + " must be a positive power of two, got " + value);
    }
  }
}
