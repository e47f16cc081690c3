package disco.monitor;

/**
 * What the monitor's own work costs, in machine cycles, so that virtualization overhead is
 * measured by the simulated clock rather than guessed. Each field is one kind of monitor work.
 *
 * @param trapEntry entering the monitor from a guest (saving state, dispatch)
 * @param privilegedEmulation emulating one privileged instruction
 * @param l2TlbRefill refilling the hardware TLB from the second-level software TLB
 * @param pageCopy copying one 4 KB page
 * @param tlbShootdown invalidating one translation on one CPU
 */
public record CostModel(
    long trapEntry, long privilegedEmulation, long l2TlbRefill, long pageCopy, long tlbShootdown) {

  public CostModel {
    long[] all = {trapEntry, privilegedEmulation, l2TlbRefill, pageCopy, tlbShootdown};
    for (long c : all) {
      if (c < 0) {
        throw new IllegalArgumentException("a monitor cost cannot be negative: " + c);
      }
    }
  }

  /** Cycles charged for one trap that emulates {@code instructions} privileged instructions. */
  public long emulationTrap(int instructions) {
    if (instructions < 0) {
      throw new IllegalArgumentException("instructions < 0: " + instructions);
    }
    return trapEntry + (long) instructions * privilegedEmulation;
  }
}
