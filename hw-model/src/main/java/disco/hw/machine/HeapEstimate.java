package disco.hw.machine;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The most Java heap a machine of a given configuration can come to hold, part by part, so that a
 * configuration too large for this process is refused before it runs rather than failing with
 * {@link OutOfMemoryError} minutes into a run.
 *
 * <p>It is an upper bound on what the guest can make the model allocate, not what it allocates at
 * start: memory pages are allocated on first touch, directory entries exist only while a line is
 * cached, miss counters only for pages that missed. A guest that touches all of its memory and
 * fills every cache with distinct lines reaches it; no guest can go beyond it, so a machine that
 * passes the check cannot exhaust the heap whatever its guest does. Object sizes are those of a
 * 64-bit HotSpot JVM with compressed references (12-byte headers, 8-byte alignment), rounded up;
 * an array large enough for G1 to give it regions of its own is counted as the regions it takes.
 *
 * @param memory the machine's RAM as 4 KB pages of words, and the table of all 2^20 pages
 * @param caches each CPU's tag, state and recency arrays (a long, a byte and a long a line)
 * @param directory one entry for every line that can be cached at once (map node, key, entry, sharer
 *     set), and each node's hash table
 * @param missCounters one set of per-node counters for every page of RAM, and their hash table
 * @param processors the CPUs (registers, TLB, FPU) and the rest of the machine's fixed structures
 */
public record HeapEstimate(long memory, long caches, long directory, long missCounters, long processors) {
  /** A 4 KB page of words: the array and its header. */
  static final long PAGE_BYTES = 4096 + 16;
  /** The page table: a reference for each of the 2^20 pages of the 4 GB space. */
  static final long PAGE_TABLE_BYTES = (1L << 20) * 4;
  /**
   * Per directory entry: hash map node (32), boxed line number (16), entry (24), bit set (24)
   * and its word array (24, and 8 more for every 64 CPUs beyond the first).
   */
  static final long DIRECTORY_ENTRY_BYTES = 32 + 16 + 24 + 24 + 24;
  /** Per page with counters: map node (32), boxed page number (16), counter object (24), array header (16). */
  static final long COUNTER_PAGE_BYTES = 32 + 16 + 24 + 16;
  /** Per CPU: the Cpu object, its registers, CP0, TLB, FPU, statistics. */
  static final long CPU_BYTES = 4096;
  /** The rest of the process: loaded classes, the CLI, the ELF image's parsing. */
  static final long BASE_BYTES = 64L << 20;

  /** The estimate for {@code c} in this JVM (its garbage collector's large-object regions counted). */
  public static HeapEstimate of(MachineConfig c) {
    return of(c, largeObjectRegionBytes());
  }

  /**
   * The estimate for {@code c} when arrays of at least half of {@code regionBytes} take whole
   * regions of that size, as G1 places its "humongous" objects; 0 for a collector that does not.
   */
  public static HeapEstimate of(MachineConfig c, long regionBytes) {
    long ramPages = c.memoryBytes() / 4096;
    long caches = 0;
    long directory = 0;
    if (c.cacheEnabled()) {
      long linesPerCpu = (long) c.cacheKb() * 1024 / c.lineBytes();
      long perCpu = 2 * array(linesPerCpu * 8, regionBytes) + array(linesPerCpu, regionBytes);
      caches = c.cpus() * perCpu;
      // Entries exist only for lines some cache holds, and each node's map holds only its own lines.
      long cachedAtOnce = Math.min(c.cpus() * linesPerCpu, c.memoryBytes() / c.lineBytes());
      long perNode = Math.min(cachedAtOnce, ((long) c.memoryPerNodeMb() << 20) / c.lineBytes());
      directory = cachedAtOnce * (DIRECTORY_ENTRY_BYTES + 8L * ((c.cpus() - 1) / 64))
          + c.nodes() * hashTable(perNode, regionBytes);
    }
    long counters = ramPages * (COUNTER_PAGE_BYTES + 4L * c.nodes()) + hashTable(ramPages, regionBytes);
    return new HeapEstimate(array(PAGE_TABLE_BYTES, regionBytes) + ramPages * PAGE_BYTES, caches, directory,
        counters, BASE_BYTES + c.cpus() * CPU_BYTES);
  }

  /** A hash map's table of references for {@code entries}: a power of two, at most 3/4 full. */
  private static long hashTable(long entries, long regionBytes) {
    return array(Long.highestOneBit(Math.max(1, entries * 4 / 3)) * 2 * 4, regionBytes);
  }

  /** What an array of {@code bytes} (header included) occupies. */
  private static long array(long bytes, long regionBytes) {
    long b = bytes + 16;
    return regionBytes > 0 && b >= regionBytes / 2 ? (b + regionBytes - 1) / regionBytes * regionBytes : b;
  }

  /** G1's region size if this JVM runs G1, else 0. */
  static long largeObjectRegionBytes() {
    try {
      HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      if (vm != null && Boolean.parseBoolean(vm.getVMOption("UseG1GC").getValue())) {
        return Long.parseLong(vm.getVMOption("G1HeapRegionSize").getValue());
      }
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // Not HotSpot, or options by other names: count arrays at their size.
    }
    return 0;
  }

  /** The whole estimate, in bytes. */
  public long total() {
    return memory + caches + directory + missCounters + processors;
  }

  /**
   * Refuses a configuration whose estimate exceeds {@code maxHeap} (the process's {@link
   * Runtime#maxMemory()}), with one line naming {@code label} (the preset or file), both figures
   * and the parts.
   */
  public void check(String label, long maxHeap) throws InvalidConfigException {
    if (total() > maxHeap) {
      throw new InvalidConfigException(label + ": needs up to " + size(total()) + " of Java heap (memory "
          + size(memory) + ", caches " + size(caches) + ", directory " + size(directory) + ", miss counters "
          + size(missCounters) + ", the rest " + size(processors) + "), more than the " + size(maxHeap)
          + " this Java may use (its -Xmx)");
    }
  }

  /** Bytes in MB below a GB, else in GB, one decimal. */
  static String size(long bytes) {
    return bytes < 1L << 30
        ? String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20))
        : String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
  }
}
