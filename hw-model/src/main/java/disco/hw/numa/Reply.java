package disco.hw.numa;

/**
 * What a home directory answered a request with: the state the requester's copy gets, and what
 * extra coherence work the home had to do first, which decides the surcharge on the miss.
 */
enum Reply {
  /** Read miss: a shared copy, memory had it. */
  SHARED(LineState.SHARED, false, false),
  /** Read miss to a line owned by another cache: the owner supplied it and kept a shared copy. */
  SHARED_AFTER_INTERVENTION(LineState.SHARED, true, false),
  /** Read miss under MESI to a line no cache held: a clean exclusive copy. */
  EXCLUSIVE(LineState.EXCLUSIVE, false, false),
  /** Write miss or upgrade to a line no other cache held. */
  MODIFIED(LineState.MODIFIED, false, false),
  /** Write miss or upgrade that first invalidated other caches' shared copies. */
  MODIFIED_AFTER_INVALIDATION(LineState.MODIFIED, false, true),
  /** Write miss to a line owned by another cache: ownership moved, the old copy invalidated. */
  MODIFIED_AFTER_INTERVENTION(LineState.MODIFIED, true, true),
  /** DMA: memory alone served it. */
  DMA(LineState.INVALID, false, false),
  /** DMA write that invalidated shared copies. */
  DMA_AFTER_INVALIDATION(LineState.INVALID, false, true),
  /** DMA that had to go to the owning cache (a read downgrades it; a write invalidates it). */
  DMA_AFTER_INTERVENTION(LineState.INVALID, true, false);

  final LineState granted;
  final boolean intervention;
  final boolean invalidation;

  Reply(LineState granted, boolean intervention, boolean invalidation) {
    this.granted = granted;
    this.intervention = intervention;
    this.invalidation = invalidation;
  }

  /**
   * The coherence surcharge: an intervention dominates (the owner's reply carries the data, and
   * invalidating its copy rides on the same message); parallel invalidations cost one round.
   */
  long surcharge(Latencies latencies) {
    if (intervention) {
      return latencies.intervention();
    }
    return invalidation ? latencies.invalidation() : 0;
  }
}
