package disco.conformance.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.conformance.Implementation;
import disco.conformance.Outcome;
import disco.conformance.ProgramFiles;
import disco.conformance.Runner;
import disco.conformance.Vector;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The reference passes the program vectors, whose expectations qemu-mips recorded; a seeded mutant
 * fails them. The fast test takes three programs; the long one every vector.
 */
class ProgramVectorsTest {
  private static final String[] FEW = {"linux.argv_exit", "linux.int_arith.big", "csmith.seed.1"};

  private static List<String> failures(List<Outcome> outcomes) {
    return outcomes.stream().filter(o -> o.status() != Outcome.Status.PASSED)
        .map(o -> o.vector().id() + ": " + o.reason()).collect(Collectors.toList());
  }

  @Test
  void theReferencePassesAFewAndTheSltMutantDoesNot() throws Exception {
    ProgramFiles.build(FEW);
    List<Vector> few = ProgramFiles.vectors("program", FEW);
    assertEquals(18, few.size(), "argv_exit's 8 runs in both byte orders, int_arith, csmith seed 1");
    assertEquals(List.of(), failures(Runner.run(new ReferenceImplementation(), few)));

    Implementation slt = Mutants.all().stream().filter(m -> m.name().equals("mutant:slt-unsigned")).findFirst().orElseThrow();
    Outcome o = Runner.runOne(slt, few.stream().filter(v -> v.id().equals("linux.int_arith.big")).findFirst().orElseThrow());
    assertEquals(Outcome.Status.FAILED, o.status());
    assertTrue(o.differences().stream().anyMatch(d -> d.field().startsWith("stdout")), o.differences().toString());
  }

  @Test
  @Tag("long")
  void theReferencePassesEveryProgramVector() throws Exception {
    ProgramFiles.build();
    List<Vector> all = ProgramFiles.vectors("program");
    long t0 = System.nanoTime();
    List<Outcome> outcomes = Runner.run(new ReferenceImplementation(), all);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(List.of(), failures(outcomes));
    assertTrue(all.size() >= 380, "" + all.size());
    System.out.printf("program vectors: %d passed on the reference in %d ms%n", all.size(), ms);
  }
}
