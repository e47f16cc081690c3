package disco.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.hw.machine.MachineConfig;
import disco.monitor.trap.CostModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Scenario files: a good one reads into the scenario it says (paths relative to the file), and
 * every bad one (malformed YAML or JSON, an unknown field, a missing file, a configuration the
 * machine or the interface cannot hold) is one InvalidScenarioException whose message starts with
 * the file's name and names the field and the problem.
 */
class ScenarioFileTest {
  @TempDir Path dir;

  Path write(String name, String text) throws IOException {
    Files.copy(GuestRuns.image("hello"), dir.resolve("hello.elf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Path f = dir.resolve(name);
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  /** The message of reading {@code file}, which must fail; it must start with the file's name. */
  String problem(Path file) {
    InvalidScenarioException e = assertThrows(InvalidScenarioException.class, () -> ScenarioFile.read(file));
    String m = e.getMessage();
    assertTrue(m.startsWith(file + ": "), "the message must name the file first: " + m);
    assertFalse(m.contains("\n"), "one line: " + m);
    return m.substring(file.toString().length() + 2);
  }

  @Test
  void aGoodScenarioReadsAsWritten() throws Exception {
    Files.copy(GuestRuns.disk0(), dir.resolve("d.img"));
    Path f = write("s.yaml", """
        machine: flash-4
        monitor: {l2tlbEntries: 256, sliceCycles: 5000, watchdogCycles: 7000, monitorCodePages: 3, costs: {trap: 9}}
        vms:
          - name: a
            kernel: hello.elf
          - name: b.2
            vcpus: 2
            memoryMb: 32
            kernel: hello.elf
            commandLine: "x=1"
            disks: [d.img]
            persistentDisks: true
            consoleInput: "in"
            nodes: [3, 1]
        """);
    Scenario s = ScenarioFile.read(f);
    assertEquals(MachineConfig.preset("flash-4"), s.machine());
    CostModel d = CostModel.DEFAULT;
    assertEquals(new Scenario.Parameters(256, 5000, 7000, 3, new CostModel(9, d.emulate(), d.reflect(), d.l2tlbHit(),
        d.l2tlbMiss(), d.pmapFill(), d.monitorCall(), d.pageZero(), d.pageAllocate(), d.vcpuSwitch()), false), s.monitor());
    Path real = dir.toAbsolutePath();
    assertEquals(List.of(
        new Scenario.Vm("a", 1, 16, real.resolve("hello.elf"), null, List.of(), false, "", List.of()),
        new Scenario.Vm("b.2", 2, 32, real.resolve("hello.elf"), "x=1", List.of(real.resolve("d.img")), true, "in",
            List.of(3, 1))), s.vms());
  }

  @Test
  void jsonReadsAsTheSameYaml() throws Exception {
    Path y = write("s.yaml", "machine: flash-1\nvms:\n  - {name: a, memoryMb: 4, kernel: hello.elf}\n");
    Path j = write("s.json", "{\"machine\": \"flash-1\", \"vms\": [{\"name\": \"a\", \"memoryMb\": 4, \"kernel\": \"hello.elf\"}]}");
    assertEquals(ScenarioFile.read(y), ScenarioFile.read(j));
    assertEquals(Scenario.Parameters.DEFAULT, ScenarioFile.read(y).monitor());
  }

  @Test
  void malformedYaml() throws IOException {
    Path f = write("bad.yaml", "machine: flash-4\nvms:\n  - name: a\n   kernel: [hello.elf\n");
    String m = problem(f);
    assertTrue(m.startsWith("not valid YAML at line "), m);
  }

  @Test
  void malformedJson() throws IOException {
    Path f = write("bad.json", "{\"machine\": \"flash-4\",\n \"vms\": [ }\n");
    String m = problem(f);
    assertTrue(m.startsWith("not valid JSON at line 2: "), m);
  }

  @Test
  void duplicateKey() throws IOException {
    Path f = write("dup.yaml", "machine: flash-4\nmachine: flash-8\nvms: [{kernel: hello.elf}]\n");
    assertTrue(problem(f).startsWith("not valid YAML at line 2: Duplicate field 'machine'"));
  }

  @Test
  void notAnObject() throws IOException {
    assertEquals("expected an object with machine, monitor and vms", problem(write("list.yaml", "- 1\n- 2\n")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      colour: red                                        | unknown field colour (known: machine, monitor, vms)
      monitor: {l2tlbEntries: 64, slice: 3}              | unknown field monitor.slice (known: asidTagging, costs, l2tlbEntries, monitorCodePages, sliceCycles, watchdogCycles)
      """)
  void unknownTopOrMonitorField(String line, String problem) throws IOException {
    Path f = write("u.yaml", "machine: flash-4\n" + line + "\nvms: [{name: a, kernel: hello.elf}]\n");
    assertEquals(problem, problem(f));
  }

  @Test
  void unknownVmField() throws IOException {
    Path f = write("u.yaml", "vms:\n  - {name: a, kernel: hello.elf}\n  - {name: b, kernel: hello.elf, memory: 4}\n");
    assertEquals("unknown field vms[1].memory (known: commandLine, consoleInput, disks, kernel, memoryMb, name, "
        + "nodes, persistentDisks, vcpus)", problem(f));
  }

  @Test
  void missingKernelFile() throws IOException {
    Path f = write("k.yaml", "vms: [{name: a, kernel: nothere.elf}]\n");
    assertEquals("vms[0].kernel: no such file: " + dir.toAbsolutePath().resolve("nothere.elf"), problem(f));
  }

  @Test
  void noKernel() throws IOException {
    Path f = write("k.yaml", "vms: [{name: a}]\n");
    assertEquals("vms[0].kernel: the guest kernel's image is required", problem(f));
  }

  @Test
  void missingDiskFile() throws IOException {
    Path f = write("d.yaml", "vms: [{name: a, kernel: hello.elf, disks: [gone.img]}]\n");
    assertEquals("vms[0].disks: no such file: " + dir.toAbsolutePath().resolve("gone.img"), problem(f));
  }

  @Test
  void missingScenarioFile() {
    Path f = dir.resolve("absent.yaml");
    assertEquals("cannot be read (NoSuchFileException)", problem(f));
  }

  @Test
  void unknownMachine() throws IOException {
    String m = problem(write("m.yaml", "machine: flash-3\nvms: [{kernel: hello.elf}]\n"));
    assertTrue(m.startsWith("machine: unknown machine preset 'flash-3'"), m);
  }

  @Test
  void noVms() throws IOException {
    assertEquals("vms: expected a non-empty list of VMs", problem(write("n.yaml", "machine: flash-4\nvms: []\n")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      vcpus: 2, nodes: [0, 4]       | vms[0].nodes: vCPU 1 on node 4, but machine flash-4 has nodes 0..3
      nodes: [-1]                   | vms[0].nodes: vCPU 0 on node -1, but machine flash-4 has nodes 0..3
      vcpus: 2, nodes: [1]          | vms[0].nodes: 1 nodes given for 2 vCPUs
      memoryMb: 512                 | vms[0].memoryMb: must be 1..511 (DISCO_PHYS_MAX is 0x1ff00000 bytes), got 512
      memoryMb: 100000              | vms[0].memoryMb: must be 1..511 (DISCO_PHYS_MAX is 0x1ff00000 bytes), got 100000
      memoryMb: 0                   | vms[0].memoryMb: must be 1..511 (DISCO_PHYS_MAX is 0x1ff00000 bytes), got 0
      vcpus: 0                      | vms[0].vcpus: must be 1..64, got 0
      vcpus: 65                     | vms[0].vcpus: must be 1..64, got 65
      memoryMb: lots                | vms[0].memoryMb: expected a whole number, got "lots"
      name: 'a b'                   | vms[0].name: 1 to 32 letters, digits, '_', '.', '-'
      vcpus: 1.5                    | vms[0].vcpus: expected a whole number, got 1.5
      disks: hello.elf              | vms[0].disks: expected a list
      nodes: 0                      | vms[0].nodes: expected a list
      nodes: [0.5]                  | vms[0].nodes: expected node numbers
      disks: [3]                    | vms[0].disks: expected image file names
      commandLine: [quiet]          | vms[0].commandLine: expected a string
      """)
  void impossibleVm(String fields, String problem) throws IOException {
    Path f = write("i.yaml", "machine: flash-4\nvms:\n  - {kernel: hello.elf, " + fields + "}\n");
    assertEquals(problem, problem(f));
  }

  @Test
  void twoVmsWithOneName() throws IOException {
    Path f = write("d.yaml", "machine: flash-4\nvms:\n  - {name: a, kernel: hello.elf}\n  - {name: a, kernel: hello.elf}\n");
    assertEquals("vms[1].name: another VM is named a", problem(f));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      l2tlbEntries: 100             | monitor.l2tlbEntries must be a power of two up to 1048576, got 100
      sliceCycles: 0                | monitor: sliceCycles and watchdogCycles must be > 0, monitorCodePages 0..4096
      costs: {trap: -1}             | monitor.costs: a cost must be >= 0 cycles, got -1
      asidTagging: 1                | monitor.asidTagging: expected true or false
      costs: {trapp: 5}             | unknown field monitor.costs.trapp (known: emulate, l2tlbHit, l2tlbMiss, monitorCall, pageAllocate, pageZero, pmapFill, reflect, trap, vcpuSwitch)
      """)
  void impossibleMonitor(String fields, String problem) throws IOException {
    Path f = write("i.yaml", "monitor: {" + fields + "}\nvms: [{kernel: hello.elf}]\n");
    assertEquals(problem, problem(f));
  }

  /** A Scenario built in code, not read from a file, is still refused at boot, naming the VM. */
  @Test
  void bootRefusesAnImpossibleScenarioBuiltInCode() {
    Path kernel = GuestRuns.image("hello");
    Scenario s = new Scenario(MachineConfig.preset("flash-4"),
        List.of(new Scenario.Vm("v", 1, 4, kernel, null, List.of(), false, "", List.of(9))), Scenario.Parameters.DEFAULT);
    InvalidScenarioException e = assertThrows(InvalidScenarioException.class,
        () -> Disco.boot(s, new ByteArrayOutputStream()));
    assertEquals("VM v: vCPU 0 on node 9, but the machine has nodes 0..3", e.getMessage());
    Scenario big = new Scenario(MachineConfig.preset("flash-4"),
        List.of(new Scenario.Vm("v", 1, 512, kernel, null, List.of(), false, "", List.of())), Scenario.Parameters.DEFAULT);
    e = assertThrows(InvalidScenarioException.class, () -> Disco.boot(big, new ByteArrayOutputStream()));
    assertEquals("VM v: memory must be 1..511 MB, got 512", e.getMessage());
  }

  /** The largest VM the interface allows reads and boots. */
  @Test
  void theLargestVmIsAccepted() throws Exception {
    Path f = write("ok.yaml", "machine: flash-32\nvms: [{kernel: hello.elf, memoryMb: 511, vcpus: 64}]\n");
    Scenario s = ScenarioFile.read(f);
    Disco d = Disco.boot(s, new ByteArrayOutputStream());
    assertEquals(511L << 20, d.vms().get(0).memoryBytes());
    assertNull(d.vms().get(0).exitStatus());
  }
}
