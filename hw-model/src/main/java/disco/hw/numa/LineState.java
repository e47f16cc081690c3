package disco.hw.numa;

/** The state of a line in one processor's cache. */
public enum LineState {
  INVALID,
  /** A read-only copy; other caches may hold the line Shared too. */
  SHARED,
  /** The only copy, clean (MESI only); a write makes it Modified without telling the directory. */
  EXCLUSIVE,
  /** The only copy, dirty: memory is stale until it is written back. */
  MODIFIED;

  /** Whether this cache holds the line with write permission (Exclusive or Modified). */
  public boolean isOwned() {
    return this == EXCLUSIVE || this == MODIFIED;
  }
}
