package disco.monitor.trap;

import disco.hw.cpu.CycleBreakdown;
import disco.hw.machine.DeviceEvent;
import disco.hw.mem.Memory;
import disco.hw.port.Access;
import disco.hw.port.CpuPort;
import disco.hw.port.FaultingInstruction;
import disco.hw.port.MachinePort;
import disco.hw.port.RegisterContext;
import disco.hw.port.TrapCause;
import disco.hw.port.TrapFrame;
import disco.hw.port.TrapHandler;
import disco.monitor.cpu.PrivilegedRegisterPage;
import disco.monitor.cpu.Cp0Instruction;
import disco.monitor.cpu.VirtualCp0;
import disco.monitor.cpu.VirtualCpu;
import disco.monitor.cpu.VirtualMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Disco in kernel mode: every exception and interrupt of every CPU comes here (paper 4.2.1). A trap
 * is handled for the vCPU the CPU runs: a TLB miss Disco can answer is answered, a privileged
 * instruction is emulated, a monitor call is served, anything else is reflected to the guest; then
 * the vCPU goes on (receiving a virtual interrupt first if one is deliverable), or the CPU switches
 * to another vCPU it hosts, or idles.
 *
 * <p>The real CPU's state while a guest runs: KSU = supervisor for the guest's kernel mode and user
 * for its user mode, EXL clear, IE set, IM = the monitor's timer and doorbell lines, CU0 clear (so
 * CP0 instructions trap), CU1 and FR as the guest's virtual Status has them; EntryHi holds the
 * guest's ASID (the paper did not virtualize ASIDs: the TLB is flushed on every vCPU switch).
 */
public final class TrapDispatcher implements TrapHandler, DeviceEvent.DiskListener {
  /** Where an idle CPU waits (kseg0: never fetched, the interrupt is taken before). */
  static final int IDLE_PC = 0x8000_0000;
  /** The real interrupt line one CPU rings to make another look at its vCPUs again. */
  public static final int DOORBELL = 5;
  private static final int KSU_SUPERVISOR = 1 << 3;
  private static final int KSU_USER = 2 << 3;
  private static final int REAL_EXL = 2;

  private final MachinePort port;
  private final List<VirtualMachine> vms;
  private final List<List<VirtualCpu>> hosted = new ArrayList<>();
  private final @Nullable VirtualCpu[] current;
  private final CycleBreakdown[] since;
  /** The vCPU each CPU ran last: a CPU's idle stretch is charged to it (see {@link #account}). */
  private final @Nullable VirtualCpu[] lastRan;
  private final long[] sliceStart;
  /** Per CPU: the cycle up to which its current vCPU's run has been charged to the watchdog. */
  private final long[] watchedSince;
  /** Per CPU: a vCPU it hosts has become runnable since its last interrupt (see {@link #woke}). */
  private final boolean[] wakeups;
  /** Real ASIDs by vCPU when the TLB is tagged (Scenario.Parameters.asidTagging); null: flush at switches. */
  private final @Nullable AsidTags tags;
  /**
   * Per VM and vCPU: the cycles it has run with interrupts disabled since it last had them
   * enabled or gave up its CPU (IDLE, a disk wait); its own time only, so time-slicing with
   * other vCPUs on its CPU neither resets nor inflates it.
   */
  private final long[][] disabledRun;
  private final MemoryVirtualization memory;
  private final MonitorCalls calls;
  private final Memory machineMemory;
  private final CostModel costs;
  private final long sliceCycles;
  private final long watchdogCycles;
  /** Seeded faults (none in a normal run). */
  private final java.util.Set<disco.monitor.trap.SeededFault> faults;
  private @Nullable Consumer<TraceEvent> trace;

