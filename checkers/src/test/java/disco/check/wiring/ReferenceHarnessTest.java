package disco.check.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.check.engine.Counterexample;
import disco.check.engine.Explorer;
import disco.check.engine.Options;
import disco.check.engine.Replay;
import disco.check.engine.Result;
import disco.monitor.trap.SeededFault;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reference monitor, driven through its operation-level API from every state of the small
 * configuration: it keeps every checked invariant and refines the spec; each of its seeded faults is
 * caught by the check named, with a shortest counterexample (nothing one step shallower) that
 * replays; and fingerprints and exact states count alike.
 */
class ReferenceHarnessTest {
  private static final Options OPTIONS = Options.DEFAULT.withSymmetry(false);

  @Test
  void theReferenceKeepsEveryInvariantAndRefinesTheSpecToDepth3() {
    Result r = Explorer.explore(new ReferenceHarness(ReferenceHarness.Config.small()), OPTIONS.withMaxDepth(3));
    assertTrue(r.passed(), () -> r.counterexample().orElseThrow().toString());
    assertEquals("depth", r.statistics().bound());
  }

  @Test
  @Tag("long")
  void theReferenceKeepsEveryInvariantAndRefinesTheSpecToDepth4() {
    Result r = Explorer.explore(new ReferenceHarness(ReferenceHarness.Config.small()), OPTIONS.withMaxDepth(4));
    assertTrue(r.passed(), () -> r.counterexample().orElseThrow().toString());
  }

  /**
   * Why each length: a stale hardware entry needs an entry (tlbwi), the hardware to hold it under
   * the old ASID (a load), the ASID changed and the entry replaced; a stale L2TLB entry needs no
   * load (a guest TLB write fills the L2TLB); a kept TLB is seen once the first VM has a window
   * entry and gives the CPU away (its disk read); the other faults show on their first operation,
   * except the duplicate, which needs an entry to duplicate.
   */
  @ParameterizedTest
  @CsvSource({
    "TLB_WRITE_NOT_SHOT_DOWN, TLB-1, 4",
    "L2TLB_NOT_FLUSHED, TLB-2, 3",
    "TLB_KEPT_ON_SWITCH, ISO-1, 2",
    "DMA_UNTRANSLATED, REF-1, 1",
    "PRIVILEGED_PAGE_WRITABLE, ISO-2, 1",
    "GUEST_PROTECTION_DROPPED, TLB-1, 1",
    "DUPLICATE_TLB_ENTRY_ACCEPTED, REF-1, 2"
  })
  void everySeededFaultIsCaughtWithAShortestCounterexample(SeededFault fault, String check, int length)
      throws Exception {
    ReferenceHarness h = new ReferenceHarness(ReferenceHarness.Config.small(), Set.of(fault));
    Counterexample c = Explorer.explore(h, OPTIONS.withMaxDepth(length)).counterexample().orElseThrow();
    assertEquals(check, c.checkId(), c.toString());
    assertEquals(length, c.steps().size(), c.toString());
    if (length > 1) {
      assertTrue(Explorer.explore(h, OPTIONS.withMaxDepth(length - 1)).passed());
    }
    assertEquals(c, Replay.run(h, c.labels()).orElseThrow());
  }

  @Test
  void fingerprintsAndExactStatesAgree() {
    ReferenceHarness h = new ReferenceHarness(ReferenceHarness.Config.small());
    Options o = OPTIONS.withMaxDepth(2);
    assertEquals(Explorer.explore(h, o).statistics().states(), Explorer.explore(h, o.withExact(true)).statistics().states());
  }
}
