package disco.hw.machine;

import disco.hw.cpu.Cpu;

/** The miss counters as registers (docs/devices.md): select a page and node, read, reset, poll. */
final class MissCounterDevice implements Device {
  private final Machine machine;
  private final MissCounters counters;
  private int page;
  private int node;
  private int lastNode;

  MissCounterDevice(Machine machine, MissCounters counters) {
    this.machine = machine;
    this.counters = counters;
  }

  /**
   * Whether the selected page is a machine page. The page number is the guest's to choose: a page
   * beyond memory has no counters, so it reads 0 and its reset does nothing (docs/devices.md).
   */
  private boolean pageExists() {
    return Integer.toUnsignedLong(page) < machine.config().memoryBytes() >>> 12;
  }

  int[] registers() {
    return new int[] {page, node, lastNode};
  }

  void restoreRegisters(int[] r) {
    page = r[0];
    node = r[1];
    lastNode = r[2];
  }

  @Override
  public @org.checkerframework.checker.nullness.qual.Nullable Integer read(Cpu cpu, int offset) {
    return switch (offset) {
      case 0x00 -> page;
      case 0x04 -> node;
      case 0x08 -> pageExists() && node >= 0 && node < machine.config().nodes()
          ? (int) Math.min(counters.misses(Integer.toUnsignedLong(page), node), Integer.MAX_VALUE) : 0;
      case 0x10 -> {
        disco.hw.numa.HotPage h = counters.pollHotPage();
        if (h == null) {
          machine.hotPageQueueDrained();
          yield -1;
        }
        lastNode = h.node();
        yield (int) h.page();
      }
      case 0x14 -> lastNode;
      case 0x18 -> counters.threshold();
      default -> null;
    };
  }

  @Override
  public boolean write(Cpu cpu, int offset, int value) {
    switch (offset) {
      case 0x00 -> page = value;
      case 0x04 -> node = value;
      case 0x0c -> {
        if (pageExists()) {
          counters.reset(Integer.toUnsignedLong(page));
        }
      }
      case 0x18 -> counters.setThreshold(Math.max(0, value));
      default -> {
        return false;
      }
    }
    return true;
  }
}