  public TrapDispatcher(MachinePort port, List<VirtualMachine> vms, disco.monitor.mem.MachinePages pages,
      disco.monitor.mem.Memmap memmap, CostModel costs, long sliceCycles, long watchdogCycles, boolean asidTagging,
      java.util.Set<disco.monitor.trap.SeededFault> faults) {
    this.faults = java.util.EnumSet.noneOf(disco.monitor.trap.SeededFault.class);
    this.faults.addAll(faults);
    this.port = port;
    this.vms = vms;
    this.machineMemory = port.machine().memory();
    this.costs = costs;
    this.sliceCycles = sliceCycles;
    this.watchdogCycles = watchdogCycles;
    int n = port.cpuCount();
    current = new VirtualCpu[n];
    since = new CycleBreakdown[n];
    lastRan = new VirtualCpu[n];
    sliceStart = new long[n];
    watchedSince = new long[n];
    wakeups = new boolean[n];
    disabledRun = new long[vms.size()][];
    for (VirtualMachine vm : vms) {
      disabledRun[vm.id()] = new long[vm.vcpus().size()];
    }
    for (int i = 0; i < n; i++) {
      hosted.add(new ArrayList<>());
      since[i] = port.cycleBreakdown(i);
    }
    for (VirtualMachine vm : vms) {
      for (VirtualCpu v : vm.vcpus()) {
        hosted.get(v.physicalCpu()).add(v);
      }
    }
    tags = asidTagging ? new AsidTags(n) : null;
    memory = new MemoryVirtualization(pages, memmap, machineMemory, costs, tags, this.faults);
    calls = new MonitorCalls(port, memory, costs, this.faults.contains(disco.monitor.trap.SeededFault.DMA_UNTRANSLATED));
  }

  /** Sends a description of every trap to {@code sink} (null: none). */
  public void trace(@Nullable Consumer<TraceEvent> sink) {
    trace = sink;
  }

  List<VirtualMachine> vms() {
    return vms;
  }

  MemoryVirtualization memory() {
    return memory;
  }

  /**
   * The machine address behind guest-physical {@code gpa} of {@code vm}, giving its page machine
   * memory on {@code v}'s node if it has none (for loading a kernel); -1 when memory is exhausted.
   */
  public long guestToMachine(VirtualMachine vm, long gpa, VirtualCpu v) {
    return memory.machineAddress(vm, disco.spec.addr.Addresses.guestPhysical(gpa), node(v), null);
  }

  /** The node of the CPU {@code v} runs on: where its first-touch pages go. */
  int node(VirtualCpu v) {
    return port.nodeOfCpu(v.physicalCpu());
  }

  VirtualMachine vmOf(VirtualCpu v) {
    return vms.get(v.vm());
  }

  // ---- start ---------------------------------------------------------------------------------

  /** Starts every CPU: each runs its first runnable vCPU or idles. Call once, after the boot set-up. */
  public void start() {
    for (int n = 0; n < port.cpuCount(); n++) {
      port.startCpu(n);
      port.cpu(n).install(this);
      since[n] = port.cycleBreakdown(n);
      schedule(port.cpu(n), null);
    }
  }

  // ---- the trap --------------------------------------------------------------------------------

  @Override
  public void trap(TrapFrame f) {
    CpuPort cpu = f.cpu();
    int n = cpu.number();
    cpu.chargeMonitorCycles(costs.trap());
    TrapCause cause = f.cause();
    FaultingInstruction insn = f.instruction();
    VirtualCpu v = current[n];
    if (v != null && v.state() == VirtualCpu.State.RUNNABLE) {
      // The guest ran since the last trap with the virtual Status it had then: only a trap can
      // change it (its Status writes, ERET, DI/EI are emulated; exceptions and interrupts are
      // delivered by the monitor), so the watchdog's count is exact, not sampled.
      watch(cpu, v);
    }
    if (cause instanceof TrapCause.Interrupt) {
      realInterrupt(cpu, n);
      if (v == null) {
        wakeups[n] = false;
        schedule(cpu, null);
      } else {
        note(cpu, v, TrapKind.INTERRUPT, "interrupt", "timer/doorbell");
        boolean wake = wakeups[n];
        wakeups[n] = false;
        if (wake && v.state() == VirtualCpu.State.RUNNABLE && otherRunnable(n, v)) {
          v.save(cpu.saveContext(), insn.address(), insn.next());
          schedule(cpu, v); // the vCPU that woke runs now (woke)
          return;
        }
        go(cpu, v, insn.address(), insn.next());
      }
      return;
    }
    if (v == null) { // cannot happen: an idle CPU takes only interrupts
      schedule(cpu, null);
      return;
    }
    VirtualMachine vm = vmOf(v);
    if (cause instanceof TrapCause.CoprocessorUnusable c && c.coprocessor() == 0 && v.cp0().kernelMode()) {
      emulate(cpu, vm, v, insn);
    } else if (cause instanceof TrapCause.SystemCall && v.cp0().kernelMode()) {
      v.stats().count(TrapKind.MONITOR_CALL.ordinal());
      int number = cpu.gpr(2); // the call's number: $v0 holds its result afterwards
      String what = calls.call(this, cpu, vm, v);
      note(cpu, v, TrapKind.MONITOR_CALL, "syscall v0=" + number, what);
      go(cpu, v, insn.next(), insn.next() + 4);
    } else if (cause instanceof TrapCause.TlbRefill r) {
      tlbFault(cpu, vm, v, insn, r.access(), r.badVAddr(), false);
    } else if (cause instanceof TrapCause.TlbInvalid i) {
      tlbFault(cpu, vm, v, insn, i.access(), i.badVAddr(), false);
    } else if (cause instanceof TrapCause.TlbModified m) {
      tlbFault(cpu, vm, v, insn, Access.STORE, m.badVAddr(), true);
    } else if (cause instanceof TrapCause.AddressError a) {
      reflect(cpu, vm, v, insn, a.excCode(), false, a.badVAddr(), false, 0, "address error");
    } else if (cause instanceof TrapCause.CoprocessorUnusable c) {
      reflect(cpu, vm, v, insn, c.excCode(), false, 0, false, c.coprocessor(), "coprocessor unusable");
    } else {
      reflect(cpu, vm, v, insn, cause.excCode(), false, 0, false, 0, cause.getClass().getSimpleName());
    }
  }

