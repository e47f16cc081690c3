package disco.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import disco.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the ELFs program vectors name (programs/programs.py build), as a user of the suite would.
 * Needs the cross compilers and csmith: skipped without them on a developer machine, a failure under
 * CI or the full test command (disco.testing.Tools).
 */
public final class ProgramFiles {
  private ProgramFiles() {}

  /** Builds the ELFs of the program vectors whose ids are one of {@code prefixes} or start with one and a dot (all when none). */
  public static void build(String... prefixes) throws IOException, InterruptedException {
    Tools.require("mips-linux-gnu-gcc");
    Tools.require("mipsel-linux-gnu-gcc");
    Tools.require("csmith");
    List<String> command = new ArrayList<>(List.of("python3", "programs/programs.py", "build"));
    command.addAll(List.of(prefixes));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), "programs.py build: " + out);
  }

  /** The built-in vectors of {@code kind} chosen as {@link #build} chooses them, their files resolved. */
  public static List<Vector> vectors(String kind, String... prefixes) throws VectorFormatException {
    List<Vector> all = FileRefs.resolve(VectorSuite.builtIn(kind), FileRefs.defaultRoot());
    if (prefixes.length == 0) {
      return all;
    }
    return all.stream().filter(v -> List.of(prefixes).stream().anyMatch(p -> v.id().equals(p) || v.id().startsWith(p + "."))).toList();
  }
}
