package disco.monitor.cpu;

/**
 * What one vCPU did: traps by what Disco did with them, emulated instructions by name, and its
 * cycles split as the paper's Figure 5 splits them (user, guest kernel, monitor, idle).
 */
public final class VcpuStats {
  private final long[] byKind;
  private final java.util.TreeMap<String, Long> emulated = new java.util.TreeMap<>();
  private long userCycles;
  private long kernelCycles;
  private long monitorCycles;
  private long idleCycles;
  private long stallCycles;

  public VcpuStats(int kinds) {
    byKind = new long[kinds];
  }

  public void count(int kind) {
    byKind[kind]++;
  }

  public long count(Enum<?> kind) {
    return byKind[kind.ordinal()];
  }

  public void emulated(String name) {
    emulated.merge(name, 1L, Long::sum);
  }

  public java.util.SortedMap<String, Long> emulatedByName() {
    return java.util.Collections.unmodifiableSortedMap(emulated);
  }

  /** Adds a stretch of run time: user, supervisor (the guest kernel), monitor, idle, stall. */
  public void addCycles(long user, long guestKernel, long monitor, long idle, long stall) {
    userCycles += user;
    kernelCycles += guestKernel;
    monitorCycles += monitor;
    idleCycles += idle;
    stallCycles += stall;
  }

  public long userCycles() {
    return userCycles;
  }

  public long kernelCycles() {
    return kernelCycles;
  }

  public long monitorCycles() {
    return monitorCycles;
  }

  public long idleCycles() {
    return idleCycles;
  }

  public long stallCycles() {
    return stallCycles;
  }
}
