package disco.hw.machine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import disco.hw.Endianness;
import disco.hw.InputFiles;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@link MachineConfig} from a YAML or JSON file. Fields left out take the values of a
 * base preset ({@code base: flash-8}, default {@code flash-8}). Every problem (syntax, an unknown
 * field, a field without a value or of the wrong type, a value out of range) becomes one {@link
 * InvalidConfigException} naming the file and field.
 *
 * <p>The file is parsed whole into a tree before any field is looked at, so that a syntax error
 * anywhere is reported as one, and each field's type is checked here rather than coerced: {@code
 * nodes: 1.5} is refused, not read as 1.
 */
public final class MachineConfigFile {
  private MachineConfigFile() {}

  /** The largest machine file read: a configuration is a few hundred bytes. */
  static final long MAX_FILE_BYTES = 1 << 20;

  private enum Kind { INTEGER, BOOLEAN, TEXT }

  /** Every field a file may set, with its type. */
  private static final Map<String, Kind> FIELDS = fields();

  private static Map<String, Kind> fields() {
    Map<String, Kind> m = new LinkedHashMap<>();
    for (String f : List.of("base", "name", "protocol", "endianness")) {
      m.put(f, Kind.TEXT);
    }
    for (String f : List.of("nodes", "cpusPerNode", "memoryPerNodeMb", "cacheKb", "lineBytes", "associativity",
        "hitCycles", "localMissCycles", "remoteMissCycles", "quantum", "tlbEntries", "missThreshold")) {
      m.put(f, Kind.INTEGER);
    }
    m.put("cacheEnabled", Kind.BOOLEAN);
    return Map.copyOf(m);
  }

  /** A preset name, or a path to a .yaml/.yml/.json file. */
  public static MachineConfig load(String presetOrFile) throws InvalidConfigException {
    if (!presetOrFile.contains("/") && !presetOrFile.contains(".")) {
      try {
        return MachineConfig.preset(presetOrFile);
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigException(String.valueOf(e.getMessage()));
      }
    }
    return read(Path.of(presetOrFile));
  }

  public static MachineConfig read(Path file) throws InvalidConfigException {
    String text;
    try {
      text = InputFiles.readText(file, MAX_FILE_BYTES);
    } catch (InputFiles.UnreadableFileException e) {
      throw new InvalidConfigException(file + ": " + e.problem());
    }
    if (text.isBlank()) {
      throw new InvalidConfigException(file + ": empty configuration");
    }
    boolean json = file.toString().toLowerCase(Locale.ROOT).endsWith(".json");
    ObjectMapper mapper = json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidConfigException(file + ": not valid " + (json ? "JSON" : "YAML")
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr())
          + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new InvalidConfigException(file + ": empty configuration");
    }
    if (!root.isObject()) {
      throw new InvalidConfigException(file + ": not valid " + (json ? "JSON: expected an object of fields"
          : "YAML: expected 'field: value' lines") + ", got " + describe(root));
    }
    Fields f = new Fields(file, root);
    try {
      MachineConfig b = MachineConfig.preset(f.text("base", "flash-8"));
      String endianness = f.text("endianness", b.endianness().isBig() ? "big" : "little");
      Endianness order = switch (endianness.toLowerCase(Locale.ROOT)) {
        case "big" -> Endianness.BIG;
        case "little" -> Endianness.LITTLE;
        default -> throw new IllegalArgumentException("endianness must be big or little, got " + endianness);
      };
      return new MachineConfig(
          f.text("name", String.valueOf(file.getFileName())),
          f.integer("nodes", b.nodes()), f.integer("cpusPerNode", b.cpusPerNode()),
          f.integer("memoryPerNodeMb", b.memoryPerNodeMb()), f.bool("cacheEnabled", b.cacheEnabled()),
          f.integer("cacheKb", b.cacheKb()), f.integer("lineBytes", b.lineBytes()),
          f.integer("associativity", b.associativity()), f.text("protocol", b.protocol()),
          f.integer("hitCycles", b.hitCycles()), f.integer("localMissCycles", b.localMissCycles()),
          f.integer("remoteMissCycles", b.remoteMissCycles()), f.integer("quantum", b.quantum()),
          f.integer("tlbEntries", b.tlbEntries()), f.integer("missThreshold", b.missThreshold()), order);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(file + ": " + e.getMessage());
    }
  }

  /** The fields of one file, each checked against its type as it is read. */
  private static final class Fields {
    private final Path file;
    private final JsonNode root;

    Fields(Path file, JsonNode root) throws InvalidConfigException {
      this.file = file;
      this.root = root;
      for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!FIELDS.containsKey(name)) {
          throw new InvalidConfigException(file + ": unknown field '" + name + "'");
        }
        JsonNode v = root.path(name);
        if (v.isNull()) {
          throw refuse(name, "no value (leave the field out to take the default)");
        }
        if (!v.isValueNode()) {
          throw refuse(name, "must be a single value, got " + describe(v));
        }
        Kind kind = FIELDS.get(name);
        if (kind == Kind.INTEGER && !(v.isIntegralNumber() && v.canConvertToInt())) {
          throw refuse(name, v.isIntegralNumber() ? "out of range, got " + v.asText()
              : "must be a whole number, got " + describe(v));
        }
        if (kind == Kind.BOOLEAN && !v.isBoolean()) {
          throw refuse(name, "must be true or false, got " + describe(v));
        }
      }
    }

    private InvalidConfigException refuse(String field, String problem) {
      return new InvalidConfigException(file + ": field '" + field + "': " + problem);
    }

    String text(String name, String dflt) {
      return root.has(name) ? root.path(name).asText() : dflt;
    }

    int integer(String name, int dflt) {
      return root.has(name) ? root.path(name).intValue() : dflt;
    }

    boolean bool(String name, boolean dflt) {
      return root.has(name) ? root.path(name).booleanValue() : dflt;
    }
  }

  /** A value as a message shows it: text quoted, numbers and booleans as written, else its kind. */
  private static String describe(JsonNode v) {
    if (v.isTextual()) {
      return "'" + v.asText() + "'";
    }
    if (v.isArray()) {
      return "a list";
    }
    if (v.isObject()) {
      return "a mapping";
    }
    return v.asText();
  }
}