  private void emulate(CpuPort cpu, VirtualMachine vm, VirtualCpu v, FaultingInstruction insn) {
    Cp0Instruction decoded = Cp0Instruction.decode(insn.word().orElse(0));
    cpu.chargeMonitorCycles(costs.emulate());
    String name = Emulator.name(decoded);
    v.stats().count(TrapKind.EMULATED.ordinal());
    v.stats().emulated(name);
    Emulator.Result r = Emulator.emulate(decoded, cpu, v);
    watch(cpu, v); // MTC0 Status, ERET, EI may have enabled interrupts: the count restarts
    note(cpu, v, TrapKind.EMULATED, "cpu-unusable", name);
    if (r instanceof Emulator.Result.Return ret) {
      go(cpu, v, ret.pc(), ret.pc() + 4);
      return;
    }
    if (r instanceof Emulator.Result.Reserved) {
      reflect(cpu, vm, v, insn, 10, false, 0, false, 0, "reserved instruction");
      return;
    }
    if (r instanceof Emulator.Result.MachineCheck mc
        && faults.contains(disco.monitor.trap.SeededFault.DUPLICATE_TLB_ENTRY_ACCEPTED)) {
      r = new Emulator.Result.TlbWrite(mc.index());
    }
    if (r instanceof Emulator.Result.MachineCheck) {
      reflect(cpu, vm, v, insn, 24, false, 0, false, 0, "a TLB write duplicating an entry");
      return;
    }
    if (r instanceof Emulator.Result.TlbWrite w) {
      String refused = memory.guestTlbWrite(cpu, vm, v, node(v), w.index(), v.cp0().pendingEntry());
      if (refused != null) {
        stopVm(vm, refused);
      }
    } else if (r instanceof Emulator.Result.Idle) {
      idle(v);
    }
    go(cpu, v, insn.next(), insn.next() + 4);
  }

  private void tlbFault(CpuPort cpu, VirtualMachine vm, VirtualCpu v, FaultingInstruction insn,
      Access access, int va, boolean modified) {
    MemoryVirtualization.Outcome o = memory.fault(cpu, vm, v, node(v), access, va, modified);
    if (o instanceof MemoryVirtualization.Outcome.Filled filled) {
      v.stats().count(filled.kind().ordinal());
      note(cpu, v, filled.kind(), String.format("tlb %s 0x%08x", access, va), filled.how());
      go(cpu, v, insn.address(), insn.next());
    } else if (o instanceof MemoryVirtualization.Outcome.Reflect r) {
      reflect(cpu, vm, v, insn, r.excCode(), r.refill(), va, r.setsTlbFault(), 0, r.why());
    } else if (o instanceof MemoryVirtualization.Outcome.Stop s) {
      stopVm(vm, s.why());
      go(cpu, v, insn.address(), insn.next());
    }
  }

