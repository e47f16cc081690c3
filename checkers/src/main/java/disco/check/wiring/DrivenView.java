package disco.check.wiring;

import disco.hw.mem.Memory;
import disco.monitor.observe.ForwardingMonitorView;
import disco.monitor.observe.ReferenceView;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The reference's view as {@link ReferenceHarness} abstracts it: only the guest pages the harness
 * drives (no operation it offers reaches another, which its encoding asserts), one disk block (the
 * first word of sector 0, which every disk read offered reads), and a page's contents as its first
 * word (every store offered writes a page's first word; a sector read lands at a page's start).
 */
final class DrivenView extends ForwardingMonitorView {
  private final Shape shape;
  private final Memory memory;

  DrivenView(ReferenceView inner, Memory memory, int guestPages) {
    super(inner);
    this.memory = memory;
    Shape s = inner.shape();
    shape = new Shape(s.vms(), s.vcpusPerVm(), s.cpus(), s.nodes(), guestPages, s.machinePages(), 1,
        s.tlbEntries(), s.wired(), s.privilegedVpn());
  }

  @Override
  public Shape shape() {
    return shape;
  }

  @Override
  public int contents(int machinePage) {
    int @Nullable [] words = memory.page(machinePage);
    return words == null ? 0 : words[0];
  }

  @Override
  public int diskBlock(int block) {
    if (block != 0) {
      throw new IndexOutOfBoundsException("the driven disk has one block, not " + block);
    }
    return ReferenceHarness.DISK_WORD;
  }
}
