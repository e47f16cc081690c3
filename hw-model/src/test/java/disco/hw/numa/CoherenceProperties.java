package disco.hw.numa;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random runs on small machines (2-4 nodes of 1-2 CPUs, caches of 2-8 lines so that evictions are
 * constant, a dozen or two candidate lines over every node), under MSI and MESI: after every step
 * the caches and directories agree, the counters add up, and the driver's own checks of cost,
 * resulting state, DMA and hot-page events hold.
 */
class CoherenceProperties {

  /** The shape of a small machine. */
  record Setup(int nodes, int cpusPerNode, int lineBytes, int cacheLines, int ways, int threshold) {
    MemoryConfig config(CoherenceProtocol protocol) {
      return CoherenceDriver.smallConfig(nodes, cpusPerNode, lineBytes, cacheLines, ways, threshold, protocol);
    }
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
  void msiKeepsCachesAndDirectoriesInAgreement(@ForAll("setups") Setup setup, @ForAll("runs") List<Op> ops) {
    run(setup.config(CoherenceProtocol.MSI), ops);
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
  void mesiKeepsCachesAndDirectoriesInAgreement(@ForAll("setups") Setup setup, @ForAll("runs") List<Op> ops) {
    run(setup.config(CoherenceProtocol.MESI), ops);
  }

  private static void run(MemoryConfig config, List<Op> ops) {
    CoherenceDriver driver = new CoherenceDriver(new MemorySystem(config));
    for (int i = 0; i < ops.size(); i++) {
      List<String> problems = driver.apply(ops.get(i));
      if (!problems.isEmpty()) {
        fail("after step " + i + " (" + ops.get(i) + ") of " + ops.subList(0, i + 1) + ":\n  "
            + String.join("\n  ", problems));
      }
    }
  }

  @Provide
  Arbitrary<Setup> setups() {
    return Combinators.combine(
            Arbitraries.integers().between(2, 4),
            Arbitraries.integers().between(1, 2),
            Arbitraries.of(32, 64, 128),
            Arbitraries.of(2, 4, 8),
            Arbitraries.of(1, 2),
            Arbitraries.integers().between(0, 4))
        .as(Setup::new);
  }

  @Provide
  Arbitrary<List<Op>> runs() {
    Arbitrary<Integer> cpu = Arbitraries.integers().between(0, 7);
    Arbitrary<Integer> line = Arbitraries.integers().between(0, 19);
    Arbitrary<Op> access =
        Combinators.combine(cpu, line, Arbitraries.integers().between(0, 127), Arbitraries.of(false, true))
            .as(Op.Access::new);
    Arbitrary<Op> dma =
        Combinators.combine(Arbitraries.of(false, true), line, Arbitraries.integers().between(1, 3))
            .as(Op.Dma::new);
    Arbitrary<Op> uncached = Combinators.combine(cpu, line).as(Op.Uncached::new);
    Arbitrary<Op> resetPage = line.map(Op.ResetPage::new);
    Arbitrary<Op> resetAll = Arbitraries.just(new Op.ResetAll());
    return Arbitraries.frequencyOf(
            Tuple.of(80, access),
            Tuple.of(8, dma),
            Tuple.of(6, uncached),
            Tuple.of(4, resetPage),
            Tuple.of(2, resetAll))
        .list()
        .ofMinSize(1)
        .ofMaxSize(200);
  }
}
