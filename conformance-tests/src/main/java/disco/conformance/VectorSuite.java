package disco.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads vector files (JSON Lines, schemas 1 and {@value #SCHEMA_CHOICES}); every defect is one
 * message naming the file, line and field.
 */
public final class VectorSuite {
  /** The schema version of a vector line without implementation choices. */
  public static final int SCHEMA = 1;
  /**
   * Schema 1 and a {@code requires} field: the implementation choices the vector pins. A line that
   * has one says 2, so that a reader of schema 1 alone refuses it instead of running it on every
   * implementation.
   */
  public static final int SCHEMA_CHOICES = 2;

  /** The kinds of vector, in the order suites run. */
  public static final List<String> KINDS = List.of("instruction", "program", "machine");

  private static final ObjectMapper JSON = new ObjectMapper();

  private VectorSuite() {}

  /** The committed vectors of {@code kind}, from the classpath (empty when none are committed). */
  public static List<Vector> builtIn(String kind) throws VectorFormatException {
    String name = "vectors/" + kind + ".jsonl";
    try (InputStream in = VectorSuite.class.getResourceAsStream(name)) {
      if (in == null) {
        return List.of();
      }
      return parse(Path.of(name), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new VectorFormatException(Path.of(name), "cannot be read: " + e.getMessage());
    }
  }

  /** The vectors in {@code file}. */
  public static List<Vector> read(Path file) throws VectorFormatException {
    try {
      return parse(file, Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new VectorFormatException(file, "no such file");
    } catch (IOException e) {
      throw new VectorFormatException(file, "cannot be read: " + e.getMessage());
    }
  }

  /** Parses JSON Lines text; {@code file} names it in messages. Blank lines are allowed. */
  public static List<Vector> parse(Path file, String text) throws VectorFormatException {
    List<Vector> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    String[] lines = text.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (line.isEmpty()) {
        continue;
      }
      String where = "line " + (n + 1);
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        throw new VectorFormatException(file, where + ": not valid JSON: " + e.getOriginalMessage());
      }
      if (node == null || !node.isObject()) {
        throw new VectorFormatException(file, where + ": a vector must be one JSON object");
      }
      ObjectNode v = (ObjectNode) node;
      JsonNode schema = field(file, where, v, "schema");
      if (!schema.isInt() || (schema.intValue() != SCHEMA && schema.intValue() != SCHEMA_CHOICES)) {
        throw new VectorFormatException(
            file, where + ": field \"schema\" is " + schema + ", this suite reads " + SCHEMA + " and " + SCHEMA_CHOICES);
      }
      requires(file, where, v, schema.intValue());
      String kind = text(file, where, v, "kind");
      if (!KINDS.contains(kind)) {
        throw new VectorFormatException(file, where + ": field \"kind\" is \"" + kind + "\", not one of " + KINDS);
      }
      String id = text(file, where, v, "id");
      if (!ids.add(id)) {
        throw new VectorFormatException(file, where + ": field \"id\": \"" + id + "\" appears twice");
      }
      String purpose = text(file, where, v, "purpose");
      String manual = text(file, where, v, "manual");
      field(file, where, v, "init");
      JsonNode expect = field(file, where, v, "expect");
      if (!expect.isObject()) {
        throw new VectorFormatException(file, where + ": field \"expect\" must be an object");
      }
      ObjectNode request = v.deepCopy();
      request.remove("expect");
      out.add(new Vector(kind, id, purpose, manual, request, expect));
    }
    return out;
  }

  /** {@code requires}: absent in schema 1; in schema 2, a non-empty array of choice names. */
  private static void requires(Path file, String where, JsonNode v, int schema) throws VectorFormatException {
    JsonNode r = v.get("requires");
    if (schema == SCHEMA) {
      if (r != null) {
        throw new VectorFormatException(file, where + ": field \"requires\" needs \"schema\": " + SCHEMA_CHOICES);
      }
      return;
    }
    if (r == null || !r.isArray() || r.isEmpty()) {
      throw new VectorFormatException(file, where + ": field \"requires\" must be a non-empty array of choice names (schema " + SCHEMA_CHOICES + ")");
    }
    for (JsonNode c : r) {
      if (!c.isTextual() || c.textValue().isEmpty()) {
        throw new VectorFormatException(file, where + ": field \"requires\" holds " + c + ", not a choice name");
      }
    }
  }

  private static JsonNode field(Path file, String where, JsonNode v, String name) throws VectorFormatException {
    JsonNode f = v.get(name);
    if (f == null || f.isNull()) {
      throw new VectorFormatException(file, where + ": missing field \"" + name + "\"");
    }
    return f;
  }

  private static String text(Path file, String where, JsonNode v, String name) throws VectorFormatException {
    JsonNode f = field(file, where, v, name);
    if (!f.isTextual() || f.textValue().isEmpty()) {
      throw new VectorFormatException(file, where + ": field \"" + name + "\" must be a non-empty string");
    }
    return f.textValue();
  }
}
