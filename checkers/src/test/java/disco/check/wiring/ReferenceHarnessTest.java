package disco.check.wiring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.check.engine.Explorer;
import disco.check.engine.Options;
import disco.check.engine.Result;
import org.junit.jupiter.api.Test;

class ReferenceHarnessTest {
  @Test
  void theReferenceKeepsEveryInvariantAndRefinesTheSpec() {
    ReferenceHarness h0 = new ReferenceHarness(ReferenceHarness.Config.small());
    System.err.println(h0.enabled(h0.initial()).stream().map(h0::label).toList());
    for (int depth = 1; depth <= 3; depth++) {
      long t0 = System.nanoTime();
      Result r = Explorer.explore(new ReferenceHarness(ReferenceHarness.Config.small()),
          Options.DEFAULT.withMaxDepth(depth).withSymmetry(false));
      System.err.println("depth " + depth + ": " + r.statistics() + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
      assertTrue(r.passed(), () -> r.counterexample().orElseThrow().toString());
    }
  }
}
