package disco.conformance.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import disco.conformance.Implementation;
import disco.conformance.Outcome;
import disco.conformance.ProgramFiles;
import disco.conformance.Runner;
import disco.conformance.Vector;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The machine vectors (the committed guests/baremetal images): the reference passes every one
 * (ReferenceDynamicTest), and a seeded mutant that acts on whole runs fails some.
 */
class MachineVectorsTest {
  @Test
  void theCommittedVectorsCoverEveryBaremetalProgram() throws Exception {
    List<Vector> all = ProgramFiles.vectors("machine");
    assertEquals(33, all.size());
    assertEquals(8, all.stream().filter(v -> v.id().startsWith("baremetal.")).count());
  }

  @Test
  void theSignedDivuMutantFailsTheProgramsThatPrintLargeNumbers() throws Exception {
    List<Vector> all = ProgramFiles.vectors("machine", "baremetal");
    Implementation m = Mutants.all().stream().filter(i -> i.name().equals("mutant:divu-signed")).findFirst().orElseThrow();
    List<String> caught = Runner.run(m, all).stream().filter(o -> o.status() == Outcome.Status.FAILED)
        .map(o -> o.vector().id()).collect(Collectors.toList());
    assertEquals(List.of("baremetal.hello", "baremetal.disk", "baremetal.compute"), caught);
  }
}
