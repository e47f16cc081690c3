package disco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CliTest {
  /** What a command did: its status, its own output and error, and the guest's (run, exec). */
  record Result(int status, String out, String err, String guestOut, String guestErr) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ByteArrayOutputStream guestOut = new ByteArrayOutputStream();
    ByteArrayOutputStream guestErr = new ByteArrayOutputStream();
    int status = Main.run(args, new PrintWriter(out), new PrintWriter(err), StandardOutput.Sinks.of(guestOut, guestErr));
    return new Result(status, out.toString(), err.toString(),
        guestOut.toString(StandardCharsets.ISO_8859_1), guestErr.toString(StandardCharsets.ISO_8859_1));
  }

  @Test
  void helpListsEverySubcommand() {
    Result r = run("--help");
    assertEquals(0, r.status());
    for (String sub : new String[] {"run", "exec", "check", "conform", "bench", "report"}) {
      assertTrue(r.out().contains("  " + sub + " "), "help lacks " + sub + ":\n" + r.out());
    }
  }

  /** The version printed is the pom's, read here from the parent pom independently of the build. */
  @Test
  void versionIsThePomsVersion() throws Exception {
    Result r = run("--version");
    assertEquals(0, r.status(), r.err());
    String first = r.out().lines().findFirst().orElse("");
    assertEquals("disco " + pomVersion(), first, r.out());
  }

  /** A build whose resource was not filtered, or has none, is refused rather than given a default. */
  @Test
  void anUnfilteredOrMissingVersionIsAnError() {
    for (String text : new String[] {"version=${project.version}\n", "other=1\n", "version=\n"}) {
      var in = new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
          () -> DiscoCommand.Version.projectVersion(in), text);
    }
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> DiscoCommand.Version.projectVersion(null));
  }

  /** The project's version: the parent pom's own {@code <version>}, a child of {@code <project>}. */
  static String pomVersion() throws Exception {
    var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(java.nio.file.Path.of("..", "pom.xml").toFile());
    for (var n = doc.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeName().equals("version")) {
        String v = n.getTextContent().strip();
        assertTrue(v.matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), v);
        return v;
      }
    }
    throw new AssertionError("../pom.xml has no <version>");
  }

  @Test
  void unknownOptionIsAUsageErrorWithStatus2() {
    Result r = run("--no-such-option");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("--no-such-option"), r.err());
  }
}
