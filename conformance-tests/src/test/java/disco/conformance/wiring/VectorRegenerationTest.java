package disco.conformance.wiring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.conformance.Implementation;
import disco.conformance.Outcome;
import disco.conformance.Runner;
import disco.conformance.Vector;
import disco.conformance.VectorSuite;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed vectors are what the reference generates, and every mutant fails some (ReferenceDynamicTest: the reference passes them). */
class VectorRegenerationTest {
  @Test
  void regeneratingGivesTheSameBytes() throws Exception {
    String committed;
    try (InputStream in = VectorSuite.class.getResourceAsStream("vectors/instruction.jsonl")) {
      committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String generated = VectorGenerator.generate();
    if (Boolean.getBoolean("conformance.regenerate")) {
      // -Dconformance.regenerate=true rewrites the committed file (docs/conformance.md); run from the module
      VectorGenerator.main(new String[] {"src/main/resources/disco/conformance/vectors"});
      return;
    }
    assertTrue(committed.equals(generated),
        "instruction.jsonl differs from what the reference generates; see docs/conformance.md, Regenerating");
  }

  @Test
  void everyMutantFailsSomeVector() throws Exception {
    List<Vector> vectors = VectorSuite.builtIn("instruction");
    for (Implementation m : Mutants.all()) {
      // the first failing vector is enough; the full table is in docs/conformance.md
      boolean caught = vectors.stream().anyMatch(v -> Runner.runOne(m, v).status() == Outcome.Status.FAILED);
      assertTrue(caught, m.name() + " passes every vector");
    }
  }
}