  /**
   * Reflects exception {@code excCode} to the guest (paper 4.2.1): the virtual CP0 is set as the
   * hardware would set it (Vol. III 6.2) and the vCPU goes on at its vector in its kernel mode.
   */
  private void reflect(CpuPort cpu, VirtualMachine vm, VirtualCpu v, FaultingInstruction insn,
      int excCode, boolean refill, int badVAddr, boolean tlbFault, int ce, String why) {
    VirtualCp0 cp0 = v.cp0();
    cpu.chargeMonitorCycles(costs.reflect());
    boolean exlWas = (cp0.status() & VirtualCp0.ST_EXL) != 0;
    cp0.enterException(excCode, insn.epc(), insn.inDelaySlot(), ce);
    if (tlbFault) {
      cp0.setTlbFault(badVAddr);
    } else if (excCode == 4 || excCode == 5) {
      cp0.setBadVAddr(badVAddr);
    }
    int vector = cp0.vector(refill, exlWas, false);
    TrapKind kind = refill || (tlbFault && excCode != 1) ? TrapKind.TLB_FORWARDED : TrapKind.REFLECTED;
    v.stats().count(kind.ordinal());
    note(cpu, v, kind, why, String.format("reflected ExcCode %d to 0x%08x", excCode, vector));
    if (insn.address() == vector && excCode != 0 && insn.word().isEmpty()) {
      stopVm(vm, String.format("its exception vector 0x%08x cannot be fetched (ExcCode %d)", vector, excCode));
    }
    go(cpu, v, vector, vector + 4);
  }

  // ---- interrupts, timers, idling --------------------------------------------------------------

  /** A real interrupt: the doorbell is answered and every hosted vCPU's timer looked at. */
  private void realInterrupt(CpuPort cpu, int n) {
    cpu.setInterruptLine(DOORBELL, false);
    int count = cpu.readCp0(9, 0);
    for (VirtualCpu v : hosted.get(n)) {
      checkTimer(v, count);
    }
    VirtualCpu v = current[n];
    if (v != null && v.state() == VirtualCpu.State.RUNNABLE) {
      v.stats().count(TrapKind.INTERRUPT.ordinal());
      long off = watch(cpu, v);
      if (off > watchdogCycles) {
        stopVm(vmOf(v), "it ran " + off
            + " cycles with interrupts disabled (the watchdog allows " + watchdogCycles + ")");
      }
    }
  }

  /**
   * Charges the cycles {@code v} ran on {@code cpu} since last looked at to its watchdog count
   * (or clears the count if it has interrupts enabled now) and returns the count.
   */
  private long watch(CpuPort cpu, VirtualCpu v) {
    int n = cpu.number();
    boolean enabled = (v.cp0().status() & 7) == VirtualCp0.ST_IE;
    long[] run = disabledRun[v.vm()];
    run[v.number()] = enabled ? 0 : run[v.number()] + cpu.cycles() - watchedSince[n];
    watchedSince[n] = cpu.cycles();
    return run[v.number()];
  }

  /** Posts {@code v}'s timer interrupt if virtual Count passed virtual Compare since last looked. */
  private void checkTimer(VirtualCpu v, int count) {
    VirtualCp0 cp0 = v.cp0();
    int from = cp0.count(v.timerCheckedAt());
    int to = cp0.count(count);
    long toCompare = (cp0.compare() - from) & 0xffff_ffffL;
    long elapsed = (to - from) & 0xffff_ffffL;
    if (toCompare != 0 && toCompare <= elapsed) {
      cp0.postTimer();
    }
    v.setTimerCheckedAt(count);
    wakeIfPending(v);
  }

  /** An IDLE or WAIT: the vCPU sleeps unless an interrupt it has unmasked is already pending. */
  void idle(VirtualCpu v) {
    if (v.cp0().pendingUnmasked() == 0) {
      v.setState(VirtualCpu.State.IDLE);
    }
  }

  /** An idle vCPU with an unmasked interrupt pending becomes runnable; its CPU is told. */
  void wakeIfPending(VirtualCpu v) {
    if (v.state() == VirtualCpu.State.IDLE && v.cp0().pendingUnmasked() != 0) {
      v.setState(VirtualCpu.State.RUNNABLE);
      woke(v);
    }
  }

  /**
   * {@code v} has become runnable after a wait: its CPU is rung and, at that interrupt, gives it
   * the CPU at once instead of at the end of the running vCPU's slice. A vCPU that waited for its
   * disk is often the holder of a guest lock that its VM's other vCPUs spin on with interrupts
   * off; making it wait a whole slice per transfer would multiply their spinning by the number of
   * transfers.
   */
  private void woke(VirtualCpu v) {
    wakeups[v.physicalCpu()] = true;
    ring(v.physicalCpu());
  }

