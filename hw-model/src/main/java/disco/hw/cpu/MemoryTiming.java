package disco.hw.cpu;

/**
 * The memory system's view of a CPU's accesses, in architectural mode: every data access, and
 * every instruction fetch from a new cache line, is reported with its physical address, and the
 * returned cycles are added to the CPU's clock. The machine uses it to run the caches and the
 * coherence directory, count misses per page and node, and break other CPUs' LL links on stores.
 */
public interface MemoryTiming {
  /**
   * @param cpu the accessing CPU
   * @param physicalAddress the physical (machine) address
   * @param kind {@link #FETCH}, {@link #LOAD} or {@link #STORE}
   * @param cached false for an uncached access (kseg1, or a TLB page with C = 2, or K0 = 2)
   * @return cycles the access costs beyond the one cycle every instruction costs
   */
  long access(Cpu cpu, int physicalAddress, int kind, boolean cached);

  int FETCH = 0;
  int LOAD = 1;
  int STORE = 2;
}
