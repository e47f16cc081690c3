package disco.hw.numa;

/**
 * Deliberate protocol bugs, for showing that {@link CoherenceInvariants} and the tests catch them.
 * Package-private and reachable only through a package-private {@link MemorySystem} constructor,
 * so no machine outside this package can switch one on.
 */
enum ProtocolFault {
  /** A write (miss or upgrade) takes ownership without invalidating the other sharers' copies. */
  SKIP_SHARER_INVALIDATION,
  /** A Shared line's eviction is silent, so the directory's sharer set keeps a stale CPU. */
  SKIP_CLEAN_EVICTION_NOTICE,
  /** A read intervention leaves the owner's copy Exclusive or Modified next to the new sharer. */
  SKIP_OWNER_DOWNGRADE,
  /** Misses are not counted in the per-page miss counters. */
  SKIP_MISS_COUNT
}
