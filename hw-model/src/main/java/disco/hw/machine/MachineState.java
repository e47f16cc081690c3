package disco.hw.machine;

import disco.hw.cpu.CpuState;
import disco.hw.mem.MemoryImage;
import disco.hw.numa.MemorySystemState;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The whole state of a {@link Machine} as data: every CPU, machine memory, the memory system
 * (caches, directories, miss counters, statistics), the device registers and the pending device
 * events. Restoring it into a machine of the same configuration and disks makes that machine run on
 * exactly as the original would. Not included: the contents of disk images (files, which the
 * restoring side provides) and console output already written.
 */
public record MachineState(
    List<CpuState> cpus, MemoryImage memory, MemorySystemState memorySystem, boolean[] started,
    int entry, boolean halted, int exitStatus, @Nullable StopReason stopReason, long clock,
    long eventSequence, List<DeviceEvent.Pending> events, boolean hotPagePending, Devices devices) {

  public MachineState {
    cpus = List.copyOf(cpus);
    events = List.copyOf(events);
  }

  /**
   * The device registers: the disk controller's (selected disk, sector, count, address, status,
   * interrupt CPU), the console's input and how much of it was read, the miss-counter device's
   * (selected page, selected node, node of the last event).
   */
  public record Devices(int[] disk, byte[] consoleInput, int consoleRead, int[] missCounters) {}
}
