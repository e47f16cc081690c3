package disco.hw.machine;

/**
 * Something a device will do at a later machine cycle, as data (so that a machine's pending events
 * can be snapshot, compared and restored).
 */
public sealed interface DeviceEvent permits DeviceEvent.DiskTransfer {
  /**
   * A disk transfer completing: {@code count} sectors from {@code sector} of disk {@code disk} to
   * or from machine memory at {@code address}. A transfer started through the controller's
   * registers has {@code tag} -1 and ends by setting the status register and raising IP4; one a
   * monitor started through the port carries the monitor's tag and ends by telling the machine's
   * {@link DiskListener}.
   */
  record DiskTransfer(int disk, int sector, int count, int address, boolean toMemory, long tag)
      implements DeviceEvent {}

  /** An event waiting in the machine's queue: it fires once the machine clock reaches {@code cycle}. */
  record Pending(long cycle, long sequence, DeviceEvent event) {}

  /** Hears of the completion of disk transfers a monitor started. */
  interface DiskListener {
    /** Transfer {@code t} is complete: its data has moved through the coherence directory. */
    void completed(DiskTransfer t, long cycle);
  }
}
