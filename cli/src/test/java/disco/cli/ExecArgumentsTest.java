package disco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * How {@code disco exec} splits its command line: its own options come before the program's
 * name; everything after it is the program's, as with {@code qemu-mips PROG ARGS}, even words
 * that look like exec's own options.
 */
class ExecArgumentsTest {
  private static ExecCommand parse(String... args) {
    CommandLine cl = DiscoCommand.commandLine();
    CommandLine.ParseResult r = cl.parseArgs(args);
    CommandLine.ParseResult sub = r.subcommand();
    assertTrue(sub != null, "no subcommand parsed");
    return (ExecCommand) sub.commandSpec().userObject();
  }

  @Test
  void optionsAfterTheProgramAreThePrograms() {
    ExecCommand c = parse("exec", "--little-endian", "busybox", "sh", "-c", "echo hi");
    assertTrue(c.littleEndian);
    assertEquals(Path.of("busybox"), c.executable);
    assertEquals(List.of("sh", "-c", "echo hi"), c.args);
  }

  @Test
  void execsOwnOptionNamesAfterTheProgramAreNotTaken() {
    ExecCommand c = parse("exec", "prog", "--stats", "--trace", "--root", "/", "--little-endian");
    assertFalse(c.stats);
    assertFalse(c.trace);
    assertFalse(c.littleEndian);
    assertEquals(Path.of(""), c.root);
    assertEquals(List.of("--stats", "--trace", "--root", "/", "--little-endian"), c.args);
  }

  @Test
  void execsOwnOptionsBeforeTheProgramAreTaken() {
    ExecCommand c = parse("exec", "--stats", "--root", "/tmp", "prog", "x");
    assertTrue(c.stats);
    assertEquals(Path.of("/tmp"), c.root);
    assertEquals(List.of("x"), c.args);
  }

  @Test
  void doubleDashEndsExecsOptions() {
    ExecCommand c = parse("exec", "--", "prog", "--", "-x");
    assertEquals(Path.of("prog"), c.executable);
    assertEquals(List.of("--", "-x"), c.args);
  }

  @Test
  void anUnknownOptionBeforeTheProgramIsStillAnError() {
    CliTest.Result r = CliTest.run("exec", "--no-such-option", "prog");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("--no-such-option"), r.err());
  }

  @Test
  void aRootThatIsNotADirectoryIsRefusedInOneLine() {
    CliTest.Result r = CliTest.run("exec", "--root", "/no/such/dir", "prog");
    assertEquals(2, r.status());
    assertEquals("disco exec: --root /no/such/dir: not a directory\n", r.err().replace("\r", ""));
  }
}
