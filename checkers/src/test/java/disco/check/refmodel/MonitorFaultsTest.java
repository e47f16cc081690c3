package disco.check.refmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.check.engine.Counterexample;
import disco.check.engine.Explorer;
import disco.check.engine.Options;
import disco.check.engine.Replay;
import disco.check.engine.Result;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The checks have teeth: every seeded fault of the abstract monitor is caught, by the expected
 * check, with a counterexample of the expected length that is a shortest one (nothing is found one
 * step shallower), with and without symmetry reduction; the unfaulted monitor passes.
 */
class MonitorFaultsTest {
  private static final Options OPTIONS = Options.DEFAULT.withMaxDepth(8);

  @ParameterizedTest
  @CsvSource({
    "FORGOTTEN_SHOOTDOWN, TLB-1, 3",
    "L2TLB_NOT_FLUSHED, TLB-2, 3",
    "COW_LEFT_WRITABLE, COW-1, 1",
    "ASID_IGNORED_ON_SWITCH, ISO-2, 2",
    "DMA_UNCHECKED, DMA-1, 2",
    "REFCOUNT_OFF_BY_ONE, MAP-2, 1",
    "PRIVILEGED_PAGE_WRITABLE, ISO-2, 1",
    "UNZEROED_FREE, REF-1, 3"
  })
  void everySeededFaultIsCaughtWithAShortestCounterexample(MonitorFault fault, String check, int length) throws Exception {
    MonitorHarness h = new MonitorHarness(MonitorConfig.small(), Set.of(fault));
    for (boolean symmetry : new boolean[] {true, false}) {
      Counterexample c = Explorer.explore(h, OPTIONS.withSymmetry(symmetry)).counterexample().orElseThrow();
      assertEquals(check, c.checkId(), c.toString());
      assertEquals(length, c.steps().size(), c.toString());
      assertTrue(Explorer.explore(h, OPTIONS.withSymmetry(symmetry).withMaxDepth(length - 1)).passed());
      assertEquals(c, Replay.run(h, c.labels()).orElseThrow());
    }
  }

  @Test
  void theUnfaultedMonitorKeepsEveryInvariantAndRefinesTheSpec() {
    Result r = Explorer.explore(new MonitorHarness(MonitorConfig.small(), Set.of()), Options.DEFAULT.withMaxDepth(4));
    assertTrue(r.passed(), () -> r.counterexample().orElseThrow().toString());
    assertEquals("depth", r.statistics().bound());
  }

  @Test
  void fingerprintsAndExactStatesAgree() {
    MonitorHarness h = new MonitorHarness(MonitorConfig.small(), Set.of());
    for (boolean symmetry : new boolean[] {true, false}) {
      Options o = Options.DEFAULT.withMaxDepth(4).withSymmetry(symmetry);
      assertEquals(Explorer.explore(h, o).statistics().states(), Explorer.explore(h, o.withExact(true)).statistics().states());
    }
  }

  @Tag("long")
  @Test
  void theUnfaultedMonitorPassesToDepthSix() {
    Result r = Explorer.explore(new MonitorHarness(MonitorConfig.small(), Set.of()), Options.DEFAULT.withMaxDepth(6));
    assertTrue(r.passed(), () -> r.counterexample().orElseThrow().toString());
  }
}
