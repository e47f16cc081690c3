package disco.monitor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import disco.hw.machine.InvalidConfigException;
import disco.hw.machine.MachineConfig;
import disco.hw.machine.MachineConfigFile;
import disco.monitor.trap.CostModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads a scenario (YAML, or JSON for a name ending in .json). Paths in it are relative to the
 * scenario file's directory. Every problem is one message naming the file and the field.
 * The format is in docs/reference-monitor.md.
 */
public final class ScenarioFile {
  private ScenarioFile() {}

  private static final Set<String> TOP = Set.of("machine", "monitor", "vms");
  private static final Set<String> VM = Set.of("name", "vcpus", "memoryMb", "kernel", "commandLine",
      "disks", "persistentDisks", "consoleInput", "nodes");
  private static final Set<String> MONITOR = Set.of("l2tlbEntries", "sliceCycles", "watchdogCycles",
      "monitorCodePages", "costs", "asidTagging");
  private static final Set<String> COSTS = Set.of("trap", "emulate", "reflect", "l2tlbHit", "l2tlbMiss",
      "pmapFill", "monitorCall", "pageZero", "pageAllocate", "vcpuSwitch");

  public static Scenario read(Path file) throws InvalidScenarioException {
    String text;
    try {
      if (Files.size(file) > (1 << 20)) {
        throw new InvalidScenarioException(file + ": larger than 1 MB: not a scenario");
      }
      text = Files.readString(file);
    } catch (IOException e) {
      throw new InvalidScenarioException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    Path dir = file.toAbsolutePath().getParent();
    return parse(file.toString(), text, dir == null ? Path.of(".") : dir);
  }

  /** Parses scenario text; {@code name} names it in messages, {@code dir} resolves its paths. */
  public static Scenario parse(String name, String text, Path dir) throws InvalidScenarioException {
    boolean json = name.toLowerCase(Locale.ROOT).endsWith(".json");
    ObjectMapper mapper = json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidScenarioException(name + ": not valid " + (json ? "JSON" : "YAML")
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()) + ": "
          + String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidScenarioException(name + ": expected an object with machine, monitor and vms");
    }
    known(name, "", root, TOP);
    MachineConfig machine;
    String m = root.path("machine").asText("flash-8");
    try {
      machine = MachineConfigFile.load(m.endsWith(".yaml") || m.endsWith(".json")
          ? dir.resolve(m).toString() : m);
    } catch (InvalidConfigException e) {
      throw new InvalidScenarioException(name + ": machine: " + e.getMessage());
    }
    Scenario.Parameters p = parameters(name, root.path("monitor"));
    JsonNode vmsNode = root.path("vms");
    if (!vmsNode.isArray() || vmsNode.isEmpty()) {
      throw new InvalidScenarioException(name + ": vms: expected a non-empty list of VMs");
    }
    List<Scenario.Vm> vms = new ArrayList<>();
    for (JsonNode v : vmsNode) {
      Scenario.Vm vm = vm(name, "vms[" + vms.size() + "]", v, dir, vms.size(), machine);
      if (vms.stream().anyMatch(o -> o.name().equals(vm.name()))) {
        // The name prefixes the VM's console lines and selects it in traces: it must be unique.
        throw new InvalidScenarioException(name + ": vms[" + vms.size() + "].name: another VM is named " + vm.name());
      }
      vms.add(vm);
    }
    return new Scenario(machine, vms, p);
  }

  private static Scenario.Parameters parameters(String name, JsonNode n) throws InvalidScenarioException {
    Scenario.Parameters d = Scenario.Parameters.DEFAULT;
    if (n.isMissingNode()) {
      return d;
    }
    known(name, "monitor.", n, MONITOR);
    CostModel c = d.costs();
    JsonNode cn = n.path("costs");
    if (!cn.isMissingNode()) {
      known(name, "monitor.costs.", cn, COSTS);
      try {
        c = new CostModel(num(name, "monitor.costs.trap", cn, "trap", c.trap()),
            num(name, "monitor.costs.emulate", cn, "emulate", c.emulate()),
            num(name, "monitor.costs.reflect", cn, "reflect", c.reflect()),
            num(name, "monitor.costs.l2tlbHit", cn, "l2tlbHit", c.l2tlbHit()),
            num(name, "monitor.costs.l2tlbMiss", cn, "l2tlbMiss", c.l2tlbMiss()),
            num(name, "monitor.costs.pmapFill", cn, "pmapFill", c.pmapFill()),
            num(name, "monitor.costs.monitorCall", cn, "monitorCall", c.monitorCall()),
            num(name, "monitor.costs.pageZero", cn, "pageZero", c.pageZero()),
            num(name, "monitor.costs.pageAllocate", cn, "pageAllocate", c.pageAllocate()),
            num(name, "monitor.costs.vcpuSwitch", cn, "vcpuSwitch", c.vcpuSwitch()));
      } catch (IllegalArgumentException e) {
        throw new InvalidScenarioException(name + ": monitor.costs: " + e.getMessage());
      }
    }
    long l2 = num(name, "monitor.l2tlbEntries", n, "l2tlbEntries", d.l2tlbEntries());
    if (l2 <= 0 || l2 > (1 << 20) || Long.bitCount(l2) != 1) {
      throw new InvalidScenarioException(name + ": monitor.l2tlbEntries must be a power of two up to 1048576, got " + l2);
    }
    long slice = num(name, "monitor.sliceCycles", n, "sliceCycles", d.sliceCycles());
    long watchdog = num(name, "monitor.watchdogCycles", n, "watchdogCycles", d.watchdogCycles());
    long code = num(name, "monitor.monitorCodePages", n, "monitorCodePages", d.monitorCodePages());
    if (slice <= 0 || watchdog <= 0 || code < 0 || code > 4096) {
      throw new InvalidScenarioException(name + ": monitor: sliceCycles and watchdogCycles must be > 0, "
          + "monitorCodePages 0..4096");
    }
    JsonNode tagging = n.path("asidTagging");
    if (!tagging.isMissingNode() && !tagging.isBoolean()) {
      throw new InvalidScenarioException(name + ": monitor.asidTagging: expected true or false");
    }
    return new Scenario.Parameters((int) l2, slice, watchdog, (int) code, c, tagging.asBoolean(d.asidTagging()));
  }

