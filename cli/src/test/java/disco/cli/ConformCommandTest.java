package disco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import disco.conformance.Choices;
import disco.conformance.Implementation;
import disco.conformance.ImplementationException;
import disco.conformance.Runner;
import disco.conformance.Vector;
import disco.conformance.VectorSuite;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** disco conform: the reference passes, a mutant fails with the differences, bad input is one line. */
class ConformCommandTest {
  @TempDir Path dir;

  @Test
  void theReferencePassesEveryVectorAndWritesJUnitXml() throws Exception {
    Path xml = dir.resolve("r.xml");
    CliTest.Result r = CliTest.run("conform", "--suite", "instruction", "--junit-xml", xml.toString());
    assertEquals(ExitStatus.OK, r.status(), r.out() + r.err());
    assertTrue(r.out().startsWith("implementation: reference\n"), r.out());
    assertTrue(r.out().matches("(?s).*instruction +\\d+ +0 +0\n.*"), r.out());
    assertTrue(Files.readString(xml).contains("<testsuite name=\"instruction\""));
  }

  @Test
  void aMutantFailsWithTheFieldExpectedAndGot() {
    CliTest.Result r = CliTest.run("conform", "--spi", "mutant:slt-unsigned", "--suite", "instruction");
    assertEquals(ExitStatus.FAILURE, r.status());
    assertTrue(r.out().contains("FAIL slt.edge.sign: "), r.out());
    assertTrue(r.out().contains("  gpr[10]: expected \"0x00000001\", got \"0x00000000\""), r.out());
  }

  @Test
  void machineVectorsPassAndProgramVectorsWithoutTheirFilesFail() {
    CliTest.Result r = CliTest.run("conform", "--suite", "machine");
    assertEquals(ExitStatus.OK, r.status(), r.out() + r.err());
    assertTrue(r.out().matches("(?s).*\nmachine +33 +0 +0\n.*"), r.out());
    // an ELF that is not there fails its vector with the reason: never a pass, never a skip
    r = CliTest.run("conform", "--suite", "program", "--root", dir.toString());
    assertEquals(ExitStatus.FAILURE, r.status());
    assertTrue(r.out().matches("(?s).*\nprogram +0 +386 +0\n.*"), r.out());
    assertTrue(r.out().contains("FAIL csmith.seed.1: ") && r.out().contains("  init.elf: no file " + dir.resolve("guests/build/conformance/csmith/seed-1.elf")), r.out());
  }

  @Test
  void badInputIsOneLine() throws Exception {
    Path f = dir.resolve("v.jsonl");
    Files.writeString(f, "{\"schema\":1,\"kind\":\"instruction\",\"id\":\"a\",\"purpose\":\"p\",\"init\":{},\"expect\":{}}\n");
    CliTest.Result r = CliTest.run("conform", "--vectors", f.toString());
    assertEquals(ExitStatus.FAILURE, r.status());
    assertEquals("disco conform: " + f + ": line 1: missing field \"manual\"\n", r.err());
    r = CliTest.run("conform", "--spi", "nothing");
    assertEquals(ExitStatus.FAILURE, r.status());
    assertTrue(r.err().startsWith("disco conform: --spi nothing: no such implementation; known: reference, mutant:"), r.err());
    r = CliTest.run("conform", "--suite", "cpu");
    assertEquals("disco conform: --suite cpu: not one of instruction, program, machine\n", r.err());
    r = CliTest.run("conform", "--impl", "exit 7");
    assertEquals("disco conform: exited before its handshake (status 7)\n", r.err());
  }

  /** An implementation that declares no choice skips every schema-2 vector, and the output says why. */
  @Test
  void vectorsOfUndeclaredChoicesAreSkippedWithTheReason() throws Exception {
    Implementation bare = new Implementation() {
      @Override
      public String name() {
        return "bare";
      }

      @Override
      public Set<String> kinds() {
        return Set.of("instruction");
      }

      @Override
      public ObjectNode run(ObjectNode request) throws ImplementationException {
        throw new ImplementationException("runs nothing");
      }
    };
    List<Vector> choosy = VectorSuite.builtIn("instruction").stream().filter(v -> !v.requires().isEmpty()).toList();
    long reservedOnly = choosy.stream().filter(v -> v.requires().equals(Set.of(Choices.RESERVED_AS_QEMU))).count();
    StringWriter text = new StringWriter();
    boolean ok = ConformCommand.print(new PrintWriter(text), "bare", Map.of("instruction", Runner.run(bare, choosy)));
    assertTrue(ok, text.toString());
    assertTrue(text.toString().matches("(?s).*instruction +0 +0 +" + choosy.size() + "\n.*"), text.toString());
    assertTrue(text.toString().contains("skipped " + reservedOnly + ": requires choices not declared: reserved-as-qemu\n"),
        text.toString());
  }
}