  /** Makes CPU {@code n} trap into the monitor soon (it re-examines its vCPUs). */
  void ring(int n) {
    port.cpu(n).setInterruptLine(DOORBELL, true);
  }

  /** Stops {@code vm} alone; the CPUs running its vCPUs leave them at their next trap. */
  void stopVm(VirtualMachine vm, String why) {
    if (!vm.stopped()) {
      vm.stop(why);
    }
    vm.vcpus().forEach(x -> ring(x.physicalCpu()));
  }

  /** The VM halted itself. */
  void haltVm(VirtualMachine vm, int status) {
    vm.console().flush();
    vm.halted(status);
    vm.vcpus().forEach(x -> ring(x.physicalCpu()));
  }

  // ---- going on --------------------------------------------------------------------------------

  /**
   * Continues {@code v} at {@code pc} (with {@code nextPc} after it: a delay slot when not pc + 4),
   * unless it can no longer run or its time slice is over, in which case the CPU moves on.
   */
  private void go(CpuPort cpu, VirtualCpu v, int pc, int nextPc) {
    int n = cpu.number();
    boolean sliceOver = cpu.cycles() - sliceStart[n] >= sliceCycles && otherRunnable(n, v);
    if (v.state() != VirtualCpu.State.RUNNABLE || sliceOver) {
      v.save(cpu.saveContext(), pc, nextPc);
      schedule(cpu, v);
      return;
    }
    enter(cpu, v, pc, nextPc);
  }

  private boolean otherRunnable(int n, VirtualCpu v) {
    for (VirtualCpu o : hosted.get(n)) {
      if (o != v && o.state() == VirtualCpu.State.RUNNABLE) {
        return true;
      }
    }
    return false;
  }

  /**
   * Picks the next runnable vCPU this CPU hosts after {@code after} (round robin) and runs it, or
   * idles the CPU until an interrupt.
   */
  private void schedule(CpuPort cpu, @Nullable VirtualCpu after) {
    int n = cpu.number();
    List<VirtualCpu> mine = hosted.get(n);
    int start = after == null ? 0 : mine.indexOf(after) + 1;
    VirtualCpu next = null;
    for (int i = 0; i < mine.size() && next == null; i++) {
      VirtualCpu c = mine.get((start + i) % mine.size());
      if (c.state() == VirtualCpu.State.RUNNABLE) {
        next = c;
      }
    }
    switchTo(cpu, next);
  }

  /**
   * Gives CPU {@code n} to vCPU {@code v}, which it hosts and which is runnable, as the scheduler
   * would at a slice's end (the vCPU it ran is preempted and saved): for a driver that chooses every
   * switch, as a model checker does.
   */
  public void runOn(int n, VirtualCpu v) {
    if (v.physicalCpu() != n || v.state() != VirtualCpu.State.RUNNABLE) {
      throw new IllegalArgumentException("vCPU " + v.number() + " of VM " + v.vm() + " is "
          + v.state() + " on CPU " + v.physicalCpu() + ", not runnable on CPU " + n);
    }
    CpuPort cpu = port.cpu(n);
    VirtualCpu was = current[n];
    if (was != null && was != v) {
      was.save(cpu.saveContext(), cpu.pc(), cpu.pc() + 4);
    }
    switchTo(cpu, v);
  }

  /** Makes {@code next} (null: none) CPU {@code cpu}'s vCPU and runs it, or idles the CPU. */
  private void switchTo(CpuPort cpu, @Nullable VirtualCpu next) {
    int n = cpu.number();
    VirtualCpu was = current[n];
    if (was != null) {
      if (was.state() == VirtualCpu.State.RUNNABLE) {
        watch(cpu, was); // preempted: its count goes on when it next runs
      } else {
        disabledRun[was.vm()][was.number()] = 0; // it waits or has stopped: it is not spinning
      }
    }
    if (next != was) {
      // The vCPU this CPU ran before it idled, with nothing run here since: the TLB still holds
      // only its entries, so resuming it is no switch (no flush, no charge).
      boolean resumed = was == null && next != null && next == lastRan[n];
      account(cpu, was);
      current[n] = next;
      if (next != null) {
        if (!resumed) {
          if (tags != null) {
            AsidTags.dropGlobals(cpu); // the next vCPU's own entries stay, under its real ASIDs
          } else if (!faults.contains(disco.monitor.trap.SeededFault.TLB_KEPT_ON_SWITCH)) {
            cpu.tlbFlush();
          }
          cpu.chargeMonitorCycles(costs.vcpuSwitch());
        }
        RegisterContext saved = next.saved();
        if (saved != null) {
          cpu.restoreContext(saved);
        }
      }
    }
    if (next == null) {
      idleCpu(cpu);
      return;
    }
    sliceStart[n] = cpu.cycles();
    watchedSince[n] = cpu.cycles();
    enter(cpu, next, next.pc(), next.nextPc());
  }

