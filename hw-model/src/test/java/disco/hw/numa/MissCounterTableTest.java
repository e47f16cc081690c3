package disco.hw.numa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-page per-node miss counters and the hot-page events. Most tests switch caches off, so
 * that every access is a miss and counts are easy to steer; one keeps them on.
 */
class MissCountersTest {
  static final Topology TOPOLOGY = MemorySystemTest.TOPOLOGY; // 2 nodes of 2 CPUs, 16 pages each
  private final MemorySystem m =
      new MemorySystem(MemoryConfig.flash(TOPOLOGY).withCachesEnabled(false).withHotPageThreshold(3));

  private void miss(int cpu, long page, int times) {
    for (int i = 0; i < times; i++) {
      m.access(cpu, page * 4096 + 8 * i, false);
    }
  }

  @Test
  void countsPerPagePerNode() {
    miss(0, 5, 2); // node 0
    miss(1, 5, 1); // node 0 too
    miss(2, 5, 4); // node 1
    miss(3, 20, 1); // node 1, another page
    assertEquals(3, m.misses(5, 0));
    assertEquals(4, m.misses(5, 1));
    assertEquals(0, m.misses(20, 0));
    assertEquals(1, m.misses(20, 1));
    assertEquals(0, m.misses(6, 0));
    assertEquals(8, m.missCounters().total());
    assertEquals(3, m.missCounters().totalForNode(0));
    assertEquals(List.of(5L, 20L), java.util.Arrays.stream(m.missCounters().pages()).boxed().toList());
  }

  @Test
  void theThresholdFiresExactlyOncePerCrossing() {
    miss(2, 5, 2);
    assertNull(m.pollHotPage());
    miss(2, 5, 1);
    assertEquals(new HotPage(5, 1, 3), m.pollHotPage());
    assertNull(m.pollHotPage());
    miss(2, 5, 10); // still hot: no second event
    assertNull(m.pollHotPage());
    miss(0, 5, 3); // the other node's counter crosses on its own
    assertEquals(new HotPage(5, 0, 3), m.pollHotPage());
    assertNull(m.pollHotPage());
    m.resetCounters(5);
    miss(2, 5, 2);
    assertNull(m.pollHotPage());
    miss(2, 5, 1); // crossing again after the reset: a new event
    assertEquals(new HotPage(5, 1, 3), m.pollHotPage());
    assertNull(m.pollHotPage());
  }

  @Test
  void eventsQueueInOrderUntilPolled() {
    miss(2, 7, 3);
    miss(0, 6, 3);
    miss(3, 6, 3);
    assertEquals(3, m.missCounters().pending());
    assertEquals(new HotPage(7, 1, 3), m.pollHotPage());
    assertEquals(new HotPage(6, 0, 3), m.pollHotPage());
    assertEquals(new HotPage(6, 1, 3), m.pollHotPage());
    assertNull(m.pollHotPage());
  }

  @Test
  void resetClearsOnePageOrAll() {
    miss(0, 1, 2);
    miss(2, 2, 2);
    m.resetCounters(1);
    assertEquals(0, m.misses(1, 0));
    assertEquals(2, m.misses(2, 1));
    assertEquals(2, m.missesSinceCounterReset());
    m.resetCounters();
    assertEquals(0, m.misses(2, 1));
    assertEquals(0, m.missCounters().total());
    assertEquals(0, m.missesSinceCounterReset());
    assertEquals(4, m.statistics().total().misses()); // statistics are not counters: they stay
    assertEquals(List.of(), CoherenceInvariants.check(m));
  }

  @Test
  void aLowerThresholdFiresAtTheNextMiss() {
    miss(2, 9, 2);
    m.setHotPageThreshold(1);
    assertNull(m.pollHotPage());
    miss(2, 9, 1);
    assertEquals(new HotPage(9, 1, 3), m.pollHotPage());
    m.setHotPageThreshold(0); // disabled
    miss(0, 9, 5);
    assertNull(m.pollHotPage());
    assertEquals(5, m.misses(9, 0));
  }

  @Test
  void hottestPagesRankByRemoteMissesThenPageNumber() {
    miss(2, 1, 5); // page 1, home node 0: 5 remote
    miss(2, 0, 5); // page 0: 5 remote
    miss(0, 0, 9); // and 9 local
    miss(0, 16, 7); // page 16, home node 1: 7 remote
    miss(2, 17, 3); // page 17: local only, never hot
    assertEquals(
        List.of(new PageMisses(16, 1, 7, 0), new PageMisses(0, 0, 5, 9), new PageMisses(1, 0, 5, 0)),
        m.hottestPages(10));
    assertEquals(List.of(new PageMisses(16, 1, 7, 0), new PageMisses(0, 0, 5, 9)), m.hottestPages(2));
    assertEquals(List.of(), m.hottestPages(0));
  }

  @Test
  void withCachesOnOnlyMissesCount() {
    MemorySystem c =
        new MemorySystem(MemoryConfig.flash(TOPOLOGY).withCache(MemorySystemTest.SMALL).withHotPageThreshold(2));
    c.access(2, 0, false); // miss
    c.access(2, 8, false); // hit, same line
    assertEquals(1, c.misses(0, 1));
    assertNull(c.pollHotPage());
    c.access(2, 8, true); // upgrade: a miss
    assertEquals(2, c.misses(0, 1));
    assertEquals(new HotPage(0, 1, 2), c.pollHotPage());
  }

  @Test
  void rejectsUnknownPagesAndNodes() {
    ConfigTest.assertMessage("machinePageNumber must be 0..31, got 32", () -> m.misses(32, 0));
    ConfigTest.assertMessage("node must be 0..1, got 2", () -> m.misses(0, 2));
    ConfigTest.assertMessage("machinePageNumber must be 0..31, got -1", () -> m.resetCounters(-1));
    ConfigTest.assertMessage("k must be >= 0, got -1", () -> m.hottestPages(-1));
  }
}
