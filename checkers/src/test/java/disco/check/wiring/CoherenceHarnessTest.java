package disco.check.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.check.engine.Counterexample;
import disco.check.engine.Explorer;
import disco.check.engine.Options;
import disco.check.engine.Replay;
import disco.check.engine.Result;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** hw-model's directory protocol, explored completely with 2 and 3 processors, and its seeded faults. */
class CoherenceHarnessTest {
  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void theProtocolIsCoherentInEveryReachableState(int cpus) {
    CoherenceHarness h = CoherenceHarness.msi(cpus, Optional.empty());
    Result reduced = Explorer.explore(h, Options.DEFAULT);
    Result plain = Explorer.explore(h, Options.DEFAULT.withSymmetry(false));
    assertTrue(reduced.passed() && plain.passed());
    assertTrue(reduced.statistics().complete());
    assertTrue(reduced.statistics().states() < plain.statistics().states());
    assertEquals(plain.statistics().states(), Explorer.explore(h, Options.DEFAULT.withSymmetry(false).withExact(true)).statistics().states());
  }

  /** A directory that forgets a sharer is caught in two steps: two processors read the same line. */
  @Test
  void aDirectoryThatForgetsASharerIsCaught() throws Exception {
    CoherenceHarness h = CoherenceHarness.msi(2, Optional.of("FORGET_SHARER"));
    Counterexample c = Explorer.explore(h, Options.DEFAULT).counterexample().orElseThrow();
    assertEquals("COH-1", c.checkId());
    assertEquals(List.of("read(cpu0, line0)", "read(cpu1, line0)"), c.labels());
    assertEquals(c, Replay.run(h, c.labels()).orElseThrow());
  }

  @Test
  void everyProtocolFaultIsCaughtWithAndWithoutSymmetry() {
    for (String fault : CoherenceHarness.faultNames().keySet()) {
      CoherenceHarness h = CoherenceHarness.msi(3, Optional.of(fault));
      Counterexample a = Explorer.explore(h, Options.DEFAULT).counterexample().orElseThrow();
      Counterexample b = Explorer.explore(h, Options.DEFAULT.withSymmetry(false)).counterexample().orElseThrow();
      assertEquals(a.steps().size(), b.steps().size(), fault);
    }
  }
}
