package disco.hw.numa;

import java.util.List;

/**
 * A snapshot of what a home directory records for one line.
 *
 * @param line the line number (machine address divided by the line size)
 * @param state Uncached, Shared or Exclusive
 * @param owner the owning CPU if {@link DirectoryState#EXCLUSIVE}, else -1
 * @param sharers the CPUs holding read-only copies, ascending, if {@link DirectoryState#SHARED};
 *     else empty
 */
public record DirectoryEntry(long line, DirectoryState state, int owner, List<Integer> sharers) {

  public DirectoryEntry {
    sharers = List.copyOf(sharers);
  }

  static DirectoryEntry uncached(long line) {
    return new DirectoryEntry(line, DirectoryState.UNCACHED, -1, List.of());
  }
}
