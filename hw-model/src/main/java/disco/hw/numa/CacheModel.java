package disco.hw.numa;

import java.util.Arrays;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One processor's cache: tags and states only, since data always lives in machine memory (the
 * model decides what an access costs, never what it returns).
 *
 * <p>Set associative: line {@code L} may sit only in set {@code L mod sets}. A fill takes the
 * lowest-numbered invalid way of the set, or else the least recently used one. Recency is a
 * per-cache counter stamped on every access, so replacement depends only on the order of accesses
 * and is the same on every run.
 *
 * <p>Mutation is package-private: only the {@link MemorySystem} and the {@link
 * DirectoryController} change a cache, so that every change goes with the matching directory
 * update.
 */
public final class CacheModel {
  private static final LineState[] STATES = LineState.values();

  private final int cpu;
  private final int ways;
  private final int setMask;
  /** Line number held in each slot (slot = set * ways + way); meaningful only if valid. */
  private final long[] tags;
  /** {@link LineState} ordinal of each slot. */
  private final byte[] states;
  /** Recency stamp of each slot; the smallest in a set is the least recently used. */
  private final long[] lastUse;

  private long clock;
  private int resident;

  public CacheModel(int cpu, CacheGeometry geometry) {
    this.cpu = cpu;
    this.ways = geometry.associativity();
    this.setMask = geometry.sets() - 1;
    int slots = geometry.lines();
    tags = new long[slots];
    states = new byte[slots];
    lastUse = new long[slots];
  }

  MemorySystemState.Cache state() {
    // Invalid slots keep stale tags and stamps that nothing reads: zero them, so that equal
    // caches give equal states.
    long[] t = tags.clone();
    long[] u = lastUse.clone();
    for (int slot = 0; slot < states.length; slot++) {
      if (states[slot] == 0) {
        t[slot] = 0;
        u[slot] = 0;
      }
    }
    return new MemorySystemState.Cache(t, states.clone(), u, clock, resident);
  }

  void restore(MemorySystemState.Cache s) {
    System.arraycopy(s.tags(), 0, tags, 0, tags.length);
    System.arraycopy(s.states(), 0, states, 0, states.length);
    System.arraycopy(s.lastUse(), 0, lastUse, 0, lastUse.length);
    clock = s.clock();
    resident = s.resident();
  }

  /** A line pushed out of the cache by a fill, with the state it had. */
  public record Eviction(long line, LineState state) {}

  public int cpu() {
    return cpu;
  }

  /** The state of {@code line} in this cache ({@link LineState#INVALID} if absent). */
  public LineState state(long line) {
    int slot = find(line);
    return slot < 0 ? LineState.INVALID : STATES[states[slot]];
  }

  /** Number of valid lines. */
  public int residentLines() {
    return resident;
  }

  /** The valid lines, ascending (duplicates, which a correct cache never has, are kept). */
  public long[] lines() {
    long[] out = new long[tags.length];
    int n = 0;
    for (int slot = 0; slot < tags.length; slot++) {
      if (states[slot] != 0) {
        out[n++] = tags[slot];
      }
    }
    Arrays.sort(out, 0, n);
    return Arrays.copyOf(out, n);
  }

  // ---- package-private: the protocol's view -----------------------------------------------------

  /** The slot holding {@code line}, or -1. */
  int find(long line) {
    int base = ((int) line & setMask) * ways;
    for (int slot = base; slot < base + ways; slot++) {
      if (states[slot] != 0 && tags[slot] == line) {
        return slot;
      }
    }
    return -1;
  }

  LineState stateAt(int slot) {
    return STATES[states[slot]];
  }

  void setStateAt(int slot, LineState state) {
    if (state == LineState.INVALID) {
      throw new IllegalArgumentException("use invalidate to drop a line");
    }
    states[slot] = (byte) state.ordinal();
  }

  /** Marks {@code slot} most recently used. */
  void touch(int slot) {
    lastUse[slot] = ++clock;
  }

  /**
   * Installs {@code line} (known absent) in {@code state}, most recently used, and returns the
   * valid line it displaced, if any, so the caller can tell that line's home directory.
   */
  @Nullable Eviction fill(long line, LineState state) {
    if (state == LineState.INVALID) {
      throw new IllegalArgumentException("cannot fill a line Invalid");
    }
    int base = ((int) line & setMask) * ways;
    int victim = -1;
    for (int slot = base; slot < base + ways; slot++) {
      if (states[slot] == 0) {
        victim = slot;
        break;
      }
      if (victim < 0 || lastUse[slot] < lastUse[victim]) {
        victim = slot;
      }
    }
    Eviction evicted = null;
    if (states[victim] != 0) {
      evicted = new Eviction(tags[victim], STATES[states[victim]]);
    } else {
      resident++;
    }
    tags[victim] = line;
    states[victim] = (byte) state.ordinal();
    touch(victim);
    return evicted;
  }

  /** Drops {@code line}; returns the state it had ({@link LineState#INVALID} if it was absent). */
  LineState invalidate(long line) {
    int slot = find(line);
    if (slot < 0) {
      return LineState.INVALID;
    }
    LineState old = STATES[states[slot]];
    states[slot] = 0;
    resident--;
    return old;
  }
}
