package disco.hw.numa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The protocol, step by step, on a small machine: 2 nodes of 2 CPUs (CPUs 0 and 1 on node 0, 2 and
 * 3 on node 1), 64 KB per node, and 1 KB two-way caches of 128-byte lines (4 sets: lines L, L+4,
 * L+8 compete for one set), at the FLASH latencies 1 / 60 / 180 and 60 per surcharge.
 */
class MemorySystemTest {
  static final Topology TOPOLOGY = new Topology(2, 2, 64 * 1024);
  static final CacheGeometry SMALL = new CacheGeometry(1024, 128, 2);
  static final long A = 0x0000; // line 0, page 0, home node 0
  static final long B = 0x10000; // line 512, page 16, home node 1
  static final long LINE = 128;

  private MemorySystem m = msi();

  static MemorySystem msi() {
    return new MemorySystem(MemoryConfig.flash(TOPOLOGY).withCache(SMALL));
  }

  static MemorySystem mesi() {
    return new MemorySystem(
        MemoryConfig.flash(TOPOLOGY).withCache(SMALL).withProtocol(CoherenceProtocol.MESI));
  }

  /** Every scenario must leave a coherent machine behind. */
  @AfterEach
  void coherentAfterwards() {
    assertEquals(List.of(), CoherenceInvariants.check(m));
  }

  private DirectoryEntry entry(long address) {
    return m.directoryEntry(m.lineOf(address));
  }

  private CpuStatistics stats(int cpu) {
    return m.statistics().cpus().get(cpu);
  }

  @Test
  void twoReadersShareAndTheDirectoryNamesExactlyThem() {
    assertEquals(60, m.access(0, A, false)); // local
    assertEquals(180, m.access(2, A, false)); // remote
    assertEquals(LineState.SHARED, m.lineState(0, m.lineOf(A)));
    assertEquals(LineState.SHARED, m.lineState(2, m.lineOf(A)));
    assertEquals(LineState.INVALID, m.lineState(1, m.lineOf(A)));
    assertEquals(new DirectoryEntry(0, DirectoryState.SHARED, -1, List.of(0, 2)), entry(A));
    assertEquals(1, m.directory(0).size());
    assertEquals(0, m.directory(1).size());
  }

  @Test
  void aWriterInvalidatesEveryOtherSharerAndBecomesOwner() {
    m.access(0, A, false);
    m.access(2, A, false);
    assertEquals(180 + 60, m.access(3, A, true)); // remote write miss plus one round of invalidations
    assertEquals(LineState.INVALID, m.lineState(0, 0));
    assertEquals(LineState.INVALID, m.lineState(2, 0));
    assertEquals(LineState.MODIFIED, m.lineState(3, 0));
    assertEquals(new DirectoryEntry(0, DirectoryState.EXCLUSIVE, 3, List.of()), entry(A));
    assertEquals(2, stats(3).invalidations());
    assertEquals(2, m.statistics().invalidations());
    assertEquals(0, m.statistics().interventions());
    assertEquals(1, m.access(3, A + 8, true)); // and then writes hit
  }

  @Test
  void aReadOfARemotelyModifiedLineIsAnInterventionLeavingBothShared() {
    m.access(3, A, true);
    assertEquals(60 + 60, m.access(0, A, false)); // local home, but the data is in cpu 3's cache
    assertEquals(LineState.SHARED, m.lineState(0, 0));
    assertEquals(LineState.SHARED, m.lineState(3, 0));
    assertEquals(new DirectoryEntry(0, DirectoryState.SHARED, -1, List.of(0, 3)), entry(A));
    assertEquals(1, stats(0).interventions());
    assertEquals(1, stats(3).writebacks()); // the sharing writeback makes memory current
    assertEquals(0, m.statistics().invalidations());
  }

  @Test
  void aWriteToALineOwnedElsewhereMovesOwnership() {
    m.access(0, A, true);
    assertEquals(180 + 60, m.access(2, A, true));
    assertEquals(LineState.INVALID, m.lineState(0, 0));
    assertEquals(LineState.MODIFIED, m.lineState(2, 0));
    assertEquals(new DirectoryEntry(0, DirectoryState.EXCLUSIVE, 2, List.of()), entry(A));
    assertEquals(1, stats(2).interventions());
    assertEquals(1, stats(2).invalidations());
    assertEquals(0, stats(0).writebacks()); // cache to cache, no writeback
  }

