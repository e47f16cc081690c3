package disco.check.wiring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.check.Chains;
import disco.check.engine.Explorer;
import disco.check.engine.Harness;
import disco.check.engine.Options;
import disco.check.refmodel.MonitorConfig;
import disco.check.refmodel.MonitorFault;
import disco.check.refmodel.MonitorHarness;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Which seeded faults each finder finds: the Explorer, exhaustively at the small configurations
 * (it must find every one), and random action chains of the property tests' kind, at the large
 * configurations (10 seeded walks of 2,000 steps, every step checked as a chain checks it), which
 * the test reports beside it (docs/checkers.md, "Who finds what"). Java PathFinder's column is
 * JpfDriverTest's. About a minute: in the long suite.
 */
class FaultFindersTest {
  private static final int WALKS = 10;
  private static final int STEPS = 2_000;

  @Test
  @Tag("long")
  void theExplorerFindsEverySeededFaultAndTheWalksAreReported() {
    System.out.println("finder table: configuration, fault, Explorer (steps), random walks (walks that found it)");
    for (MonitorFault f : MonitorFault.values()) {
      report("monitor", f.name(), new MonitorHarness(MonitorConfig.small(), Set.of(f)),
          new MonitorHarness(MonitorConfig.large(), Set.of(f)));
    }
    for (String f : ReferenceHarness.faultNames().keySet()) {
      report("reference", f, ReferenceHarness.small(Optional.of(f)),
          ReferenceHarness.sequential(ReferenceHarness.Config.large(), Optional.of(f)));
    }
  }

  private static <S, O, T, P> void report(String config, String fault, Harness<S, O> small, Harness<T, P> large) {
    var c = Explorer.explore(small, Options.DEFAULT.withMaxDepth(6)).counterexample();
    assertTrue(c.isPresent(), config + " " + fault + ": the Explorer found nothing");
    int found = 0;
    for (long seed = 1; seed <= WALKS; seed++) {
      found += walkFinds(large, new SplittableRandom(seed)) ? 1 : 0;
    }
    System.out.printf("finder table: %-9s %-28s %d steps  %d/%d%n", config, fault, c.get().steps().size(), found, WALKS);
  }

  private static <T, P> boolean walkFinds(Harness<T, P> h, SplittableRandom random) {
    T s = h.initial();
    try {
      Chains.invariants(h, s);
      for (int step = 0; step < STEPS; step++) {
        List<P> ops = h.enabled(s);
        if (ops.isEmpty()) {
          return false;
        }
        s = Chains.checkedStep(h, s, ops.get(random.nextInt(ops.size())));
        Chains.invariants(h, s);
      }
    } catch (AssertionError | RuntimeException e) {
      return true;
    }
    return false;
  }
}
