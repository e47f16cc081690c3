package disco.monitor.operate;

import disco.hw.port.CpuPort;
import disco.hw.port.MachinePort;
import disco.monitor.Disco;
import disco.monitor.cpu.VirtualCpu;
import disco.monitor.cpu.VirtualMachine;
import disco.monitor.trap.TraceEvent;
import disco.monitor.trap.TrapKind;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Performs {@link GuestOperation}s on a started {@link Disco}, one at a time. A load, store, TLB
 * write or monitor call is executed as its instruction by the vCPU's real CPU (MIPS32 Vol. II
 * encodings, {@link CpuPort#execute}): the hardware TLB, the trap, and Disco's handling of it are
 * the ones a running guest meets. A trap Disco resolves itself (a TLB miss filled from the pmap,
 * the L2TLB or the guest's TLB) is followed by the retry the hardware would make; a trap reflected
 * to the guest ends the operation there, with the guest's virtual CP0 showing the exception, as it
 * would be on entry to the guest's handler. A disk read's transfer completes before the operation
 * returns (the machine's clock runs on to it; no CPU runs).
 *
 * <p>The registers an operation uses ($v0, $a0..$a3, $t0, $t1) are set before its instruction and
 * cleared after it, so that no value of an earlier operation survives in a register.
 *
 * <p>What it needs from the scenario: no guest code (the kernel image is loaded but never fetched),
 * a time slice and a watchdog long enough never to expire during a driven run (the driver does
 * not advance time except for disk transfers), and no ASID tagging (see {@link Disco#snapshot}).
 */
public final class OperationDriver {
  private static final int T0 = 8;
  private static final int T1 = 9;
  private static final int V0 = 2;
  /** LW $t0, 0($t1) and SW $t0, 0($t1). */
  private static final int LW = 0x23 << 26 | T1 << 21 | T0 << 16;
  private static final int SW = 0x2b << 26 | T1 << 21 | T0 << 16;
  private static final int TLBWI = 0x4200_0002;
  private static final int ERET = 0x4200_0018;
  private static final int SYSCALL = 0x0000_000c;
  /** A retry after a fill may meet one more fill (the other half of a pair, a pmap fill): bounded. */
  private static final int RETRIES = 4;

  private final Disco disco;
  private final MachinePort port;
  private final List<TraceEvent> events = new ArrayList<>();

  public OperationDriver(Disco disco) {
    this.disco = disco;
    this.port = disco.port();
    disco.start();
    disco.dispatcher().trace(events::add);
  }

  public Disco disco() {
    return disco;
  }

  /** Whether {@code op} can be performed now (its vCPU runs on its CPU, or for a switch, can run). */
  public boolean enabled(GuestOperation op) {
    VirtualCpu v = vcpu(op);
    if (v == null) {
      return false;
    }
    if (op instanceof GuestOperation.Switch) {
      return v.state() == VirtualCpu.State.RUNNABLE && !current(v);
    }
    return runs(v);
  }

  /** Whether vCPU {@code vcpu} of VM {@code vm} runs on its CPU now (so that it can act). */
  public boolean runs(int vm, int vcpu) {
    VirtualCpu v = vcpu(vm, vcpu);
    return v != null && runs(v);
  }

  private boolean runs(VirtualCpu v) {
    return v.state() == VirtualCpu.State.RUNNABLE && current(v);
  }

  /** Whether {@code v} is the vCPU its CPU runs (it may have stopped since). */
  private boolean current(VirtualCpu v) {
    return disco.dispatcher().current(v.physicalCpu()) == v;
  }

  /** Performs {@code op}; an operation that is not {@link #enabled} is refused. */
  public OperationResult perform(GuestOperation op) {
    VirtualCpu v = vcpu(op);
    if (v == null || !enabled(op)) {
      throw new IllegalStateException(op + " is not enabled now");
    }
    CpuPort cpu = port.cpu(v.physicalCpu());
    events.clear();
    OptionalInt value = OptionalInt.empty();
    boolean completed;
    if (op instanceof GuestOperation.Switch) {
      disco.dispatcher().runOn(v.physicalCpu(), v);
      completed = true;
    } else if (op instanceof GuestOperation.Load l) {
      cpu.setGpr(T1, l.va());
      completed = access(cpu, v, LW);
      if (completed) {
        value = OptionalInt.of(cpu.gpr(T0));
      }
    } else if (op instanceof GuestOperation.Store s) {
      cpu.setGpr(T1, s.va());
      cpu.setGpr(T0, s.value());
      completed = access(cpu, v, SW);
    } else if (op instanceof GuestOperation.TlbWrite w) {
      completed = mtc0(cpu, v, 0, w.index()) && mtc0(cpu, v, 10, w.entryHi()) && mtc0(cpu, v, 2, w.entryLo0())
          && mtc0(cpu, v, 3, w.entryLo1()) && privileged(cpu, v, TLBWI);
    } else if (op instanceof GuestOperation.Mtc0 m) {
      completed = mtc0(cpu, v, m.register(), m.value());
    } else if (op instanceof GuestOperation.Eret) {
      completed = privileged(cpu, v, ERET);
    } else if (op instanceof GuestOperation.MonitorCall c) {
      cpu.setGpr(V0, c.number());
      cpu.setGpr(4, c.a0());
      cpu.setGpr(5, c.a1());
      cpu.setGpr(6, c.a2());
      cpu.setGpr(7, c.a3());
      cpu.execute(SYSCALL);
      completed = !reflected();
      while (v.state() == VirtualCpu.State.DISK_WAIT && port.fireNextEvent()) {
        // the transfer runs to its end; the vCPU becomes runnable with the call's result
      }
      if (completed) {
        value = OptionalInt.of(result(cpu, v));
      }
    } else {
      throw new IllegalArgumentException("unknown operation " + op);
    }
    clearScratch(cpu, v);
    int excCode = -1;
    int vector = 0;
    if (!completed && !disco.vms().get(op.vm()).stopped()) {
      excCode = (v.cp0().cause() >>> 2) & 0x1f;
      vector = current(v) ? cpu.pc() : v.pc();
    }
    return new OperationResult(completed, value, excCode, vector, List.copyOf(events), stopReason(op));
  }

  /** The monitor call's $v0: in the CPU if the vCPU still runs, else in its saved registers. */
  private int result(CpuPort cpu, VirtualCpu v) {
    var saved = v.saved();
    if (!current(v) && saved != null) {
      return saved.gpr()[V0];
    }
    return cpu.gpr(V0);
  }

  /** Executes a load or store, retrying after each fill Disco makes, as the hardware would. */
  private boolean access(CpuPort cpu, VirtualCpu v, int word) {
    for (int i = 0; i <= RETRIES; i++) {
      int before = events.size();
      if (cpu.execute(word)) {
        return true;
      }
      if (!filled(before) || !runs(v)) {
        return false;
      }
    }
    throw new IllegalStateException("an access at a fixed address kept missing after " + RETRIES + " fills");
  }

  private boolean mtc0(CpuPort cpu, VirtualCpu v, int reg, int value) {
    cpu.setGpr(T0, value);
    return privileged(cpu, v, 0x10 << 26 | 0x04 << 21 | T0 << 16 | reg << 11);
  }

  /** A CP0 instruction: it traps (Coprocessor Unusable in supervisor mode) and Disco emulates it. */
  private boolean privileged(CpuPort cpu, VirtualCpu v, int word) {
    cpu.execute(word);
    return !reflected() && runs(v);
  }

  /** Whether the traps since {@code from} ended in a fill the hardware retries after. */
  private boolean filled(int from) {
    if (events.size() == from) {
      return false;
    }
    TrapKind k = events.get(events.size() - 1).kind();
    return k == TrapKind.TLB_PMAP || k == TrapKind.TLB_L2TLB || k == TrapKind.TLB_GUEST_TLB;
  }

  private boolean reflected() {
    return events.stream().anyMatch(e -> e.kind() == TrapKind.REFLECTED || e.kind() == TrapKind.TLB_FORWARDED);
  }

  private void clearScratch(CpuPort cpu, VirtualCpu v) {
    if (current(v)) {
      for (int r : new int[] {V0, 4, 5, 6, 7, T0, T1}) {
        cpu.setGpr(r, 0);
      }
    }
    var saved = v.saved();
    if (saved != null) {
      int[] g = saved.gpr().clone();
      for (int r : new int[] {V0, 4, 5, 6, 7, T0, T1}) {
        g[r] = 0;
      }
      v.save(new disco.hw.port.RegisterContext(g, saved.hi(), saved.lo(), saved.fpu()), v.pc(), v.nextPc());
    }
  }

  private @org.checkerframework.checker.nullness.qual.Nullable String stopReason(GuestOperation op) {
    return disco.vms().get(op.vm()).stopReason();
  }

  private @org.checkerframework.checker.nullness.qual.Nullable VirtualCpu vcpu(GuestOperation op) {
    return vcpu(op.vm(), op.vcpu());
  }

  private @org.checkerframework.checker.nullness.qual.Nullable VirtualCpu vcpu(int vm, int vcpu) {
    List<VirtualMachine> vms = disco.vms();
    if (vm < 0 || vm >= vms.size()) {
      return null;
    }
    List<VirtualCpu> vs = vms.get(vm).vcpus();
    return vcpu < 0 || vcpu >= vs.size() ? null : vs.get(vcpu);
  }
}
