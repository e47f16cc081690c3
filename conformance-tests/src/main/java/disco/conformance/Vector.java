package disco.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One conformance vector: its kind, stable id, purpose, the manual section it checks, the request an
 * implementation receives (the vector without {@code expect}) and the expected result.
 */
public record Vector(String kind, String id, String purpose, String manual, ObjectNode request, JsonNode expect) {}
