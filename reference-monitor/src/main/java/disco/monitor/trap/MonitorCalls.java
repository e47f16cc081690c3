package disco.monitor.trap;

import disco.hw.port.CpuPort;
import disco.hw.port.MachinePort;
import disco.hw.port.RegisterContext;
import disco.monitor.MonitorInterface;
import disco.monitor.cpu.VirtualCpu;
import disco.monitor.cpu.VirtualMachine;
import disco.spec.addr.Addresses;
import disco.spec.addr.GuestPhysical;
import disco.spec.addr.MachineAddr;

/**
 * The monitor calls of docs/monitor-interface.md (paper 4.2.4 and 4.3: the guest's devices, idle
 * loop and page hints talk to Disco directly). Every address a guest names is checked against its
 * own memory; Disco never touches another VM's memory on a guest's behalf.
 */
final class MonitorCalls {
  /** Nanoseconds since 1970 at cycle 0 (the machine's real-time clock starts at 2024-01-01). */
  private static final long EPOCH_NANOS = 1_704_067_200L * 1_000_000_000L;
  private static final long NANOS_PER_CYCLE = 5;

  private final MachinePort port;
  private final MemoryVirtualization memory;
  private final CostModel costs;

  /** The seeded fault DMA_UNTRANSLATED: the guest-physical address taken as a machine address. */
  private final boolean untranslated;

  MonitorCalls(MachinePort port, MemoryVirtualization memory, CostModel costs, boolean untranslated) {
    this.untranslated = untranslated;
    this.port = port;
    this.memory = memory;
    this.costs = costs;
  }

  /** Serves the call in $v0 for {@code v}; the result goes to $v0 (and $v1). Returns what it did. */
  String call(TrapDispatcher dispatcher, CpuPort cpu, VirtualMachine vm, VirtualCpu v) {
    cpu.chargeMonitorCycles(costs.monitorCall());
    int number = cpu.gpr(2);
    int a0 = cpu.gpr(4);
    int a1 = cpu.gpr(5);
    int a2 = cpu.gpr(6);
    int a3 = cpu.gpr(7);
    int result;
    String what;
    switch (number) {
      case MonitorInterface.MC_PUTC -> {
        vm.console().put(a0 & 0xff);
        result = 0;
        what = "PUTC";
      }
      case MonitorInterface.MC_GETC -> {
        result = vm.console().take();
        what = "GETC";
      }
      case MonitorInterface.MC_DISK_READ, MonitorInterface.MC_DISK_WRITE -> {
        boolean read = number == MonitorInterface.MC_DISK_READ;
        result = disk(dispatcher, cpu, vm, v, read, a0, a1, a2, a3);
        what = (read ? "DISK_READ" : "DISK_WRITE") + " disk " + a0 + " sector " + a1 + " count " + a2
            + " pa 0x" + Integer.toHexString(a3) + " -> " + result;
      }
      case MonitorInterface.MC_DISK_SECTORS -> {
        int d = vm.machineDisk(a0);
        result = d < 0 ? 0 : (int) port.diskSectors(d);
        what = "DISK_SECTORS";
      }
      case MonitorInterface.MC_IDLE -> {
        dispatcher.idle(v);
        result = 0;
        what = "IDLE";
      }
      case MonitorInterface.MC_HALT -> {
        dispatcher.haltVm(vm, a0 & 0xff);
        result = 0;
        what = "HALT " + (a0 & 0xff);
      }
      case MonitorInterface.MC_IPI -> {
        result = ipi(dispatcher, vm, a0);
        what = "IPI vcpu " + a0;
      }
      case MonitorInterface.MC_IPI_ACK -> {
        v.cp0().setLine(MonitorInterface.IRQ_IPI, false);
        result = 0;
        what = "IPI_ACK";
      }
      case MonitorInterface.MC_START_CPU -> {
        result = startCpu(dispatcher, vm, a0);
        what = "START_CPU " + a0;
      }
      case MonitorInterface.MC_TIME_NANOS -> {
        long nanos = EPOCH_NANOS + cpu.cycles() * NANOS_PER_CYCLE;
        cpu.setGpr(3, (int) (nanos >>> 32));
        result = (int) nanos;
        what = "TIME_NANOS";
      }
      case MonitorInterface.MC_PAGE_ZERO -> {
        result = pageZero(cpu, vm, v, a0);
        what = "PAGE_ZERO 0x" + Integer.toHexString(a0) + " -> " + result;
      }
      case MonitorInterface.MC_PAGE_FREED -> {
        result = (a0 & 0xfff) != 0 ? -MonitorInterface.EINVAL
            : vm.pmap().contains(gpa(a0)) ? 0 : -MonitorInterface.EFAULT;
        what = "PAGE_FREED 0x" + Integer.toHexString(a0);
      }
      default -> {
        result = -MonitorInterface.ENOSYS;
        what = "unknown call " + number;
      }
    }
    cpu.setGpr(2, result);
    return what;
  }

