package disco.hw.numa;

/**
 * Deliberate protocol bugs, for showing that {@link CoherenceInvariants}, the tests and the model
 * checker catch them. Only {@link MemorySystem#withSeededFaults} switches one on; no machine
 * configuration or preset can.
 */
public enum ProtocolFault {
  /** A write (miss or upgrade) takes ownership without invalidating the other sharers' copies. */
  SKIP_SHARER_INVALIDATION,
  /** A Shared line's eviction is silent, so the directory's sharer set keeps a stale CPU. */
  SKIP_CLEAN_EVICTION_NOTICE,
  /** A read intervention leaves the owner's copy Exclusive or Modified next to the new sharer. */
  SKIP_OWNER_DOWNGRADE,
  /** A read miss on a Shared line fills the cache but does not add the reader to the sharers. */
  FORGET_SHARER,
  /** Misses are not counted in the per-page miss counters. */
  SKIP_MISS_COUNT
}
