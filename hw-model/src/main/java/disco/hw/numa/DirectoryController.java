package disco.hw.numa;

import java.util.Set;

/**
 * The coherence protocol engine of one node, in the role of FLASH's MAGIC node controller: it
 * serves every request for a line homed on its node, reading and updating the node's {@link
 * Directory} and sending the invalidations and interventions the request needs to other caches.
 *
 * <p>The machine model is single-threaded, so every transaction runs to completion before the
 * next begins: there are no transient states, no races and no negative acknowledgements. What the
 * protocol still has to get right, and what {@link CoherenceInvariants} checks, is that the
 * directory stays exact: a single writer or any number of readers, and the directory knows which.
 *
 * <p>Choices:
 *
 * <ul>
 *   <li>Clean evictions are announced (a replacement hint), not silent, so sharer sets are exact
 *       rather than supersets. Silent clean eviction is cheaper in real hardware but would make
 *       later writes send invalidations to caches that hold nothing, and would make the
 *       directory-versus-cache invariant unverifiable.
 *   <li>A read that finds the line owned elsewhere is an intervention: the owner supplies the
 *       line, writes it back if Modified (a sharing writeback, since Shared means memory is
 *       current) and keeps a Shared copy.
 *   <li>A write that finds the line owned elsewhere is an intervention that moves ownership: the
 *       dirty line goes cache to cache, without a writeback, and the old owner's copy is
 *       invalidated, counted as both an intervention and an invalidation.
 *   <li>Invalidations and interventions are counted against the requester; writebacks against
 *       the cache that writes back.
 * </ul>
 *
 * <p>Any disagreement between the directory and a cache met on the way is a model bug and throws
 * {@link IllegalStateException} at once rather than being papered over.
 */
final class DirectoryController {
  private final Directory directory;
  private final CacheModel[] caches;
  private final CoherenceProtocol protocol;
  private final Tally tally;
  private final boolean skipSharerInvalidation;
  private final boolean skipCleanEvictionNotice;
  private final boolean skipOwnerDowngrade;
  private final boolean forgetSharer;

  DirectoryController(
      Directory directory,
      CacheModel[] caches,
      CoherenceProtocol protocol,
      Tally tally,
      Set<ProtocolFault> faults) {
    this.directory = directory;
    this.caches = caches;
    this.protocol = protocol;
    this.tally = tally;
    this.skipSharerInvalidation = faults.contains(ProtocolFault.SKIP_SHARER_INVALIDATION);
    this.skipCleanEvictionNotice = faults.contains(ProtocolFault.SKIP_CLEAN_EVICTION_NOTICE);
    this.skipOwnerDowngrade = faults.contains(ProtocolFault.SKIP_OWNER_DOWNGRADE);
    this.forgetSharer = faults.contains(ProtocolFault.FORGET_SHARER);
  }

  Directory directory() {
    return directory;
  }

  /** {@code cpu} missed reading {@code line}. */
  Reply readMiss(int cpu, long line) {
    Directory.Entry e = directory.find(line);
    if (e == null) {
      e = directory.findOrCreate(line);
      if (protocol == CoherenceProtocol.MESI) {
        e.makeExclusive(cpu);
        return Reply.EXCLUSIVE;
      }
      e.makeShared();
      e.sharers.set(cpu);
      return Reply.SHARED;
    }
    switch (e.state) {
      case SHARED:
        requireNotRecorded(e.sharers.get(cpu), cpu, line);
        if (!forgetSharer) {
          e.sharers.set(cpu);
        }
        return Reply.SHARED;
      case EXCLUSIVE:
        int owner = e.owner;
        requireNotRecorded(owner == cpu, cpu, line);
        downgradeOwner(owner, line);
        e.makeShared();
        e.sharers.set(owner);
        e.sharers.set(cpu);
        tally.intervention(cpu);
        return Reply.SHARED_AFTER_INTERVENTION;
      default:
        throw stale(line, "an entry in state " + e.state);
    }
  }

  /** {@code cpu} missed writing {@code line}. */
  Reply writeMiss(int cpu, long line) {
    Directory.Entry e = directory.find(line);
    if (e == null) {
      directory.findOrCreate(line).makeExclusive(cpu);
      return Reply.MODIFIED;
    }
    switch (e.state) {
      case SHARED:
        requireNotRecorded(e.sharers.get(cpu), cpu, line);
        int invalidated = invalidateSharers(e, line, cpu, skipSharerInvalidation);
        e.makeExclusive(cpu);
        tally.invalidations(cpu, invalidated);
        return Reply.MODIFIED_AFTER_INVALIDATION;
      case EXCLUSIVE:
        int owner = e.owner;
        requireNotRecorded(owner == cpu, cpu, line);
        // Ownership moves cache to cache; the new owner's copy is Modified, so no writeback.
        if (caches[owner].invalidate(line) == LineState.INVALID) {
          throw stale(line, "owner cpu " + owner + ", whose cache does not hold it");
        }
        e.makeExclusive(cpu);
        tally.intervention(cpu);
        tally.invalidations(cpu, 1);
        return Reply.MODIFIED_AFTER_INTERVENTION;
      default:
        throw stale(line, "an entry in state " + e.state);
    }
  }

