package disco.conformance.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import disco.conformance.Implementation;
import disco.conformance.Outcome;
import disco.conformance.ProgramFiles;
import disco.conformance.Runner;
import disco.conformance.Vector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void regeneratingGivesTheSameBytes(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("machine.jsonl");
    Process p = new ProcessBuilder("python3", "programs/programs.py", "machine", out.toString()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), said);
    assertEquals(Files.readString(Path.of("src/main/resources/disco/conformance/vectors/machine.jsonl")), Files.readString(out),
        "machine.jsonl differs from what programs.py writes from guests/baremetal: run programs.py machine and review the diff");
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
