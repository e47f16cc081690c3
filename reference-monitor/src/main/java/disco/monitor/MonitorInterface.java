package disco.monitor;

/**
 * The interface between a guest kernel and Disco, as constants: the Java side of
 * {@code guests/include/disco_monitor.h} (docs/monitor-interface.md). A test reads the header and
 * compares every value.
 */
public final class MonitorInterface {
  private MonitorInterface() {}

  public static final int PHYS_BASE = 0xC000_0000;
  public static final int PHYS_MAX = 0x1FF0_0000;
  public static final int PRIV_PAGE = 0xDFFF_F000;

  public static final int PRIV_STATUS = 0x00;
  public static final int PRIV_CAUSE = 0x04;
  public static final int PRIV_EPC = 0x08;
  public static final int PRIV_BADVADDR = 0x0C;
  public static final int PRIV_CONTEXT = 0x10;
  public static final int PRIV_ENTRYHI = 0x14;
  public static final int PRIV_EBASE = 0x18;
  public static final int PRIV_COMPARE = 0x1C;
  public static final int PRIV_VCPU = 0x20;
  public static final int PRIV_VCPU_COUNT = 0x24;
  public static final int PRIV_MEMORY_BYTES = 0x28;
  public static final int PRIV_ENTRYLO0 = 0x2C;
  public static final int PRIV_ENTRYLO1 = 0x30;
  public static final int PRIV_INDEX = 0x34;
  public static final int PRIV_USERLOCAL = 0x38;
  public static final int PRIV_SIZE = 0x3C;

  public static final int MC_PUTC = 1;
  public static final int MC_GETC = 2;
  public static final int MC_DISK_READ = 3;
  public static final int MC_DISK_WRITE = 4;
  public static final int MC_DISK_SECTORS = 5;
  public static final int MC_IDLE = 6;
  public static final int MC_HALT = 7;
  public static final int MC_IPI = 8;
  public static final int MC_IPI_ACK = 9;
  public static final int MC_START_CPU = 10;
  public static final int MC_TIME_NANOS = 11;
  public static final int MC_PAGE_ZERO = 12;
  public static final int MC_PAGE_FREED = 13;

  public static final int IRQ_IPI = 3;
  public static final int IRQ_TIMER = 7;

  public static final int EIO = 5;
  public static final int EFAULT = 14;
  public static final int EINVAL = 22;
  public static final int ENOSYS = 38;
}
