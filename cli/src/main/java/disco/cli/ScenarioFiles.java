package disco.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import disco.hw.InputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The scenario files {@code disco run} takes: one describes either bare metal (a machine and a
 * kernel, run without the monitor) or Disco (a machine and its VMs, read by
 * {@link disco.monitor.ScenarioFile}). This class tells them apart, reads the bare-metal kind, and
 * unpacks the built-in default scenario.
 */
final class ScenarioFiles {
  private ScenarioFiles() {}

  /** A bare-metal scenario: what the options --machine, --kernel, --append, --disk, --console-input say. */
  record Bare(String machine, Path kernel, @Nullable String commandLine, List<Path> disks, boolean persistentDisks,
      @Nullable Path consoleInput) {}

  /** Thrown with a message that names the file and what is wrong with it. */
  static final class BadScenario extends Exception {
    private static final long serialVersionUID = 1L;

    BadScenario(String message) {
      super(message);
    }
  }

  private static final Set<String> BARE = Set.of("machine", "kernel", "commandLine", "disks", "persistentDisks",
      "consoleInput");

  /** True when {@code file} describes VMs (a top-level {@code vms}), false for bare metal. */
  static boolean describesVms(Path file) throws BadScenario {
    JsonNode root = tree(file);
    if (root.has("vms")) {
      return true;
    }
    if (root.has("kernel")) {
      return false;
    }
    throw new BadScenario(file + ": a scenario names either vms (to run on the monitor) or a kernel (bare metal)");
  }

  /** Reads a bare-metal scenario; paths are relative to the file's folder. */
  static Bare bare(Path file) throws BadScenario {
    JsonNode root = tree(file);
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!BARE.contains(f)) {
        throw new BadScenario(file + ": unknown field '" + f + "' (a bare-metal scenario has " + String.join(", ",
            new java.util.TreeSet<>(BARE)) + ")");
      }
    }
    Path parent = file.toAbsolutePath().getParent();
    Path dir = parent == null ? Path.of(".") : parent;
    JsonNode m = root.path("machine");
    String machine = m.isMissingNode() ? "flash-8" : text(file, "machine", m);
    if (machine.endsWith(".yaml") || machine.endsWith(".json")) {
      machine = dir.resolve(machine).toString();
    }
    Path kernel = dir.resolve(text(file, "kernel", root.path("kernel")));
    JsonNode c = root.path("commandLine");
    String commandLine = c.isMissingNode() ? null : text(file, "commandLine", c);
    List<Path> disks = new ArrayList<>();
    JsonNode d = root.path("disks");
    if (!d.isMissingNode() && !d.isArray()) {
      throw new BadScenario(file + ": disks: expected a list of image files (disk 0 first)");
    }
    for (JsonNode e : d) {
      disks.add(dir.resolve(text(file, "disks", e)));
    }
    if (disks.size() > 8) {
      throw new BadScenario(file + ": disks: the machine has 8 disks, the scenario names " + disks.size());
    }
    JsonNode p = root.path("persistentDisks");
    if (!p.isMissingNode() && !p.isBoolean()) {
      throw new BadScenario(file + ": persistentDisks: expected true or false");
    }
    JsonNode in = root.path("consoleInput");
    Path input = in.isMissingNode() ? null : dir.resolve(text(file, "consoleInput", in));
    return new Bare(machine, kernel, commandLine, disks, p.asBoolean(false), input);
  }

  private static String text(Path file, String field, JsonNode n) throws BadScenario {
    if (!n.isTextual()) {
      throw new BadScenario(file + ": " + field + ": expected a string");
    }
    return n.asText();
  }

  private static JsonNode tree(Path file) throws BadScenario {
    byte[] bytes;
    try {
      bytes = InputFiles.readAll(file, 1 << 20);
    } catch (InputFiles.UnreadableFileException e) {
      throw new BadScenario(file + ": " + e.problem());
    }
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(bytes);
    } catch (IOException e) {
      String msg = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      throw new BadScenario(file + ": not YAML or JSON: " + msg);
    }
    if (root == null || !root.isObject()) {
      throw new BadScenario(file + ": expected an object (machine, and vms or kernel)");
    }
    return root;
  }

  /** The default scenario's file, unpacked with the images it names under {@code dir}. */
  static Path unpackDefault(Path dir) throws IOException {
    unpackResources(dir, "default", List.of("scenarios/pmake-4vms.yaml", "guests/unix/images/unix-disco.elf",
        "guests/unix/images/root.ext2"));
    return dir.resolve("scenarios/pmake-4vms.yaml");
  }

  /**
   * Copies the jar's resources {@code /FOLDER/F}, for each F of {@code files}, to {@code dir/F}, so
   * that a jar run outside the repository finds the images it carries; returns {@code dir}.
   */
  static Path unpackResources(Path dir, String folder, List<String> files) throws IOException {
    for (String f : files) {
      try (InputStream in = ScenarioFiles.class.getResourceAsStream("/" + folder + "/" + f)) {
        if (in == null) {
          throw new IOException("this build of disco lacks its built-in " + folder + "/" + f);
        }
        Path to = dir.resolve(f);
        Path parent = to.getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.copy(in, to);
      }
    }
    return dir;
  }

  /** Deletes {@code dir} and everything under it (what {@link #unpackResources} wrote). */
  static void deleteTree(Path dir) throws IOException {
    try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