  /**
   * Adds the CPU's cycles since the last switch to the vCPU that ran them. A stretch in which the
   * CPU ran no vCPU (it waited, or the monitor answered its doorbell) is charged to the vCPU it ran
   * last, so a vCPU that has its CPU to itself, as in the paper's Figure 5 runs, shows its idle time;
   * where vCPUs share a CPU, the idle time goes to the one that went idle last.
   */
  private void account(CpuPort cpu, @Nullable VirtualCpu running) {
    int n = cpu.number();
    CycleBreakdown now = cpu.cycleBreakdown();
    CycleBreakdown s = since[n];
    VirtualCpu last = lastRan[n];
    VirtualCpu v = running != null ? running
        : last != null && last.state() != VirtualCpu.State.STOPPED ? last : null;
    if (running != null) {
      lastRan[n] = running;
    }
    if (v != null) {
      v.stats().addCycles(now.user() - s.user(), now.supervisor() - s.supervisor(),
          now.monitor() - s.monitor() + now.kernel() - s.kernel(), now.idle() - s.idle(),
          now.stall() - s.stall());
    }
    since[n] = now;
  }

  /** Brings the CPU's cycles up to date in the vCPUs' statistics (at the end of a run). */
  public void accountAll() {
    for (int n = 0; n < port.cpuCount(); n++) {
      account(port.cpu(n), current[n]);
    }
  }

  /** Runs {@code v} at {@code pc}: a deliverable virtual interrupt first, then the real CPU set up. */
  private void enter(CpuPort cpu, VirtualCpu v, int pc, int nextPc) {
    VirtualCp0 cp0 = v.cp0();
    if (cp0.deliverable() != 0) {
      boolean slot = nextPc != pc + 4;
      cp0.enterException(0, slot ? pc - 4 : pc, slot, 0);
      int vector = cp0.vector(false, false, true);
      v.stats().count(TrapKind.VIRTUAL_INTERRUPT.ordinal());
      note(cpu, v, TrapKind.VIRTUAL_INTERRUPT, String.format("lines 0x%02x", cp0.deliverable() | cp0.pendingUnmasked()),
          String.format("delivered at 0x%08x", vector));
      pc = vector;
      nextPc = vector + 4;
    }
    PrivilegedRegisterPage.write(machineMemory, v, vmOf(v));
    int status = cp0.status();
    int mode = cp0.kernelMode() ? KSU_SUPERVISOR : KSU_USER;
    int real = mode | VirtualCp0.ST_IE | (1 << (8 + 7)) | (1 << (8 + DOORBELL))
        | (status & (VirtualCp0.ST_CU1 | VirtualCp0.ST_FR));
    cpu.writeCp0(12, 0, real | REAL_EXL);
    AsidTags t = tags;
    cpu.writeCp0(10, 0, t == null ? cp0.asid() : t.real(cpu, v, cp0.asid()));
    cpu.writeCp0(7, 0, cp0.hwrEna());
    cpu.writeCp0(4, 2, cp0.userLocal());
    programTimer(cpu, cpu.number());
    cpu.enter(pc, nextPc);
  }

  /** Sets the real Compare to the nearest of: the slice's end, any hosted vCPU's timer. */
  private void programTimer(CpuPort cpu, int n) {
    int count = cpu.readCp0(9, 0);
    long delta = sliceCycles;
    for (VirtualCpu v : hosted.get(n)) {
      VirtualCp0 cp0 = v.cp0();
      if (v.state() == VirtualCpu.State.STOPPED || v.state() == VirtualCpu.State.PARKED
          || (cp0.cause() & VirtualCp0.CAUSE_TI) != 0) {
        continue;
      }
      long d = (cp0.compare() - cp0.count(count)) & 0xffff_ffffL;
      if (d != 0 && d < delta) {
        delta = d;
      }
    }
    cpu.writeCp0(11, 0, count + (int) Math.max(1, delta));
  }

