package disco.spec.observe;

import java.util.List;

/**
 * What a cache-coherent memory system exposes for the coherence invariant: each processor's state
 * for each line and what the line's home directory records.
 */
public interface CoherenceView {
  /** A line's state in one cache. */
  enum CacheState {
    INVALID,
    SHARED,
    EXCLUSIVE,
    MODIFIED;

    public boolean owned() {
      return this == EXCLUSIVE || this == MODIFIED;
    }
  }

  /** What a home directory records for a line: an owner (or -1), and sharers in ascending order. */
  record DirectoryRecord(Kind kind, int owner, List<Integer> sharers) {
    public DirectoryRecord {
      sharers = List.copyOf(sharers);
    }

    public enum Kind {
      UNCACHED,
      SHARED,
      EXCLUSIVE
    }
  }

  int cpus();

  /** The lines under observation, ascending. */
  List<Long> lines();

  CacheState state(int cpu, long line);

  DirectoryRecord directory(long line);
}
