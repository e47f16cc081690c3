package disco.check.wiring;

import disco.check.Chains;
import disco.monitor.operate.GuestOperation;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.ActionChain;

/**
 * The reference monitor at a size exhaustive search cannot reach (8 VMs on 4 processors of 4
 * nodes, two VMs time-sharing each processor, 8 guest pages each, 4-pair TLBs and 4-entry L2TLBs):
 * random chains of its operations keep every checked invariant and refine the spec at every step.
 * A failure prints its seed; replay it with {@code -Ddisco.jqwik.seed=SEED} (docs/build.md).
 */
class ReferenceChainProperties {
  private static final ReferenceHarness LARGE = ReferenceHarness.sequential(ReferenceHarness.Config.large());

  @Property(tries = 10)
  void largeReferenceKeepsEveryInvariantAndRefinesTheSpec(@ForAll("chains") ActionChain<ReferenceHarness.State> chain) {
    chain.withInvariant(s -> Chains.invariants(LARGE, s)).run();
  }

  @Provide
  Arbitrary<ActionChain<ReferenceHarness.State>> chains() {
    return Chains.<ReferenceHarness.State, GuestOperation>of(LARGE, Chains.whole(LARGE), 2_000);
  }

  /**
   * The chains have teeth: with a seeded fault, every one of a few seeded random walks of the same
   * length over the large configuration meets a violation (each step checked as a chain checks it).
   */
  @Example
  void randomWalksFindTheSeededFaultsThatShowOften() {
    for (String fault : List.of("PRIVILEGED_PAGE_WRITABLE", "GUEST_PROTECTION_DROPPED", "TLB_KEPT_ON_SWITCH",
        "DMA_UNTRANSLATED")) {
      ReferenceHarness h = ReferenceHarness.sequential(ReferenceHarness.Config.large(), Optional.of(fault));
      for (long seed = 1; seed <= 3; seed++) {
        SplittableRandom random = new SplittableRandom(seed);
        ReferenceHarness.State s = h.initial();
        AssertionError found = null;
        for (int step = 0; step < 400 && found == null; step++) {
          List<GuestOperation> ops = h.enabled(s);
          try {
            s = Chains.checkedStep(h, s, ops.get(random.nextInt(ops.size())));
            Chains.invariants(h, s);
          } catch (AssertionError e) {
            found = e;
          }
        }
        assertNotNull(found, fault + ", seed " + seed + ": no violation in 400 steps");
      }
    }
  }
}