  @Test
  void aWriteToASharedLineIsAnUpgradeCostingAMiss() {
    m.access(0, A, false);
    assertEquals(60, m.access(0, A, true)); // sole sharer: no invalidations to wait for
    assertEquals(LineState.MODIFIED, m.lineState(0, 0));
    assertEquals(new DirectoryEntry(0, DirectoryState.EXCLUSIVE, 0, List.of()), entry(A));
    CpuStatistics s = stats(0);
    assertEquals(2, s.accesses());
    assertEquals(2, s.localMisses());
    assertEquals(1, s.upgrades());
    assertEquals(0, s.hits());
    assertEquals(2, m.misses(0, 0)); // the upgrade counts against the page too
  }

  @Test
  void aCapacityConflictEvictsTheLeastRecentlyUsedLineAndTellsTheDirectory() {
    m.access(0, A, false); // line 0, set 0
    m.access(1, A, false); // another sharer, so the eviction must remove only cpu 0
    m.access(0, A + 4 * LINE, true); // line 4, set 0, Modified
    m.access(0, A, false); // hit: line 0 is now more recent than line 4
    m.access(0, A + 8 * LINE, false); // line 8: evicts line 4, Modified, so written back
    assertEquals(LineState.INVALID, m.lineState(0, 4));
    assertEquals(DirectoryState.UNCACHED, entry(A + 4 * LINE).state());
    assertEquals(1, stats(0).writebacks());
    m.access(0, A + 12 * LINE, false); // line 12: evicts line 0, Shared: a replacement hint
    assertEquals(LineState.INVALID, m.lineState(0, 0));
    assertEquals(new DirectoryEntry(0, DirectoryState.SHARED, -1, List.of(1)), entry(A));
    m.access(1, A + 4 * LINE, false);
    m.access(1, A + 8 * LINE, false); // cpu 1 evicts line 0, its last sharer
    assertEquals(DirectoryState.UNCACHED, entry(A).state());
    assertEquals(1, stats(0).writebacks());
  }

  @Test
  void localAndRemoteMissesCostTheConfiguredLatencies() {
    m = new MemorySystem(
        MemoryConfig.flash(TOPOLOGY).withCache(SMALL).withLatencies(new Latencies(2, 10, 50)));
    assertEquals(10, m.access(0, A, false));
    assertEquals(2, m.access(0, A + 4, false));
    assertEquals(50, m.access(0, B, false));
    assertEquals(50, m.access(0, B, true)); // an upgrade asks B's (remote) home
    assertEquals(50, m.access(2, A + LINE, false)); // cpu 2 is on node 1: A is remote for it
    assertEquals(10, m.access(2, B + LINE, false));
    CpuStatistics s0 = stats(0);
    assertEquals(1, s0.localMisses());
    assertEquals(2, s0.remoteMisses()); // the read miss and the upgrade of B
    assertEquals(1, s0.hits());
    assertEquals(10 + 2 + 50 + 50, s0.cycles());
  }

  @Test
  void dmaWriteInvalidatesEveryCachedCopy() {
    m.access(0, A, false);
    m.access(2, A, false);
    m.access(1, A + LINE, true);
    // Two lines, each a local access at its home, plus an invalidation round and an intervention.
    assertEquals(2 * 60 + 60 + 60, m.dmaWrite(A + 100, 100));
    for (int cpu = 0; cpu < 4; cpu++) {
      assertEquals(LineState.INVALID, m.lineState(cpu, 0));
      assertEquals(LineState.INVALID, m.lineState(cpu, 1));
    }
    assertEquals(DirectoryState.UNCACHED, entry(A).state());
    assertEquals(DirectoryState.UNCACHED, entry(A + LINE).state());
    DmaStatistics dma = m.statistics().dma();
    assertEquals(new DmaStatistics(0, 2, 3, 1, 240), dma);
    assertEquals(1, stats(1).writebacks()); // the dirty line went back before the device wrote
    assertEquals(3, m.statistics().invalidations());
    // DMA is not a cache miss: the page's counters hold only the processors' misses.
    assertEquals(2, m.misses(0, 0));
    assertEquals(1, m.misses(0, 1));
  }

  @Test
  void dmaReadOfAModifiedLineForcesAWriteback() {
    m.access(2, A, true);
    assertEquals(60 + 60, m.dmaRead(A, 4));
    assertEquals(LineState.SHARED, m.lineState(2, 0));
    assertEquals(new DirectoryEntry(0, DirectoryState.SHARED, -1, List.of(2)), entry(A));
    assertEquals(1, stats(2).writebacks());
    assertEquals(60, m.dmaRead(A, 4)); // now memory is current: nothing to do
    assertEquals(new DmaStatistics(2, 0, 0, 1, 180), m.statistics().dma());
  }

