package disco.hw.machine;

import disco.hw.Endianness;
import java.util.List;
import java.util.Locale;

/**
 * The shape of a machine: its NUMA topology, caches, latencies, and scheduling quantum. Nothing in
 * the machine is random: a run follows from its configuration and its inputs alone.
 * Every field is validated on construction; an impossible configuration is refused with a message
 * that names the field.
 *
 * @param name a label for reports
 * @param nodes NUMA nodes, 1..64
 * @param cpusPerNode CPUs on each node, 1..8
 * @param memoryPerNodeMb machine memory on each node, in MB (1..1024); slices are contiguous
 * @param cacheEnabled whether the cache model runs (off: every access costs a fixed latency by node)
 * @param cacheKb cache size per CPU, KB (power of two)
 * @param lineBytes cache line size (power of two, 16..4096)
 * @param associativity ways (power of two, at most the number of lines)
 * @param protocol coherence protocol: "MSI" or "MESI"
 * @param hitCycles cost of a cache hit
 * @param localMissCycles cost of a miss served by the CPU's own node
 * @param remoteMissCycles cost of a miss served by another node
 * @param quantum instructions each CPU runs before the next one's turn (round robin)
 * @param tlbEntries TLB entries per CPU, 1..64
 * @param missThreshold per-page, per-node miss count that raises the hot-page interrupt; 0 for never
 * @param endianness byte order
 */
public record MachineConfig(
    String name,
    int nodes,
    int cpusPerNode,
    int memoryPerNodeMb,
    boolean cacheEnabled,
    int cacheKb,
    int lineBytes,
    int associativity,
    String protocol,
    int hitCycles,
    int localMissCycles,
    int remoteMissCycles,
    int quantum,
    int tlbEntries,
    int missThreshold,
    Endianness endianness) {

  public MachineConfig {
    range("nodes", nodes, 1, 64);
    range("cpusPerNode", cpusPerNode, 1, 8);
    range("memoryPerNodeMb", memoryPerNodeMb, 1, 1024);
    if ((long) nodes * memoryPerNodeMb > 3072) {
      throw new IllegalArgumentException("nodes x memoryPerNodeMb must be at most 3072 MB (device space lies above RAM), got "
          + (long) nodes * memoryPerNodeMb);
    }
    powerOfTwo("cacheKb", cacheKb, 1, 65536);
    powerOfTwo("lineBytes", lineBytes, 16, 4096);
    powerOfTwo("associativity", associativity, 1, 1024);
    if ((long) cacheKb * 1024 / lineBytes < associativity) {
      throw new IllegalArgumentException("associativity must be at most the number of cache lines ("
          + (long) cacheKb * 1024 / lineBytes + "), got " + associativity);
    }
    protocol = protocol.toUpperCase(Locale.ROOT);
    if (!List.of("MSI", "MESI").contains(protocol)) {
      throw new IllegalArgumentException("protocol must be MSI or MESI, got " + protocol);
    }
    range("hitCycles", hitCycles, 0, 1_000_000);
    range("localMissCycles", localMissCycles, 0, 1_000_000);
    range("remoteMissCycles", remoteMissCycles, 0, 1_000_000);
    range("quantum", quantum, 1, 100_000_000);
    range("tlbEntries", tlbEntries, 1, 64);
    range("missThreshold", missThreshold, 0, Integer.MAX_VALUE);
  }

  private static void range(String field, long v, long min, long max) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(field + " must be " + min + ".." + max + ", got " + v);
    }
  }

  private static void powerOfTwo(String field, int v, int min, int max) {
    range(field, v, min, max);
    if (Integer.bitCount(v) != 1) {
      throw new IllegalArgumentException(field + " must be a power of two, got " + v);
    }
  }

  public int cpus() {
    return nodes * cpusPerNode;
  }

  public long memoryBytes() {
    return (long) nodes * memoryPerNodeMb << 20;
  }

  /**
   * The FLASH-like defaults of the Disco paper's evaluation (section 5): a 1 MB second-level
   * cache with 128-byte lines, 300 ns local and 900 ns remote minimum miss latency; at a 200 MHz
   * clock these are 60 and 180 cycles.
   */
  public static MachineConfig flash(int nodes) {
    // 32 MB per node as on the paper's 8-node machine; flash-16 and up use 16 MB per node so the
    // whole memory stays below the device window and reachable through kseg0.
    return new MachineConfig("flash-" + nodes, nodes, 1, 32, true, 1024, 128, 2, "MESI",
        1, 60, 180, 10_000, 64, 0, Endianness.BIG);
  }

  /** This configuration with {@code memoryPerNodeMb} changed. */
  public MachineConfig withMemoryPerNodeMb(int mb) {
    return new MachineConfig(name, nodes, cpusPerNode, mb, cacheEnabled, cacheKb, lineBytes,
        associativity, protocol, hitCycles, localMissCycles, remoteMissCycles, quantum, tlbEntries,
        missThreshold, endianness);
  }

  /** This configuration with the cache model switched on or off. */
  public MachineConfig withCacheEnabled(boolean enabled) {
    return new MachineConfig(name, nodes, cpusPerNode, memoryPerNodeMb, enabled, cacheKb, lineBytes,
        associativity, protocol, hitCycles, localMissCycles, remoteMissCycles, quantum, tlbEntries,
        missThreshold, endianness);
  }

  /** This configuration with {@code missThreshold} changed. */
  public MachineConfig withMissThreshold(int threshold) {
    return new MachineConfig(name, nodes, cpusPerNode, memoryPerNodeMb, cacheEnabled, cacheKb,
        lineBytes, associativity, protocol, hitCycles, localMissCycles, remoteMissCycles, quantum,
        tlbEntries, threshold, endianness);
  }

  /** A named preset: {@code flash-1}, {@code flash-4}, {@code flash-8}, {@code flash-16}, {@code flash-32}. */
  public static MachineConfig preset(String name) {
    return switch (name) {
      case "flash-1" -> flash(1);
      case "flash-4" -> flash(4);
      case "flash-8" -> flash(8);
      case "flash-16" -> flash(16).withMemoryPerNodeMb(16);
      case "flash-32" -> flash(32).withMemoryPerNodeMb(8);
      default -> throw new IllegalArgumentException("unknown machine preset '" + name
          + "' (known: flash-1, flash-4, flash-8, flash-16, flash-32, or a .yaml/.json file)");
    };
  }
}
