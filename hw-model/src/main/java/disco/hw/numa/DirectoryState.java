package disco.hw.numa;

/** The state the home directory records for a line (DASH and FLASH terminology). */
public enum DirectoryState {
  /** No cache holds the line; memory is up to date. */
  UNCACHED,
  /** One or more caches hold read-only copies; memory is up to date. */
  SHARED,
  /**
   * Exactly one cache, the owner, holds the line with write permission (Exclusive or Modified: the
   * directory cannot tell, because the upgrade from Exclusive is silent), and memory may be stale.
   */
  EXCLUSIVE
}
