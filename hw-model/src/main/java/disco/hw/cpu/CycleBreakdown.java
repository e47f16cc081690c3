package disco.hw.cpu;

/**
 * A CPU's cycles by what it was doing (the categories of Figure 5 of the Disco paper): each
 * instruction costs one cycle in the mode it executed in; the memory system's extra cycles for
 * fetches and data accesses are memory stall, whatever the mode; cycles a supervisor charges for
 * its work are the monitor's; cycles spent in WAIT, or waiting for a device event while no CPU
 * could run, are idle. The parts add up to {@link Cpu#cycles()}.
 */
public record CycleBreakdown(long user, long supervisor, long kernel, long monitor, long idle, long stall) {
  /** Indexes of the modes, for {@link Cpu#modeIndex()}. */
  public static final int USER = 0;

  public static final int SUPERVISOR = 1;
  public static final int KERNEL = 2;

  /** Every cycle: the sum of the parts. */
  public long total() {
    return user + supervisor + kernel + monitor + idle + stall;
  }

  /** The sum of two breakdowns (for a machine's total). */
  public CycleBreakdown plus(CycleBreakdown o) {
    return new CycleBreakdown(user + o.user, supervisor + o.supervisor, kernel + o.kernel,
        monitor + o.monitor, idle + o.idle, stall + o.stall);
  }
}
