package disco.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorFilesTest {
  @TempDir Path dir;

  @Test
  void malformedJsonNamesTheFileAndLine() throws IOException {
    Path f = dir.resolve("broken.json");
    Files.writeString(f, "{\n  \"name\": ,\n}");
    VectorFormatException e = assertThrows(VectorFormatException.class, () -> VectorFiles.read(f));
    assertTrue(e.getMessage().startsWith(f + ": not valid JSON at line 2"), e.getMessage());
  }

  @Test
  void missingFieldIsNamed() throws Exception {
    Path f = dir.resolve("v.json");
    Files.writeString(f, "{\"name\": \"add\"}");
    JsonNode n = VectorFiles.read(f);
    VectorFormatException e =
        assertThrows(VectorFormatException.class, () -> VectorFiles.require(f, n, "expect"));
    assertEquals(f + ": missing field \"expect\"", e.getMessage());
  }

  @Test
  void missingFileIsSaid() {
    Path f = dir.resolve("absent.json");
    VectorFormatException e = assertThrows(VectorFormatException.class, () -> VectorFiles.read(f));
    assertEquals(f + ": no such file", e.getMessage());
  }

  @Property(tries = 50)
  void wellFormedObjectsAreRead(@ForAll @AlphaChars @StringLength(min = 1, max = 12) String key, @ForAll int value)
      throws Exception {
    // jqwik does not inject JUnit's @TempDir, so this property manages its own file.
    Path f = Files.createTempFile("vector", ".json");
    try {
      Files.writeString(f, "{\"" + key + "\": " + value + "}");
      assertEquals(value, VectorFiles.require(f, VectorFiles.read(f), key).asInt());
    } finally {
      Files.delete(f);
    }
  }
}
