package disco.monitor.cpu;

import disco.hw.port.RegisterContext;
import disco.monitor.mem.L2Tlb;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A virtual CPU: the "process table entry" of a guest (paper 4.2.1): the registers saved while it
 * does not run, its virtual CP0 with the guest's TLB, its second-level TLB, the physical CPU it
 * runs on, and what it is doing.
 */
public final class VirtualCpu {
  /** What a vCPU is doing. */
  public enum State {
    /** Not started yet (vCPUs other than 0 wait for START_CPU). */
    PARKED,
    /** Ready to run, or running. */
    RUNNABLE,
    /** Waiting for a disk transfer it asked for. */
    DISK_WAIT,
    /** Idle (IDLE or WAIT) until an interrupt it has unmasked is pending. */
    IDLE,
    /** Its VM has stopped. */
    STOPPED
  }

  private final int vm;
  private final int number;
  private final int physicalCpu;
  private final VirtualCp0 cp0;
  private final L2Tlb l2tlb;
  private final int privilegedPage;
  private State state = State.PARKED;
  private @Nullable RegisterContext saved;
  private int pc;
  private int nextPc;
  /** The real Count at which the vCPU's timer was last looked at. */
  int timerCheckedAt;
  /** Disk transfers outstanding for the monitor call it waits in. */
  private int transfersOutstanding;
  private int transferResult;
  /** Cycles run since an enabled interrupt became pending and could not be delivered; -1: none. */
  private final VcpuStats stats;

  public VirtualCpu(int vm, int number, int physicalCpu, VirtualCp0 cp0, L2Tlb l2tlb,
      int privilegedPage, VcpuStats stats) {
    this.stats = stats;
    this.vm = vm;
    this.number = number;
    this.physicalCpu = physicalCpu;
    this.cp0 = cp0;
    this.l2tlb = l2tlb;
    this.privilegedPage = privilegedPage;
  }

  public VcpuStats stats() {
    return stats;
  }

  public int vm() {
    return vm;
  }

  public int number() {
    return number;
  }

  public int physicalCpu() {
    return physicalCpu;
  }

  public VirtualCp0 cp0() {
    return cp0;
  }

  public L2Tlb l2tlb() {
    return l2tlb;
  }

  /** The machine page holding this vCPU's privileged-register page. */
  public int privilegedPage() {
    return privilegedPage;
  }

  public State state() {
    return state;
  }

  public void setState(State s) {
    state = s;
  }

  /** The registers saved when it last stopped running, or null if it never ran. */
  public @Nullable RegisterContext saved() {
    return saved;
  }

  public void save(RegisterContext c, int pc, int nextPc) {
    saved = c;
    this.pc = pc;
    this.nextPc = nextPc;
  }

  public int pc() {
    return pc;
  }

  public int nextPc() {
    return nextPc;
  }

  public void setPc(int pc, int nextPc) {
    this.pc = pc;
    this.nextPc = nextPc;
  }

  public int timerCheckedAt() {
    return timerCheckedAt;
  }

  public void setTimerCheckedAt(int count) {
    timerCheckedAt = count;
  }

  public void startTransfers(int n) {
    transfersOutstanding = n;
    transferResult = 0;
  }

  /** One transfer ended; returns true when it was the last. */
  public boolean transferDone(int result) {
    if (result != 0) {
      transferResult = result;
    }
    return --transfersOutstanding == 0;
  }

  public int transferResult() {
    return transferResult;
  }

  /**
   * A vCPU as data: what it is doing, its saved registers and PC, its virtual CP0 and L2TLB, the
   * timer's last look and its outstanding disk transfers. Its statistics are not part of it: they
   * never change what the monitor does.
   */
  public record Snapshot(State state, @Nullable RegisterContext saved, int pc, int nextPc, int timerCheckedAt,
      int transfersOutstanding, int transferResult, VirtualCp0.State cp0, L2Tlb.State l2tlb) {}

  public Snapshot snapshot() {
    return new Snapshot(state, saved, pc, nextPc, timerCheckedAt, transfersOutstanding, transferResult,
        cp0.state(), l2tlb.state());
  }

  public void restore(Snapshot s) {
    state = s.state();
    saved = s.saved();
    pc = s.pc();
    nextPc = s.nextPc();
    timerCheckedAt = s.timerCheckedAt();
    transfersOutstanding = s.transfersOutstanding();
    transferResult = s.transferResult();
    cp0.restore(s.cp0());
    l2tlb.restore(s.l2tlb());
  }
}
