package disco.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.TreeSet;

/**
 * One conformance vector: its kind, stable id, purpose, the manual section it checks, the request an
 * implementation receives (the vector without {@code expect}) and the expected result.
 */
public record Vector(String kind, String id, String purpose, String manual, ObjectNode request, JsonNode expect) {
  /**
   * The implementation choices the vector pins (its {@code requires} field, schema 2): it runs only
   * on an implementation that declares every one of them (docs/conformance.md, "Implementation
   * choices").
   */
  public Set<String> requires() {
    Set<String> out = new TreeSet<>();
    request.path("requires").forEach(c -> out.add(c.asText()));
    return out;
  }
}
