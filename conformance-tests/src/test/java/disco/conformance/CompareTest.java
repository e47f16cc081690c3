package disco.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What program and machine vectors add to the comparison: patterns, long text, the files they name. */
class CompareTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<Difference> diff(String expect, String got) throws Exception {
    return Compare.differences(JSON.readTree(expect), JSON.readTree(got));
  }

  @Test
  void aPatternMustMatchTheWholeField() throws Exception {
    String expect = "{\"console~\": \"a\\\\n(?:cpu [0-7] up\\\\n){2}\"}";
    assertEquals(List.of(), diff(expect, "{\"console\": \"a\\ncpu 1 up\\ncpu 0 up\\n\"}"));
    assertEquals("[console: expected a string matching /a\\n(?:cpu [0-7] up\\n){2}/, got \"a\\ncpu 1 up\\n\"]",
        diff(expect, "{\"console\": \"a\\ncpu 1 up\\n\"}").toString());
    assertEquals("[console: expected a string matching /x/, got nothing]", diff("{\"console~\": \"x\"}", "{}").toString());
    assertTrue(diff("{\"console~\": \"(\"}", "{\"console\": \"(\"}").get(0).toString().startsWith("console~: expected a regular expression"));
  }

  @Test
  void longTextIsShownFromItsFirstDifferingLine() throws Exception {
    String same = "line\n".repeat(40);
    List<Difference> d = diff("{\"stdout\": \"" + same.replace("\n", "\\n") + "checksum = 1\\nend\\n\"}",
        "{\"stdout\": \"" + same.replace("\n", "\\n") + "checksum = 2\\nend\\n\"}");
    assertEquals("[stdout (line 41, byte 211): expected \"checksum = 1\\n\", got \"checksum = 2\\n\"]", d.toString());
  }

  @Test
  void aMissingOrChangedFileIsNamed(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.elf"), "abc");
    String sha = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    JsonNode ok = JSON.readTree("{\"init\": {\"elf\": {\"path\": \"" + dir.resolve("a.elf") + "\", \"sha256\": \"" + sha + "\"}}}");
    assertNull(FileRefs.problem(ok));
    Files.writeString(dir.resolve("a.elf"), "abd");
    assertTrue(FileRefs.problem(ok).contains("is not the file the vector was recorded with"), FileRefs.problem(ok));
    JsonNode missing = JSON.readTree("{\"init\": {\"kernel\": {\"path\": \"" + dir.resolve("b.elf") + "\"}}}");
    assertTrue(FileRefs.problem(missing).startsWith("init.kernel: no file "), FileRefs.problem(missing));
  }

  @Test
  void pathsAreResolvedAgainstTheRoot() throws Exception {
    Vector v = VectorSuite.builtIn("machine").get(0);
    Vector r = FileRefs.resolve(List.of(v), Path.of("/x")).get(0);
    assertEquals("/x/guests/baremetal/images/hello.elf", r.request().path("init").path("kernel").path("path").asText());
    assertEquals("guests/baremetal/images/hello.elf", v.request().path("init").path("kernel").path("path").asText());
  }
}
