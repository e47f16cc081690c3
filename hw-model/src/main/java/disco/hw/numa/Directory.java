package disco.hw.numa;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The directory of one node: for each line homed on that node, its {@link DirectoryState} and the
 * exact set of caches holding it (the sharers, as a bit set of CPUs, or the one owner).
 *
 * <p>Stored sparsely: a line without an entry is Uncached. Entries exist only while some cache
 * holds the line, so the directory's size is bounded by the total number of cache lines in the
 * machine, not by memory size (a real directory keeps a header for every line of memory). The map
 * is keyed by line number; its iteration order never leaves this class unsorted.
 *
 * <p>Mutation is package-private: only the node's {@link DirectoryController} changes it.
 */
public final class Directory {
  private final int node;
  private final Map<Long, Entry> entries = new HashMap<>();

  /** One line's record. Exclusive keeps its owner in {@code owner} and leaves {@code sharers} empty. */
  static final class Entry {
    DirectoryState state = DirectoryState.UNCACHED;
    int owner = -1;
    final BitSet sharers = new BitSet();

    void makeExclusive(int cpu) {
      state = DirectoryState.EXCLUSIVE;
      owner = cpu;
      sharers.clear();
    }

    void makeShared() {
      state = DirectoryState.SHARED;
      owner = -1;
    }
  }

  public Directory(int node) {
    this.node = node;
  }

  public int node() {
    return node;
  }

  /** What the directory records for {@code line} (Uncached if it has no entry). */
  public DirectoryEntry entry(long line) {
    Entry e = entries.get(line);
    if (e == null) {
      return DirectoryEntry.uncached(line);
    }
    List<Integer> sharers = new ArrayList<>(e.sharers.cardinality());
    for (int cpu = e.sharers.nextSetBit(0); cpu >= 0; cpu = e.sharers.nextSetBit(cpu + 1)) {
      sharers.add(cpu);
    }
    return new DirectoryEntry(line, e.state, e.owner, sharers);
  }

  /** The lines with an entry (cached somewhere), ascending. */
  public long[] lines() {
    long[] out = new long[entries.size()];
    int i = 0;
    for (Long line : entries.keySet()) {
      out[i++] = line;
    }
    Arrays.sort(out);
    return out;
  }

  /** Number of lines cached somewhere. */
  public int size() {
    return entries.size();
  }

  // ---- package-private: the controller's view ---------------------------------------------------

  @Nullable Entry find(long line) {
    return entries.get(line);
  }

  Entry findOrCreate(long line) {
    return entries.computeIfAbsent(line, l -> new Entry());
  }

  /** Replaces every entry by {@code restored} (entries of lines homed here). */
  void restore(List<DirectoryEntry> restored) {
    entries.clear();
    for (DirectoryEntry d : restored) {
      Entry e = findOrCreate(d.line());
      e.state = d.state();
      e.owner = d.owner();
      for (int cpu : d.sharers()) {
        e.sharers.set(cpu);
      }
    }
  }

  /** Forgets {@code line}: it is Uncached again. */
  void remove(long line) {
    entries.remove(line);
  }
}
