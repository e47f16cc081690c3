package disco.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The instruction vectors on Unicorn through its adapter: the results docs/conformance.md tabulates.
 * Needs Debian's python3-unicorn: skipped without it on a developer machine, a failure under CI
 * (CI=true) or the full test command (DISCO_REQUIRE_TOOLS=true), as hw-model's Tools does.
 */
@Tag("long")
class UnicornAdapterTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Path ADAPTER = Path.of("adapters/unicorn_adapter.py");

  /** The disagreements that are not a missing feature (docs/conformance.md classifies them). */
  private static final Set<String> THEIR_BUGS_AND_CU1 = Set.of(
      // a bug of theirs: SC checks the link before the alignment
      "sc.big.0", "sc.little.0", "sc.little.2", "ll-sc.unaligned",
      // CU1 is always set in Unicorn: no Coprocessor Unusable for an FPU instruction
      "cpu.cop1", "cop1x.cu1", "lwc1.cu1", "movf.cu1", "ldc1.cu1", "sdc1.cu1", "swc1.cu1",
      // COP2 decoded as Loongson multimedia: Reserved Instruction where the manual requires CpU
      "cop2");

  private static void requireUnicorn() throws Exception {
    boolean present = Files.isExecutable(PYTHON)
        && new ProcessBuilder(PYTHON.toString(), "-c", "import unicorn").start().waitFor() == 0;
    if (!present) {
      if ("true".equalsIgnoreCase(System.getenv("CI")) || "true".equalsIgnoreCase(System.getenv("DISCO_REQUIRE_TOOLS"))) {
        fail("python3-unicorn is required here: apt-get install python3-unicorn");
      }
      Assumptions.abort("python3-unicorn is not installed");
    }
  }

  @Test
  void unicornAgreesWhereverItCanBeSetUp() throws Exception {
    requireUnicorn();
    List<Outcome> outcomes;
    try (ProcessImplementation unicorn = ProcessImplementation.start(PYTHON + " " + ADAPTER, Duration.ofSeconds(20))) {
      assertEquals("unicorn", unicorn.name());
      outcomes = Runner.run(unicorn, VectorSuite.builtIn("instruction"));
    }
    Set<String> unexplained = new TreeSet<>();
    for (Outcome o : outcomes) {
      if (o.status() != Outcome.Status.FAILED || o.reason().startsWith("the implementation reports an error: \"needs")) {
        continue;
      }
      boolean onlyDelivery = !o.differences().isEmpty() && o.differences().stream().allMatch(d -> d.field().matches(
          "exception\\.(epc|bd|vector|badvaddr|ce)") && d.got().equals("nothing"));
      if (!onlyDelivery) {
        unexplained.add(o.vector().id());
      }
    }
    assertEquals(THEIR_BUGS_AND_CU1, unexplained);
    assertEquals(702, Runner.tally(outcomes)[0]);
  }
}