  private static @GuestPhysical long gpa(int raw) {
    return Addresses.guestPhysical(raw & 0xffff_ffffL);
  }

  /**
   * A disk transfer between VM disk {@code disk} and guest-physical {@code pa}, one DMA per page
   * (the guest's pages need not be contiguous in machine memory). The vCPU waits for them all.
   */
  private int disk(TrapDispatcher dispatcher, CpuPort cpu, VirtualMachine vm, VirtualCpu v, boolean read, int disk, int sector,
      int count, int pa) {
    int d = vm.machineDisk(disk);
    if (d < 0) {
      return -MonitorInterface.EINVAL;
    }
    if ((pa & 511) != 0) {
      return -MonitorInterface.EINVAL;
    }
    long bytes = (count & 0xffff_ffffL) * 512;
    long start = pa & 0xffff_ffffL;
    if (bytes == 0) {
      return 0;
    }
    if (start + bytes > vm.memoryBytes()) {
      return -MonitorInterface.EFAULT;
    }
    if ((sector & 0xffff_ffffL) + (count & 0xffff_ffffL) > port.diskSectors(d)) {
      return -MonitorInterface.EIO;
    }
    int pieces = 0;
    for (long at = start; at < start + bytes; at = (at & ~0xfffL) + 4096) {
      pieces++;
    }
    v.startTransfers(pieces);
    long tag = ((long) vm.id() << 16) | v.number();
    for (long at = start; at < start + bytes; at = (at & ~0xfffL) + 4096) {
      long end = Math.min(start + bytes, (at & ~0xfffL) + 4096);
      @MachineAddr long m = untranslated ? disco.spec.addr.Addresses.machine(at)
          : memory.machineAddress(vm, gpa((int) at), dispatcher.node(v), cpu);
      if (m < 0) {
        dispatcher.stopVm(vm, "machine memory is exhausted");
        return -MonitorInterface.EIO;
      }
      int s = (int) (sector + (at - start) / 512);
      int n = (int) ((end - at) / 512);
      // Started at the calling CPU's own time (MachinePort.diskTransfer), so the transfer keeps
      // its whole latency.
      boolean ok = port.diskTransfer(cpu, d, s, n, (int) m, read, tag);
      if (!ok) {
        throw new IllegalStateException("a checked disk transfer was refused: disk " + d + " sector " + s);
      }
    }
    v.setState(VirtualCpu.State.DISK_WAIT);
    return 0;
  }

  private int ipi(TrapDispatcher dispatcher, VirtualMachine vm, int target) {
    if (target < 0 || target >= vm.vcpus().size()) {
      return -MonitorInterface.EINVAL;
    }
    VirtualCpu t = vm.vcpus().get(target);
    t.cp0().setLine(MonitorInterface.IRQ_IPI, true);
    dispatcher.wakeIfPending(t);
    dispatcher.ring(t.physicalCpu());
    return 0;
  }

  private int startCpu(TrapDispatcher dispatcher, VirtualMachine vm, int target) {
    if (target < 0 || target >= vm.vcpus().size()) {
      return -MonitorInterface.EINVAL;
    }
    VirtualCpu t = vm.vcpus().get(target);
    if (t.state() != VirtualCpu.State.PARKED) {
      return 0;
    }
    int[] g = new int[32];
    g[4] = target;
    g[29] = (int) (MonitorInterface.PHYS_BASE + vm.memoryBytes() - 16 - target * 0x10000L);
    RegisterContext c = t.saved();
    if (c == null) {
      throw new IllegalStateException("vCPU " + target + " has no initial context");
    }
    t.save(new RegisterContext(g, 0, 0, c.fpu()), vm.entry(), vm.entry() + 4);
    t.setState(VirtualCpu.State.RUNNABLE);
    dispatcher.ring(t.physicalCpu());
    return 0;
  }

  private int pageZero(CpuPort cpu, VirtualMachine vm, VirtualCpu v, int pa) {
    if ((pa & 0xfff) != 0) {
      return -MonitorInterface.EINVAL;
    }
    if (!vm.pmap().contains(gpa(pa))) {
      return -MonitorInterface.EFAULT;
    }
    int m = vm.pmap().machinePage(Addresses.guestPage((pa >>> 12) & 0xfffff));
    if (m >= 0) {
      MemoryVirtualization.zero(port.machine().memory(), m);
      cpu.chargeMonitorCycles(costs.pageZero());
    }
    return 0;
  }
}
