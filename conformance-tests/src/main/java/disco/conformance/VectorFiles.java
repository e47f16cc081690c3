package disco.conformance;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads conformance vectors (JSON), turning every failure into one clear message. */
public final class VectorFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private VectorFiles() {}

  /** Parses {@code file} as a JSON object. */
  public static JsonNode read(Path file) throws VectorFormatException {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new VectorFormatException(file, "not valid JSON" + where + ": " + e.getOriginalMessage());
    } catch (NoSuchFileException e) {
      throw new VectorFormatException(file, "no such file");
    } catch (IOException e) {
      throw new VectorFormatException(file, "cannot be read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new VectorFormatException(file, "a vector file must hold one JSON object");
    }
    return root;
  }

  /** The field {@code name} of {@code node}, which must be present and not null. */
  public static JsonNode require(Path file, JsonNode node, String name) throws VectorFormatException {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new VectorFormatException(file, "missing field \"" + name + "\"");
    }
    return v;
  }
}