  private static Scenario.Vm vm(String name, String at, JsonNode n, Path dir, int index, MachineConfig machine)
      throws InvalidScenarioException {
    if (!n.isObject()) {
      throw new InvalidScenarioException(name + ": " + at + ": expected an object");
    }
    known(name, at + ".", n, VM);
    String vmName = n.path("name").asText("vm" + index);
    if (!vmName.matches("[A-Za-z0-9_.-]{1,32}")) {
      throw new InvalidScenarioException(name + ": " + at + ".name: 1 to 32 letters, digits, '_', '.', '-'");
    }
    long vcpus = num(name, at + ".vcpus", n, "vcpus", 1);
    if (vcpus < 1 || vcpus > 64) {
      throw new InvalidScenarioException(name + ": " + at + ".vcpus: must be 1..64, got " + vcpus);
    }
    long memory = num(name, at + ".memoryMb", n, "memoryMb", 16);
    if (memory < 1 || memory > (MonitorInterface.PHYS_MAX >>> 20)) {
      throw new InvalidScenarioException(String.format("%s: %s.memoryMb: must be 1..%d (DISCO_PHYS_MAX is 0x%x bytes), got %d",
          name, at, MonitorInterface.PHYS_MAX >>> 20, MonitorInterface.PHYS_MAX, memory));
    }
    JsonNode k = n.path("kernel");
    if (!k.isTextual()) {
      throw new InvalidScenarioException(name + ": " + at + ".kernel: the guest kernel's image is required");
    }
    Path kernel = dir.resolve(k.asText());
    if (!Files.isRegularFile(kernel)) {
      throw new InvalidScenarioException(name + ": " + at + ".kernel: no such file: " + kernel);
    }
    JsonNode c = n.path("commandLine");
    if (!c.isMissingNode() && !c.isTextual()) {
      throw new InvalidScenarioException(name + ": " + at + ".commandLine: expected a string");
    }
    @Nullable String cmd = c.isTextual() ? c.asText() : null;
    for (String list : new String[] {"disks", "nodes"}) {
      if (!n.path(list).isMissingNode() && !n.path(list).isArray()) {
        throw new InvalidScenarioException(name + ": " + at + "." + list + ": expected a list");
      }
    }
    List<Path> disks = new ArrayList<>();
    for (JsonNode d : n.path("disks")) {
      if (!d.isTextual()) {
        throw new InvalidScenarioException(name + ": " + at + ".disks: expected image file names");
      }
      Path p = dir.resolve(d.asText());
      if (!Files.isRegularFile(p)) {
        throw new InvalidScenarioException(name + ": " + at + ".disks: no such file: " + p);
      }
      disks.add(p);
    }
    List<Integer> nodes = new ArrayList<>();
    for (JsonNode d : n.path("nodes")) {
      if (!d.isIntegralNumber() || !d.canConvertToInt()) {
        throw new InvalidScenarioException(name + ": " + at + ".nodes: expected node numbers");
      }
      nodes.add(d.asInt());
    }
    if (!nodes.isEmpty() && nodes.size() != vcpus) {
      throw new InvalidScenarioException(name + ": " + at + ".nodes: " + nodes.size() + " nodes given for "
          + vcpus + " vCPUs");
    }
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i) < 0 || nodes.get(i) >= machine.nodes()) {
        throw new InvalidScenarioException(name + ": " + at + ".nodes: vCPU " + i + " on node " + nodes.get(i)
            + ", but machine " + machine.name() + " has nodes 0.." + (machine.nodes() - 1));
      }
    }
    return new Scenario.Vm(vmName, (int) vcpus, (int) memory, kernel, cmd, disks,
        n.path("persistentDisks").asBoolean(false), n.path("consoleInput").asText(""), nodes);
  }

  private static long num(String name, String field, JsonNode n, String key, long dflt)
      throws InvalidScenarioException {
    JsonNode v = n.path(key);
    if (v.isMissingNode()) {
      return dflt;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new InvalidScenarioException(name + ": " + field + ": expected a whole number, got " + v);
    }
    return v.asLong();
  }

  private static void known(String name, String prefix, JsonNode n, Set<String> fields)
      throws InvalidScenarioException {
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!fields.contains(f)) {
        throw new InvalidScenarioException(name + ": unknown field " + prefix + f + " (known: "
            + String.join(", ", new java.util.TreeSet<>(fields)) + ")");
      }
    }
  }
}
