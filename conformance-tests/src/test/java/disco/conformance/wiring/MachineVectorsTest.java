package disco.conformance.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.conformance.Implementation;
import disco.conformance.Outcome;
import disco.conformance.ProgramFiles;
import disco.conformance.Runner;
import disco.conformance.Vector;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The machine vectors (the committed guests/baremetal images): the reference passes every one
 * (ReferenceDynamicTest), and the seeded mutants that act on whole runs fail some.
 */
class MachineVectorsTest {
  @Test
  void theCommittedVectorsCoverEveryBaremetalProgram() throws Exception {
    List<Vector> all = ProgramFiles.vectors("machine");
    assertEquals(33, all.size());
    assertEquals(8, all.stream().filter(v -> v.id().startsWith("baremetal.")).count());
  }

  @Test
  void mutantsThatActOnWholeRunsFailSome() throws Exception {
    List<Vector> all = ProgramFiles.vectors("machine", "baremetal");
    Map<String, List<String>> caught = new TreeMap<>();
    for (String name : List.of("mutant:slt-unsigned", "mutant:divu-signed", "mutant:sra-logical")) {
      Implementation m = Mutants.all().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
      caught.put(name, Runner.run(m, all).stream().filter(o -> o.status() == Outcome.Status.FAILED)
          .map(o -> o.vector().id()).collect(Collectors.toList()));
    }
    assertTrue(caught.values().stream().anyMatch(l -> !l.isEmpty()), caught.toString());
  }
}
