package disco.hw.machine;

import disco.hw.cpu.Cpu;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The disk controller: a DMA command names a disk, sectors and a machine address; the transfer
 * happens at completion time on the machine clock, through the coherence directory, and then
 * raises IP4 on the chosen CPU (docs/devices.md).
 */
final class DiskController implements Device {
  static final long COMMAND_LATENCY = 10_000;
  static final long CYCLES_PER_SECTOR = 100;
  static final int IDLE = 0;
  static final int BUSY = 1;
  static final int DONE = 2;
  static final int ERROR = 3;

  private final Machine machine;
  private final List<@Nullable Disk> disks;
  private int disk;
  private int sector;
  private int count;
  private int address;
  private int status = IDLE;
  private int interruptCpu;

  DiskController(Machine machine, List<@Nullable Disk> disks) {
    this.machine = machine;
    this.disks = disks;
  }

  private @Nullable Disk selected() {
    return disk >= 0 && disk < disks.size() ? disks.get(disk) : null;
  }

  @Override
  public @Nullable Integer read(Cpu cpu, int offset) {
    return switch (offset) {
      case 0x00 -> disk;
      case 0x04 -> sector;
      case 0x08 -> count;
      case 0x0c -> address;
      case 0x14 -> status;
      case 0x1c -> {
        Disk d = selected();
        yield d == null ? 0 : (int) d.sectors;
      }
      case 0x20 -> interruptCpu;
      default -> null;
    };
  }

  @Override
  public boolean write(Cpu cpu, int offset, int value) {
    switch (offset) {
      case 0x00 -> disk = value;
      case 0x04 -> sector = value;
      case 0x08 -> count = value;
      case 0x0c -> address = value;
      case 0x10 -> command(cpu, value);
      case 0x18 -> {
        status = IDLE;
        machine.interrupt(interruptCpu, Machine.IP_DISK, false);
      }
      case 0x20 -> interruptCpu = Math.floorMod(value, machine.config().cpus());
      default -> {
        return false;
      }
    }
    return true;
  }

  private void command(Cpu cpu, int command) {
    if (status == BUSY) {
      return; // one transfer at a time: a command while busy is ignored
    }
    Disk d = selected();
    long bytes = (long) count * Disk.SECTOR;
    if (d == null) {
      status = ERROR;
      machine.interrupt(interruptCpu, Machine.IP_DISK, true);
      return;
    }
    boolean valid = (command == 1 || command == 2) && count > 0
        && Integer.toUnsignedLong(sector) + count <= d.sectors
        && machine.isRam(Integer.toUnsignedLong(address), bytes);
    if (!valid) {
      status = ERROR;
      machine.interrupt(interruptCpu, Machine.IP_DISK, true);
      return;
    }
    status = BUSY;
    int s = sector;
    int n = count;
    int a = address;
    boolean toMemory = command == 1;
    long done = cpu.cycles() + COMMAND_LATENCY + CYCLES_PER_SECTOR * n;
    machine.schedule(done, new DeviceEvent.DiskTransfer(disk, s, n, a, toMemory, -1));
  }

  /** A transfer's completion time has come: the data moves, then the requester is told. */
  void complete(DeviceEvent.DiskTransfer t) {
    Disk d = disks.get(t.disk());
    if (d == null) {
      throw new IllegalStateException("a transfer was scheduled for absent disk " + t.disk());
    }
    int s = t.sector();
    int n = t.count();
    int a = t.address();
    boolean toMemory = t.toMemory();
    try {
      if (toMemory) {
        byte[] data = d.read(Integer.toUnsignedLong(s), n);
        machine.memory().write(a, data, 0, data.length);
      } else {
        byte[] data = new byte[n * Disk.SECTOR];
        machine.memory().read(a, data, 0, data.length);
        d.write(Integer.toUnsignedLong(s), data);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    machine.dma(Integer.toUnsignedLong(a), n * Disk.SECTOR, toMemory);
    if (t.tag() >= 0) {
      machine.diskTransferDone(t);
      return;
    }
    status = DONE;
    machine.interrupt(interruptCpu, Machine.IP_DISK, true);
  }

  /**
   * Starts a transfer for a monitor, beside the registers: returns false, and schedules nothing,
   * for an absent disk, sectors out of range or memory outside RAM.
   */
  boolean startForMonitor(DeviceEvent.DiskTransfer t, long now) {
    Disk d = t.disk() >= 0 && t.disk() < disks.size() ? disks.get(t.disk()) : null;
    long ramTop = Math.min(machine.config().memoryBytes(), DeviceBus.BASE);
    boolean valid = d != null && t.count() > 0 && t.sector() >= 0
        && (long) t.sector() + t.count() <= d.sectors
        && Integer.toUnsignedLong(t.address()) + (long) t.count() * Disk.SECTOR <= ramTop;
    if (valid) {
      machine.schedule(now + COMMAND_LATENCY + CYCLES_PER_SECTOR * t.count(), t);
    }
    return valid;
  }

  /** The size of disk {@code n} in sectors, 0 if absent. */
  long sectors(int n) {
    Disk d = n >= 0 && n < disks.size() ? disks.get(n) : null;
    return d == null ? 0 : d.sectors;
  }

  int[] registers() {
    return new int[] {disk, sector, count, address, status, interruptCpu};
  }

  void restoreRegisters(int[] r) {
    disk = r[0];
    sector = r[1];
    count = r[2];
    address = r[3];
    status = r[4];
    interruptCpu = r[5];
  }
}