  /** {@code cpu}, holding {@code line} Shared, asks for ownership to write it. */
  Reply upgrade(int cpu, long line) {
    Directory.Entry e = directory.find(line);
    if (e == null || e.state != DirectoryState.SHARED || !e.sharers.get(cpu)) {
      throw stale(line, "no Shared entry naming cpu " + cpu + ", which holds it Shared");
    }
    int invalidated = invalidateSharers(e, line, cpu, skipSharerInvalidation);
    e.makeExclusive(cpu);
    tally.invalidations(cpu, invalidated);
    return invalidated > 0 ? Reply.MODIFIED_AFTER_INVALIDATION : Reply.MODIFIED;
  }

  /** {@code cpu}'s cache replaced {@code line}, which it held in {@code state}. */
  void evicted(int cpu, long line, LineState state) {
    Directory.Entry e = directory.find(line);
    if (e == null) {
      throw stale(line, "no entry, but cpu " + cpu + " evicted it " + state);
    }
    if (state.isOwned()) {
      if (e.state != DirectoryState.EXCLUSIVE || e.owner != cpu) {
        throw stale(line, "state " + e.state + ", but cpu " + cpu + " evicted it " + state);
      }
      if (state == LineState.MODIFIED) {
        tally.writebacks[cpu]++;
      }
      directory.remove(line);
      return;
    }
    if (e.state != DirectoryState.SHARED || !e.sharers.get(cpu)) {
      throw stale(line, "state " + e.state + " without cpu " + cpu + ", which evicted it Shared");
    }
    if (skipCleanEvictionNotice) {
      return;
    }
    e.sharers.clear(cpu);
    if (e.sharers.isEmpty()) {
      directory.remove(line);
    }
  }

  /** A device reads {@code line}: memory must be current, so an owner is made to write back. */
  Reply dmaRead(long line) {
    Directory.Entry e = directory.find(line);
    if (e == null || e.state != DirectoryState.EXCLUSIVE) {
      return Reply.DMA;
    }
    int owner = e.owner;
    downgradeOwner(owner, line);
    e.makeShared();
    e.sharers.set(owner);
    tally.intervention(Tally.DMA);
    return Reply.DMA_AFTER_INTERVENTION;
  }

  /**
   * A device writes (part of) {@code line}: every cached copy is invalidated. A Modified copy is
   * written back first, since the device may write only part of the line.
   */
  Reply dmaWrite(long line) {
    Directory.Entry e = directory.find(line);
    if (e == null) {
      return Reply.DMA;
    }
    Reply reply;
    if (e.state == DirectoryState.EXCLUSIVE) {
      int owner = e.owner;
      LineState old = caches[owner].invalidate(line);
      if (old == LineState.INVALID) {
        throw stale(line, "owner cpu " + owner + ", whose cache does not hold it");
      }
      if (old == LineState.MODIFIED) {
        tally.writebacks[owner]++;
      }
      tally.intervention(Tally.DMA);
      tally.invalidations(Tally.DMA, 1);
      reply = Reply.DMA_AFTER_INTERVENTION;
    } else {
      tally.invalidations(Tally.DMA, invalidateSharers(e, line, Tally.DMA, false));
      reply = Reply.DMA_AFTER_INVALIDATION;
    }
    directory.remove(line);
    return reply;
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /**
   * Invalidates every sharer of {@code line} but {@code except}; returns how many. With {@code
   * skip} (fault injection) the count and directory go on as if they had been invalidated.
   */
  private int invalidateSharers(Directory.Entry e, long line, int except, boolean skip) {
    int count = 0;
    for (int s = e.sharers.nextSetBit(0); s >= 0; s = e.sharers.nextSetBit(s + 1)) {
      if (s == except) {
        continue;
      }
      count++;
      if (!skip && caches[s].invalidate(line) == LineState.INVALID) {
        throw stale(line, "sharer cpu " + s + ", whose cache does not hold it");
      }
    }
    return count;
  }

  /** The owner of {@code line} gives up write permission, writing the line back if dirty. */
  private void downgradeOwner(int owner, long line) {
    CacheModel cache = caches[owner];
    int slot = cache.find(line);
    if (slot < 0 || !cache.stateAt(slot).isOwned()) {
      throw stale(line, "owner cpu " + owner + ", whose cache holds it " + cache.state(line));
    }
    if (cache.stateAt(slot) == LineState.MODIFIED) {
      tally.writebacks[owner]++;
    }
    if (!skipOwnerDowngrade) {
      cache.setStateAt(slot, LineState.SHARED);
    }
  }

  private void requireNotRecorded(boolean recorded, int cpu, long line) {
    if (recorded) {
      throw stale(line, "cpu " + cpu + " as a holder, but cpu " + cpu + " missed on it");
    }
  }

  private IllegalStateException stale(long line, String what) {
    return new IllegalStateException(
        "directory of node " + directory.node() + " records for line 0x" + Long.toHexString(line) + " " + what);
  }
}