  @Test
  void dmaChecksItsRange() {
    assertEquals(0, m.dmaWrite(A, 0));
    assertThrows(IllegalArgumentException.class, () -> m.dmaWrite(A, -1));
    assertThrows(IllegalArgumentException.class, () -> m.dmaRead(128 * 1024 - 4, 8));
    assertEquals(60, m.dmaRead(128 * 1024 - 4, 4));
  }

  @Test
  void mesiGivesASoleReaderAnExclusiveCopyThatItWritesSilently() {
    m = mesi();
    assertEquals(60, m.access(0, A, false));
    assertEquals(LineState.EXCLUSIVE, m.lineState(0, 0));
    assertEquals(new DirectoryEntry(0, DirectoryState.EXCLUSIVE, 0, List.of()), entry(A));
    assertEquals(1, m.access(0, A, true)); // no upgrade
    assertEquals(LineState.MODIFIED, m.lineState(0, 0));
    assertEquals(0, stats(0).upgrades());
    assertEquals(1, stats(0).hits());
    assertEquals(180 + 60, m.access(2, A, false)); // the owner must answer
    assertEquals(LineState.SHARED, m.lineState(0, 0));
    assertEquals(LineState.SHARED, m.lineState(2, 0));
    assertEquals(1, stats(0).writebacks());
  }

  @Test
  void mesiInterventionOnACleanExclusiveLineNeedsNoWriteback() {
    m = mesi();
    m.access(0, A, false);
    assertEquals(180 + 60, m.access(2, A, false));
    assertEquals(new DirectoryEntry(0, DirectoryState.SHARED, -1, List.of(0, 2)), entry(A));
    assertEquals(0, stats(0).writebacks());
    assertEquals(1, stats(2).interventions());
    assertEquals(60, m.access(1, A, false)); // a third reader: plain Shared
    assertEquals(LineState.SHARED, m.lineState(1, 0));
  }

  @Test
  void withCachesDisabledEveryAccessCostsItsMissLatencyByNode() {
    m = new MemorySystem(MemoryConfig.flash(TOPOLOGY).withCachesEnabled(false));
    for (int i = 0; i < 3; i++) {
      assertEquals(60, m.access(0, A, false));
      assertEquals(180, m.access(0, B, true));
    }
    assertNull(m.cache(0));
    assertEquals(LineState.INVALID, m.lineState(0, 0));
    assertEquals(0, m.directory(0).size());
    CpuStatistics s = stats(0);
    assertEquals(new CpuStatistics(6, 0, 3, 3, 0, 0, 0, 0, 0, 3 * 240), s);
    assertEquals(3, m.misses(0, 0));
    assertEquals(3, m.misses(16, 0));
    assertEquals(120, m.dmaWrite(A, 256)); // no copies to invalidate
  }

  @Test
  void uncachedAccessesBypassTheCachesAndCostByNode() {
    m.access(2, A, true);
    assertEquals(60, m.uncachedAccess(0, A));
    assertEquals(180, m.uncachedAccess(0, B));
    assertEquals(LineState.MODIFIED, m.lineState(2, 0)); // untouched
    assertEquals(LineState.INVALID, m.lineState(0, 0));
    CpuStatistics s = stats(0);
    assertEquals(2, s.uncachedAccesses());
    assertEquals(0, s.accesses());
    assertEquals(240, s.cycles());
    assertEquals(0, m.misses(0, 0)); // not cache misses
  }

  @Test
  void rejectsUnknownCpusAndAddressesOutsideMemory() {
    ConfigTest.assertMessage("cpu must be 0..3, got 4", () -> m.access(4, A, false));
    ConfigTest.assertMessage(
        "machineAddress must be below 0x20000, got 0x20000", () -> m.access(0, 0x20000, false));
    ConfigTest.assertMessage(
        "machineAddress must be below 0x20000, got 0xffffffffffffffff",
        () -> m.uncachedAccess(0, -1));
    ConfigTest.assertMessage("node must be 0..1, got 2", () -> m.directory(2));
    ConfigTest.assertMessage("line must be 0..1023, got 1024", () -> m.directoryEntry(1024));
  }

  @Test
  void statisticsAddUp() {
    m.access(0, A, false);
    m.access(0, A, false);
    m.access(2, A, true);
    m.access(3, B, false);
    MemoryStatistics s = m.statistics();
    CpuStatistics total = s.total();
    assertEquals(4, total.accesses());
    assertEquals(1, total.hits());
    assertEquals(3, total.misses());
    assertEquals(total.accesses(), total.hits() + total.localMisses() + total.remoteMisses());
    assertTrue(total.cycles() > 0);
    assertEquals(4, s.cpus().size());
  }
}
