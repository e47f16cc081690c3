package disco.spec.invariant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class InvariantCatalogueTest {
  private static final Path PAGE = Path.of("..", "docs", "invariants.md");

  @Test
  void idsAreUniqueAndWellFormed() {
    Set<String> ids = new HashSet<>();
    Pattern shape = Pattern.compile("[A-Z]{3,4}-[0-9]+");
    for (InvariantCatalogue.Entry e : InvariantCatalogue.entries()) {
      assertTrue(ids.add(e.id()), "duplicate id " + e.id());
      assertTrue(shape.matcher(e.id()).matches(), e.id());
      assertTrue(e.sentence().endsWith("."), e.id() + " is one sentence ending with a full stop");
    }
  }

  @Test
  void generatedPageIsCurrent() throws IOException {
    String expected = InvariantCatalogue.markdown();
    if (Boolean.getBoolean("disco.regenerate")) {
      Files.writeString(PAGE, expected);
    }
    String committed = Files.exists(PAGE) ? Files.readString(PAGE) : "";
    assertEquals(expected, committed,
        "docs/invariants.md is stale: regenerate it with"
            + " mvn -B -o -q -pl spec test -Dtest=InvariantCatalogueTest -Ddisco.regenerate=true");
  }
}
