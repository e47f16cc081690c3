package disco.hw.numa;

import disco.hw.mem.Memory;

/**
 * The shape of the CC-NUMA machine: {@code nodes} nodes, each with {@code cpusPerNode} processors
 * and a slice of {@code memoryBytesPerNode} bytes of machine memory.
 *
 * <p>CPUs are numbered node by node (CPU {@code c} sits on node {@code c / cpusPerNode}), and
 * machine memory is cut into contiguous slices, node 0 owning the lowest addresses: page {@code p}
 * is homed on node {@code p / pagesPerNode}. FLASH interleaved memory the same way, by high address
 * bits, so that a page lives entirely on one node and the monitor can place it by choosing its
 * machine page number.
 *
 * <p>The limits: the paper's configurations had a few dozen processors at most, so 64 nodes of up
 * to 8 CPUs is ample, and it keeps a set of nodes in one {@code long}. A node's slice is at most
 * 16 GB, so the whole machine fits the R10000's 40-bit physical address.
 *
 * @param nodes number of nodes, 1..64
 * @param cpusPerNode processors on each node, 1..8
 * @param memoryBytesPerNode bytes of machine memory on each node, a positive multiple of the 4 KB
 *     page and at most 16 GB
 */
public record Topology(int nodes, int cpusPerNode, long memoryBytesPerNode) {
  public static final int MAX_NODES = 64;
  public static final int MAX_CPUS_PER_NODE = 8;
  public static final long MAX_MEMORY_BYTES_PER_NODE = 1L << 34;
  /** The page, for placement and for the miss counters: the MIPS 4 KB base page. */
  public static final int PAGE_SHIFT = Memory.PAGE_SHIFT;

  public static final int PAGE_BYTES = 1 << PAGE_SHIFT;

  public Topology {
    if (nodes < 1 || nodes > MAX_NODES) {
      throw new IllegalArgumentException("nodes must be 1.." + MAX_NODES + ", got " + nodes);
    }
    if (cpusPerNode < 1 || cpusPerNode > MAX_CPUS_PER_NODE) {
      throw new IllegalArgumentException(
          "cpusPerNode must be 1.." + MAX_CPUS_PER_NODE + ", got " + cpusPerNode);
    }
    if (memoryBytesPerNode <= 0
        || memoryBytesPerNode > MAX_MEMORY_BYTES_PER_NODE
        || memoryBytesPerNode % PAGE_BYTES != 0) {
      throw new IllegalArgumentException(
          "memoryBytesPerNode must be a positive multiple of "
              + PAGE_BYTES
              + " up to "
              + MAX_MEMORY_BYTES_PER_NODE
              + ", got "
              + memoryBytesPerNode);
    }
  }

  /** Total processors in the machine. */
  public int cpus() {
    return nodes * cpusPerNode;
  }

  public long pagesPerNode() {
    return memoryBytesPerNode >>> PAGE_SHIFT;
  }

  public long totalMemoryBytes() {
    return memoryBytesPerNode * nodes;
  }

  public long totalPages() {
    return pagesPerNode() * nodes;
  }

  /** The node CPU {@code cpu} sits on. */
  public int nodeOfCpu(int cpu) {
    if (cpu < 0 || cpu >= cpus()) {
      throw new IllegalArgumentException("cpu must be 0.." + (cpus() - 1) + ", got " + cpu);
    }
    return cpu / cpusPerNode;
  }

  /** The home node of machine page {@code machinePageNumber}: the node whose slice holds it. */
  public int nodeOfPage(long machinePageNumber) {
    if (machinePageNumber < 0 || machinePageNumber >= totalPages()) {
      throw new IllegalArgumentException(
          "machinePageNumber must be 0.." + (totalPages() - 1) + ", got " + machinePageNumber);
    }
    return (int) (machinePageNumber / pagesPerNode());
  }

  /** The first machine page homed on {@code node}, handy for placing pages in tests and policies. */
  public long firstPageOfNode(int node) {
    if (node < 0 || node >= nodes) {
      throw new IllegalArgumentException("node must be 0.." + (nodes - 1) + ", got " + node);
    }
    return node * pagesPerNode();
  }
}
