package disco.monitor.trap;

/**
 * What the monitor's work costs, in cycles of the CPU that does it. Disco's code is Java here, so
 * its time is charged rather than simulated. The defaults are this implementation's own estimates
 * for a 200 MHz R10000-class machine, sized from the paper's description of the work (a trap into
 * the monitor and back, a software TLB lookup, a page zeroed by a cache-line loop); the paper
 * reports the resulting overheads (3% to 16% for its workloads, section 5.2), not the unit costs.
 * docs/reference-monitor.md lists them.
 *
 * @param trap entering the monitor and leaving it again (every trap)
 * @param emulate decoding and emulating one privileged instruction
 * @param reflect setting up the virtual exception state and vector of a reflected exception
 * @param l2tlbHit a hardware TLB miss answered by the L2TLB
 * @param l2tlbMiss an L2TLB miss: the guest's TLB searched and the entry translated through the pmap
 * @param pmapFill a miss in the supervisor segment filled from the pmap
 * @param monitorCall a monitor call's own work (besides its DMA or page work)
 * @param pageZero zeroing a 4 KB machine page
 * @param pageAllocate taking a machine page for a guest page on first touch
 * @param vcpuSwitch saving one vCPU, flushing the TLB and loading another
 */
public record CostModel(long trap, long emulate, long reflect, long l2tlbHit, long l2tlbMiss,
    long pmapFill, long monitorCall, long pageZero, long pageAllocate, long vcpuSwitch) {
  public static final CostModel DEFAULT = new CostModel(40, 20, 30, 25, 120, 60, 50, 1024, 200, 400);

  public CostModel {
    for (long v : new long[] {trap, emulate, reflect, l2tlbHit, l2tlbMiss, pmapFill, monitorCall,
        pageZero, pageAllocate, vcpuSwitch}) {
      if (v < 0) {
        throw new IllegalArgumentException("a cost must be >= 0 cycles, got " + v);
      }
    }
  }
}
