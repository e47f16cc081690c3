package disco.hw.machine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import disco.hw.Endianness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Reads a {@link MachineConfig} from a YAML or JSON file. Fields left out take the values of a
 * base preset ({@code base: flash-8}, default {@code flash-8}). Every problem (syntax, an unknown
 * field, a value out of range) becomes one {@link InvalidConfigException} naming the file and field.
 */
public final class MachineConfigFile {
  private MachineConfigFile() {}

  /** The file's fields, all optional. */
  @SuppressWarnings({"initialization.field.uninitialized", "nullness"}) // filled by Jackson
  static final class Fields {
    public String base = "flash-8";
    public String name;
    public Integer nodes;
    public Integer cpusPerNode;
    public Integer memoryPerNodeMb;
    public Boolean cacheEnabled;
    public Integer cacheKb;
    public Integer lineBytes;
    public Integer associativity;
    public String protocol;
    public Integer hitCycles;
    public Integer localMissCycles;
    public Integer remoteMissCycles;
    public Integer quantum;
    public Integer tlbEntries;
    public Integer missThreshold;
    public String endianness;
    public Long seed;
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

  @SuppressWarnings("nullness") // Jackson's fields are null exactly when absent from the file
  public static MachineConfig read(Path file) throws InvalidConfigException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new InvalidConfigException(file + ": no such file");
    } catch (IOException e) {
      throw new InvalidConfigException(file + ": cannot be read: " + e.getMessage());
    }
    String lower = file.toString().toLowerCase(java.util.Locale.ROOT);
    ObjectMapper mapper = lower.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    if (text.isBlank()) {
      throw new InvalidConfigException(file + ": empty configuration");
    }
    Fields f;
    try {
      f = mapper.readValue(text, Fields.class);
    } catch (UnrecognizedPropertyException e) {
      throw new InvalidConfigException(file + ": unknown field '" + e.getPropertyName() + "'");
    } catch (JsonMappingException e) {
      String field = e.getPath().stream().map(r -> String.valueOf(r.getFieldName())).collect(Collectors.joining("."));
      throw new InvalidConfigException(file + ": " + (field.isEmpty() ? "" : "field '" + field + "': ")
          + e.getOriginalMessage().lines().findFirst().orElse("invalid value"));
    } catch (JsonProcessingException e) {
      throw new InvalidConfigException(file + ": not valid " + (lower.endsWith(".json") ? "JSON" : "YAML")
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr())
          + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
    if (f == null) {
      throw new InvalidConfigException(file + ": empty configuration");
    }
    try {
      MachineConfig b = MachineConfig.preset(f.base);
      Endianness order = b.endianness();
      if (f.endianness != null) {
        order = switch (f.endianness.toLowerCase(java.util.Locale.ROOT)) {
          case "big" -> Endianness.BIG;
          case "little" -> Endianness.LITTLE;
          default -> throw new IllegalArgumentException("endianness must be big or little, got " + f.endianness);
        };
      }
      return new MachineConfig(
          f.name != null ? f.name : file.getFileName().toString(),
          or(f.nodes, b.nodes()), or(f.cpusPerNode, b.cpusPerNode()), or(f.memoryPerNodeMb, b.memoryPerNodeMb()),
          f.cacheEnabled != null ? f.cacheEnabled : b.cacheEnabled(),
          or(f.cacheKb, b.cacheKb()), or(f.lineBytes, b.lineBytes()), or(f.associativity, b.associativity()),
          f.protocol != null ? f.protocol : b.protocol(),
          or(f.hitCycles, b.hitCycles()), or(f.localMissCycles, b.localMissCycles()),
          or(f.remoteMissCycles, b.remoteMissCycles()), or(f.quantum, b.quantum()),
          or(f.tlbEntries, b.tlbEntries()), or(f.missThreshold, b.missThreshold()), order,
          f.seed != null ? f.seed : b.seed());
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(file + ": " + e.getMessage());
    }
  }

  private static int or(Integer v, int dflt) {
    return v != null ? v : dflt;
  }
}
