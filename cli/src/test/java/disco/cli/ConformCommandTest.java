package disco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
