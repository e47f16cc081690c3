package disco.hw.port;

import disco.hw.cpu.CycleBreakdown;
import disco.hw.machine.DeviceEvent;
import disco.hw.machine.Machine;
import disco.hw.machine.MachineState;
import disco.hw.machine.MissCounters;
import disco.hw.numa.MemorySystem;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The multiprocessor as a monitor and a model checker see it: CPUs and nodes, IPIs, the disk and
 * console as a monitor drives them, the miss counters, cycles by mode, stepping in a chosen order,
 * and the whole state as data.
 */
public final class MachinePort {
  private final Machine machine;
  private final List<CpuPort> cpus = new ArrayList<>();
  private long round;

  private MachinePort(Machine machine) {
    this.machine = machine;
    machine.cpus().forEach(c -> cpus.add(CpuPort.of(c)));
  }

  public static MachinePort of(Machine machine) {
    return new MachinePort(machine);
  }

  public Machine machine() {
    return machine;
  }

  public int cpuCount() {
    return cpus.size();
  }

  public CpuPort cpu(int n) {
    return cpus.get(n);
  }

  /** Installs {@code handler} on every CPU. */
  public void install(@Nullable TrapHandler handler) {
    cpus.forEach(c -> c.install(handler));
  }

  // ---- topology -------------------------------------------------------------------------------

  public int nodes() {
    return machine.config().nodes();
  }

  /** The node CPU {@code cpu} sits on. */
  public int nodeOfCpu(int cpu) {
    return machine.nodeOf(cpu);
  }

  /** The home node of machine page {@code page} (machine address >> 12). */
  public int nodeOfPage(long page) {
    return memorySystem().topology().nodeOfPage(page);
  }

  /** The caches and directories, read-only. */
  public MemorySystem memorySystem() {
    return machine.memorySystem();
  }

  /** FLASH's per-page, per-node miss counters. */
  public MissCounters missCounters() {
    return machine.missCounters();
  }

  // ---- processors and interrupts --------------------------------------------------------------

  /** Sends an IPI to CPU {@code n} (its IP3), starting it at the boot entry if it is parked. */
  public void sendIpi(int n) {
    machine.sendIpi(n);
  }

  /** Starts parked CPU {@code n} at the boot entry without raising an interrupt. */
  public void startCpu(int n) {
    machine.startCpu(n);
  }

  // ---- devices as a monitor drives them -------------------------------------------------------

  /**
   * Starts a DMA from disk {@code disk} into machine memory at {@code machineAddress}; it completes
   * at a later machine cycle and then {@link #onDiskCompletion the listener} hears of it with
   * {@code tag}. Returns false for a bad disk, sector range or address. Started at the machine
   * clock: for a transfer a CPU asks for, use {@link #diskTransfer}.
   */
  public boolean diskRead(int disk, int sector, int count, int machineAddress, long tag) {
    return startTransfer(new DeviceEvent.DiskTransfer(disk, sector, count, machineAddress, true, tag));
  }

  /** Starts a DMA from machine memory to disk; as {@link #diskRead}. */
  public boolean diskWrite(int disk, int sector, int count, int machineAddress, long tag) {
    return startTransfer(new DeviceEvent.DiskTransfer(disk, sector, count, machineAddress, false, tag));
  }

  private boolean startTransfer(DeviceEvent.DiskTransfer t) {
    return machine.startDiskTransfer(t, machine.clock());
  }

  /**
   * Starts a transfer (read or write, as {@code t} says) at the requesting CPU's own time, as the
   * disk controller starts a command a CPU writes: a monitor answering a guest's request must use
   * this, for the machine clock is the previous round's and the CPU may have run most of a quantum
   * past it, which would take that much off the transfer's latency.
   */
  public boolean diskTransfer(CpuPort requester, int disk, int sector, int count, int machineAddress, boolean read,
      long tag) {
    return machine.startDiskTransfer(new DeviceEvent.DiskTransfer(disk, sector, count, machineAddress, read, tag),
        requester.cycles());
  }

  /** Who is told when a transfer started through the port completes. */
  public void onDiskCompletion(DeviceEvent.@Nullable DiskListener listener) {
    machine.setDiskListener(listener);
  }

  public long diskSectors(int disk) {
    return machine.diskSectors(disk);
  }

  public void consoleWrite(int b) {
    machine.consoleWrite(b);
  }

  /** The next console input byte, or -1. */
  public int consoleRead() {
    return machine.consoleRead();
  }

  public List<DeviceEvent.Pending> pendingEvents() {
    return machine.pendingEvents();
  }

  // ---- time -----------------------------------------------------------------------------------

  public long clock() {
    return machine.clock();
  }

  public CycleBreakdown cycleBreakdown(int cpu) {
    return cpus.get(cpu).cycleBreakdown();
  }

  /** Every CPU's cycles, by mode, added up. */
  public CycleBreakdown totalCycleBreakdown() {
    CycleBreakdown sum = new CycleBreakdown(0, 0, 0, 0, 0, 0);
    for (CpuPort c : cpus) {
      sum = sum.plus(c.cycleBreakdown());
    }
    return sum;
  }

  // ---- stepping -------------------------------------------------------------------------------

  /** Runs CPU {@code n} for up to {@code steps} steps, then fires the device events due. */
  public long step(int n, long steps) {
    return machine.runCpu(n, steps);
  }

  /**
   * Runs up to {@code rounds} rounds, each in the order {@code scheduler} gives; returns the rounds
   * run, fewer when the machine stopped (see {@link Machine#stopReason}, {@link Machine#halted}).
   */
  public long runRounds(long rounds, Scheduler scheduler) {
    for (long r = 0; r < rounds; r++) {
      if (!machine.runRound(scheduler.order(round++, cpus.size()))) {
        return r + 1;
      }
    }
    return rounds;
  }

  /**
   * With no CPU running: advances the machine clock to the next pending device event and fires it
   * (and any due at the same cycle), as the machine does when every CPU waits. Returns false when
   * no event is pending.
   */
  public boolean fireNextEvent() {
    return machine.fireNextEvent();
  }

  // ---- state ----------------------------------------------------------------------------------

  public MachineState snapshot() {
    return machine.state();
  }

  public void restore(MachineState state) {
    machine.restore(state);
  }

  /** A SHA-256 fingerprint of the whole state: equal states, equal fingerprints. */
  public String fingerprint() {
    return Fingerprint.of(snapshot());
  }
}
