package disco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CliTest {
  record Result(int status, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(status, out.toString(), err.toString());
  }

  @Test
  void helpListsEverySubcommand() {
    Result r = run("--help");
    assertEquals(0, r.status());
    for (String sub : new String[] {"run", "exec", "check", "conform", "bench", "report"}) {
      assertTrue(r.out().contains("  " + sub + " "), "help lacks " + sub + ":\n" + r.out());
    }
  }

  @Test
  void versionNamesTheProject() {
    Result r = run("--version");
    assertEquals(0, r.status());
    assertTrue(r.out().startsWith("disco "), r.out());
  }

  @Test
  void unknownOptionIsAUsageErrorWithStatus2() {
    Result r = run("--no-such-option");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("--no-such-option"), r.err());
  }
}
