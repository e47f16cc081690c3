package disco.check.wiring;

import disco.hw.numa.DirectoryEntry;
import disco.hw.numa.LineState;
import disco.hw.numa.MemorySystem;
import disco.spec.observe.CoherenceView;
import java.util.List;

/** hw-model's {@link MemorySystem} seen through spec's {@link CoherenceView}, for a fixed set of lines. */
final class MemorySystemView implements CoherenceView {
  private final MemorySystem memory;
  private final List<Long> lines;

  MemorySystemView(MemorySystem memory, List<Long> lines) {
    this.memory = memory;
    this.lines = List.copyOf(lines);
  }

  @Override
  public int cpus() {
    return memory.topology().cpus();
  }

  @Override
  public List<Long> lines() {
    return lines;
  }

  @Override
  public CacheState state(int cpu, long line) {
    LineState s = memory.lineState(cpu, line);
    return CacheState.values()[s.ordinal()];
  }

  @Override
  public DirectoryRecord directory(long line) {
    DirectoryEntry e = memory.directoryEntry(line);
    return new DirectoryRecord(DirectoryRecord.Kind.valueOf(e.state().name()), e.owner(), e.sharers());
  }
}
