package disco.hw.machine;

import disco.hw.cpu.ExceptionLoop;

/**
 * Why a run of the machine ended: data, each with one sentence for people and the exit status
 * {@code disco run} gives (README, "Command line").
 */
public sealed interface StopReason {
  /** One sentence saying why the machine stopped. */
  String sentence();

  /** The exit status of {@code disco run}. */
  int exitStatus();

  /** The guest wrote {@code status} to the halt register; its low 8 bits are the exit status. */
  record Halted(int status) implements StopReason {
    @Override
    public String sentence() {
      return "the guest wrote " + status + " to the halt register";
    }

    @Override
    public int exitStatus() {
      return status & 0xff;
    }
  }

  /** Every CPU is waiting (WAIT) or parked and no device event can wake one. */
  record Idle() implements StopReason {
    public static final int EXIT_STATUS = 3;

    @Override
    public String sentence() {
      return "every CPU is waiting or parked and no device event is pending";
    }

    @Override
    public int exitStatus() {
      return EXIT_STATUS;
    }
  }

  /** The machine clock reached the limit the run was given. */
  record CycleLimit(long limit) implements StopReason {
    public static final int EXIT_STATUS = 124;

    @Override
    public String sentence() {
      return "stopped at the cycle limit of " + limit;
    }

    @Override
    public int exitStatus() {
      return EXIT_STATUS;
    }
  }

  /** CPU {@code cpu} took the same exception at the same PC over and over, completing nothing. */
  record NoProgress(int cpu, ExceptionLoop loop) implements StopReason {
    public static final int EXIT_STATUS = 125;

    @Override
    public String sentence() {
      return "CPU " + cpu + " makes no progress: " + loop.sentence();
    }

    @Override
    public int exitStatus() {
      return EXIT_STATUS;
    }
  }
}
