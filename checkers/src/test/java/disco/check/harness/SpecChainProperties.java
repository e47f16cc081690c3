package disco.check.harness;

import disco.check.Chains;
import disco.spec.model.GuestViewSpec;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.ActionChain;
import org.junit.jupiter.api.Tag;

/**
 * The spec against itself at 8 virtual machines of 32 pages, for thousands of steps (long: about a
 * minute, since every step offers every send between every pair of pages).
 */
@Tag("long")
class SpecChainProperties {
  private static final SpecHarness LARGE = new SpecHarness(8, 32, 4, List.of(7, 8, 9), List.of(1, 2, 3));

  @Property(tries = 10)
  void isolationHoldsAtScale(@ForAll("chains") ActionChain<GuestViewSpec.State> chain) {
    chain.withInvariant(s -> Chains.invariants(LARGE, s)).run();
  }

  @Provide
  Arbitrary<ActionChain<GuestViewSpec.State>> chains() {
    return Chains.of(LARGE, Chains.whole(LARGE), 2_000);
  }
}
