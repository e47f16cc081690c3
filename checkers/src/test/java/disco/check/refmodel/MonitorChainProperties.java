package disco.check.refmodel;

import disco.check.Chains;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.ActionChain;

/**
 * The abstract monitor at a size exhaustive search cannot reach (8 virtual machines, 4 processors
 * on 4 nodes, 400 machine pages, thousands of steps): random action chains keep every invariant and
 * refine the spec at every step. A failure prints its seed; replay it with
 * {@code -Ddisco.jqwik.seed=SEED}.
 */
class MonitorChainProperties {
  private static final MonitorHarness LARGE = new MonitorHarness(MonitorConfig.large(), Set.of());

  @Property(tries = 10)
  void largeMonitorKeepsEveryInvariantAndRefinesTheSpec(@ForAll("chains") ActionChain<MonitorState> chain) {
    chain.withInvariant(s -> Chains.invariants(LARGE, s)).run();
  }

  @Provide
  Arbitrary<ActionChain<MonitorState>> chains() {
    return Chains.of(LARGE, families(), 2_000);
  }

  /** One action per family of operations, so a family with many operations does not crowd out the rest. */
  static List<Chains.Family<MonitorState, MonitorOp>> families() {
    List<Chains.Family<MonitorState, MonitorOp>> out = new ArrayList<>();
    for (Operations family : Operations.standard()) {
      out.add(s -> {
        List<MonitorOp> ops = new ArrayList<>();
        family.offer(s, ops);
        return ops;
      });
    }
    return out;
  }
}
