package disco.conformance.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.conformance.Implementation;
import disco.conformance.Implementations;
import disco.conformance.Outcome;
import disco.conformance.Runner;
import disco.conformance.Vector;
import disco.conformance.VectorSuite;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed vectors are what the reference generates, the reference passes them, every mutant fails some. */
class VectorRegenerationTest {
  @Test
  void regeneratingGivesTheSameBytes() throws Exception {
    String committed;
    try (InputStream in = VectorSuite.class.getResourceAsStream("vectors/instruction.jsonl")) {
      committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    // On a mismatch: java -cp ... disco.conformance.wiring.VectorGenerator rewrites the file (docs/conformance.md).
    assertTrue(committed.equals(VectorGenerator.generate()), "instruction.jsonl differs from what the reference generates");
  }

  @Test
  void theReferenceIsFoundByServiceLoaderAndPassesEveryVector() throws Exception {
    Implementation ref = Implementations.installed().stream().filter(i -> i.name().equals("reference")).findFirst()
        .orElseThrow();
    List<Outcome> o = Runner.run(ref, VectorSuite.builtIn("instruction"));
    List<String> failed = o.stream().filter(x -> x.status() != Outcome.Status.PASSED)
        .map(x -> x.vector().id() + ": " + x.reason()).toList();
    assertEquals(List.of(), failed);
  }

  @Test
  void everyMutantFailsSomeVector() throws Exception {
    List<Vector> vectors = VectorSuite.builtIn("instruction");
    for (Implementation m : Mutants.all()) {
      int failed = Runner.tally(Runner.run(m, vectors))[1];
      assertTrue(failed > 0, m.name() + " passes every vector");
    }
  }
}
