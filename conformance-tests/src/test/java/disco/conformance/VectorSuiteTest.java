package disco.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Bad vector files: one message naming the file, the line and the field. */
class VectorSuiteTest {
  private static final Path F = Path.of("v.jsonl");
  private static final String GOOD =
      "{\"schema\":1,\"kind\":\"instruction\",\"id\":\"a\",\"purpose\":\"p\",\"manual\":\"m\",\"init\":{},\"expect\":{}}";

  private static final String CHOOSY = GOOD.replace("\"schema\":1", "\"schema\":2")
      .replace("\"init\"", "\"requires\":[\"count-per-instruction\",\"random-per-instruction\"],\"init\"");

  private static String problem(String text) {
    return assertThrows(VectorFormatException.class, () -> VectorSuite.parse(F, text)).getMessage();
  }

  @Test
  void theCommittedVectorsParse() throws Exception {
    List<Vector> v = VectorSuite.builtIn("instruction");
    assertTrue(v.size() > 500, "" + v.size());
  }

  @Test
  void aGoodLineParsesAndLosesItsExpectation() throws Exception {
    Vector v = VectorSuite.parse(F, "\n" + GOOD + "\n").get(0);
    assertEquals("a", v.id());
    assertTrue(!v.request().has("expect"));
  }

  @Test
  void schemaTwoCarriesTheChoicesAVectorRequires() throws Exception {
    Vector v = VectorSuite.parse(F, CHOOSY).get(0);
    assertEquals(Set.of("count-per-instruction", "random-per-instruction"), v.requires());
    assertEquals(Set.of(), VectorSuite.parse(F, GOOD).get(0).requires());
  }

  @Test
  void choicesAreOnlyInSchemaTwoAndAreNames() {
    assertEquals("v.jsonl: line 1: field \"requires\" needs \"schema\": 2",
        problem(CHOOSY.replace("\"schema\":2", "\"schema\":1")));
    assertEquals("v.jsonl: line 1: field \"requires\" must be a non-empty array of choice names (schema 2)",
        problem(GOOD.replace("\"schema\":1", "\"schema\":2")));
    assertEquals("v.jsonl: line 1: field \"requires\" must be a non-empty array of choice names (schema 2)",
        problem(CHOOSY.replace("[\"count-per-instruction\",\"random-per-instruction\"]", "[]")));
    assertEquals("v.jsonl: line 1: field \"requires\" holds 7, not a choice name",
        problem(CHOOSY.replace("\"count-per-instruction\"", "7")));
  }

  /** A typo in a committed vector's requires would make it run on no implementation but the reference. */
  @Test
  void theCommittedVectorsRequireOnlyDefinedChoices() throws Exception {
    Map<String, Integer> uses = new TreeMap<>();
    for (Vector v : VectorSuite.builtIn("instruction")) {
      v.requires().forEach(c -> uses.merge(c, 1, Integer::sum));
    }
    assertEquals(Choices.ALL, uses.keySet(), "" + uses);
  }

  @Test
  void defectsAreNamed() {
    assertTrue(problem("{\"schema\":1").startsWith("v.jsonl: line 1: not valid JSON: Unexpected end-of-input"));
    assertEquals("v.jsonl: line 2: missing field \"purpose\"", problem(GOOD + "\n" + GOOD.replace("\"id\":\"a\",\"purpose\":\"p\",", "\"id\":\"b\",")));
    assertEquals("v.jsonl: line 1: field \"schema\" is 3, this suite reads 1 and 2", problem(GOOD.replace("\"schema\":1", "\"schema\":3")));
    assertEquals("v.jsonl: line 1: field \"kind\" is \"cpu\", not one of [instruction, program, machine]",
        problem(GOOD.replace("instruction", "cpu")));
    assertEquals("v.jsonl: line 2: field \"id\": \"a\" appears twice", problem(GOOD + "\n" + GOOD));
    assertEquals("v.jsonl: line 1: field \"expect\" must be an object", problem(GOOD.replace("\"expect\":{}", "\"expect\":3")));
    assertEquals("v.jsonl: line 1: a vector must be one JSON object", problem("[1]"));
  }
}