  /** Nothing to run: the CPU waits for its doorbell or a hosted vCPU's timer. */
  private void idleCpu(CpuPort cpu) {
    int n = cpu.number();
    boolean timers = false;
    for (VirtualCpu v : hosted.get(n)) {
      if (v.state() == VirtualCpu.State.IDLE || v.state() == VirtualCpu.State.DISK_WAIT) {
        timers |= (v.cp0().status() & (1 << (8 + 7))) != 0;
      }
    }
    int real = VirtualCp0.ST_IE | (1 << (8 + DOORBELL)) | (timers ? 1 << (8 + 7) : 0);
    cpu.writeCp0(12, 0, real | REAL_EXL);
    if (timers) {
      programTimer(cpu, n);
    }
    cpu.waitForInterrupt(IDLE_PC);
  }

  // ---- disk completions ------------------------------------------------------------------------

  @Override
  public void completed(DeviceEvent.DiskTransfer t, long cycle) {
    VirtualMachine vm = vms.get((int) (t.tag() >>> 16));
    VirtualCpu v = vm.vcpus().get((int) (t.tag() & 0xffff));
    if (v.transferDone(0) && v.state() == VirtualCpu.State.DISK_WAIT) {
      RegisterContext c = v.saved();
      if (c != null) {
        int[] g = c.gpr().clone();
        g[2] = v.transferResult();
        v.save(new RegisterContext(g, c.hi(), c.lo(), c.fpu()), v.pc(), v.nextPc());
      }
      v.setState(VirtualCpu.State.RUNNABLE);
      woke(v);
    }
  }

  // ---- trace -----------------------------------------------------------------------------------

  private void note(CpuPort cpu, VirtualCpu v, TrapKind kind, String cause, String action) {
    Consumer<TraceEvent> t = trace;
    if (t != null) {
      t.accept(new TraceEvent(cpu.cycles(), cpu.number(), vmOf(v).name(), v.number(), kind, cause, action));
    }
  }

  /**
   * The dispatcher's own state as data: each CPU's current and last-run vCPU (VM << 16 | vCPU, -1
   * for none), its cycles at the last switch, its slice and watchdog marks and wake-up flag, and
   * each vCPU's watchdog count.
   */
  public record State(int[] current, int[] lastRan, List<CycleBreakdown> since, long[] sliceStart,
      long[] watchedSince, boolean[] wakeups, List<long[]> disabledRun) {}

  /** The state as data; refused with ASID tagging, whose real-ASID tables are not part of it. */
  public State state() {
    if (tags != null) {
      throw new IllegalStateException("a monitor with ASID tagging cannot be snapshot");
    }
    List<long[]> run = new ArrayList<>();
    for (long[] r : disabledRun) {
      run.add(r.clone());
    }
    return new State(ids(current), ids(lastRan), List.of(since), sliceStart.clone(), watchedSince.clone(),
        wakeups.clone(), run);
  }

  public void restore(State s) {
    for (int n = 0; n < current.length; n++) {
      current[n] = vcpu(s.current()[n]);
      lastRan[n] = vcpu(s.lastRan()[n]);
      since[n] = s.since().get(n);
    }
    System.arraycopy(s.sliceStart(), 0, sliceStart, 0, sliceStart.length);
    System.arraycopy(s.watchedSince(), 0, watchedSince, 0, watchedSince.length);
    System.arraycopy(s.wakeups(), 0, wakeups, 0, wakeups.length);
    for (int i = 0; i < disabledRun.length; i++) {
      System.arraycopy(s.disabledRun().get(i), 0, disabledRun[i], 0, disabledRun[i].length);
    }
  }

  private static int[] ids(@Nullable VirtualCpu[] vs) {
    int[] out = new int[vs.length];
    for (int i = 0; i < vs.length; i++) {
      VirtualCpu v = vs[i];
      out[i] = v == null ? -1 : v.vm() << 16 | v.number();
    }
    return out;
  }

  private @Nullable VirtualCpu vcpu(int id) {
    return id < 0 ? null : vms.get(id >>> 16).vcpus().get(id & 0xffff);
  }

  /** The vCPU CPU {@code n} runs now, or null. */
  public @Nullable VirtualCpu current(int n) {
    return current[n];
  }
}
