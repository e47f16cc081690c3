package disco.monitor;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.monitor.cpu.VirtualCpu;
import disco.monitor.cpu.VirtualMachine;
import disco.monitor.mem.MachinePages;
import disco.monitor.mem.Memmap;
import disco.monitor.mem.Pmap;
import disco.monitor.trap.TraceEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Runs the test guests of {@code guests/disco-tests} under the monitor, and what the tests compare
 * their runs with: the expected console files (the oracle: written from the interface and the
 * MIPS32 manual, not from the monitor), and the isolation facts the monitor's own structures must
 * show after a run.
 */
final class GuestRuns {
  private GuestRuns() {}

  /** The ordinary programs, each of which halts with 0 when every check it makes passed. */
  static final List<String> ORDINARY = List.of("hello", "cp0", "user", "timer", "smp", "disk");

  /** The hostile programs (guests/disco-tests/hostile). */
  static final List<String> HOSTILE = List.of("dma-outside", "tlb-beyond", "priv-store", "eret-kernel",
      "kseg0", "monitor-memory", "spin-irq-off", "panic");

  /** A generous bound for every run: no test guest gets near it unless the monitor is broken. */
  static final long MAX_CYCLES = 200_000_000L;

  /** {@code guests/disco-tests}, found from the working directory upwards. */
  static Path dir() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("guests").resolve("disco-tests");
      if (Files.isRegularFile(candidate.resolve("README.md"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("guests/disco-tests not found above " + Path.of("").toAbsolutePath());
  }

  /** The repository's root (the directory holding guests/). */
  static Path root() {
    return dir().getParent().getParent();
  }

  /** The committed image of a program: images/NAME.elf, or images/hostile/NAME.elf. */
  static Path image(String program) {
    Path images = dir().resolve("images");
    return HOSTILE.contains(program) ? images.resolve("hostile").resolve(program + ".elf")
        : images.resolve(program + ".elf");
  }

  /** The committed disk image {@code disk} and {@code dma-outside} read (never given to a VM itself). */
  static Path disk0() {
    return dir().resolve("images").resolve("disk0.img");
  }

  /** Whether a program needs disk 0 (a copy of disk0.img). */
  static boolean needsDisk(String program) {
    return program.equals("disk") || program.equals("dma-outside");
  }

  /**
   * What {@code program} prints (expected/NAME.txt) on a VM with {@code vcpus} vCPUs and
   * {@code memoryBytes} of memory, its placeholders filled as the README says.
   */
  static String expected(String program, int vcpus, long memoryBytes) {
    String text;
    try {
      text = Files.readString(dir().resolve("expected").resolve(program + ".txt"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String filled = text.replace("{vcpus}", Integer.toString(vcpus))
        .replace("{memory}", String.format("%08x", memoryBytes))
        .replace("{end}", String.format("%08x", 0xC000_0000L + memoryBytes));
    if (filled.contains("{") || !filled.endsWith("\n")) {
      throw new IllegalStateException("expected/" + program + ".txt: an unknown placeholder or no final newline");
    }
    return filled;
  }

  /** One VM of a scenario the tests write. */
  record VmSpec(String name, String program, int vcpus, int memoryMb, List<Integer> nodes) {
    VmSpec(String name, String program, int vcpus, int memoryMb) {
      this(name, program, vcpus, memoryMb, List.of());
    }

    /** The same VM with every vCPU on {@code node}. */
    VmSpec onNode(int node) {
      List<Integer> n = new ArrayList<>();
      for (int i = 0; i < vcpus; i++) {
        n.add(node);
      }
      return new VmSpec(name, program, vcpus, memoryMb, n);
    }

    long memoryBytes() {
      return (long) memoryMb << 20;
    }

    String expected() {
      return GuestRuns.expected(program, vcpus, memoryBytes());
    }
  }

  /**
   * Writes a scenario for {@code vms} on {@code machine} into {@code dir} (each VM that needs a
   * disk gets its own copy of disk0.img there), with {@code monitor} (YAML flow mapping, or "")
   * as the monitor's parameters, and returns its path.
   */
  static Path scenario(Path dir, String machine, String monitor, List<VmSpec> vms) throws IOException {
    StringBuilder y = new StringBuilder("machine: " + machine + "\n");
    if (!monitor.isEmpty()) {
      y.append("monitor: ").append(monitor).append('\n');
    }
    y.append("vms:\n");
    for (VmSpec v : vms) {
      y.append("  - name: ").append(v.name()).append('\n')
          .append("    vcpus: ").append(v.vcpus()).append('\n')
          .append("    memoryMb: ").append(v.memoryMb()).append('\n')
          .append("    kernel: '").append(image(v.program())).append("'\n");
      if (!v.nodes().isEmpty()) {
        y.append("    nodes: ").append(v.nodes()).append('\n');
      }
      if (needsDisk(v.program())) {
        Path copy = dir.resolve(v.name() + "-disk0.img");
        Files.copy(disk0(), copy);
        y.append("    disks: [").append(copy.getFileName()).append("]\n");
      }
    }
    Path file = dir.resolve("scenario.yaml");
    Files.writeString(file, y.toString(), StandardCharsets.UTF_8);
    return file;
  }

  /** A finished run: the monitor (its structures), what reached the host, the trace if asked for. */
  record Run(Disco disco, byte[] host, List<String> trace) {
    String hostText() {
      return new String(host, StandardCharsets.UTF_8);
    }

    VirtualMachine vm(String name) {
      return disco.vms().stream().filter(v -> v.name().equals(name)).findFirst()
          .orElseThrow(() -> new AssertionError("no VM " + name));
    }

    String console(String name) {
      return vm(name).console().outputText();
    }

    /** The host's output split by VM: each line must carry one VM's "[name] " prefix. */
    Map<String, String> hostByVm() {
      Map<String, StringBuilder> by = new LinkedHashMap<>();
      for (VirtualMachine v : disco.vms()) {
        by.put(v.name(), new StringBuilder());
      }
      for (String line : hostText().split("(?<=\n)")) {
        if (line.isEmpty()) {
          continue;
        }
        String owner = null;
        for (String name : by.keySet()) {
          if (line.startsWith("[" + name + "] ")) {
            owner = name;
          }
        }
        if (owner == null) {
          throw new AssertionError("a host line with no VM's prefix: " + line);
        }
        by.get(owner).append(line.substring(owner.length() + 3));
      }
      Map<String, String> out = new LinkedHashMap<>();
      by.forEach((k, v) -> out.put(k, v.toString()));
      return out;
    }
  }

  /** Boots {@code scenario} and runs it to the end, collecting the trace when {@code trace} is set. */
  static Run run(Path scenario, boolean trace) {
    ByteArrayOutputStream host = new ByteArrayOutputStream();
    List<String> events = new ArrayList<>();
    Disco d = assertDoesNotThrow(() -> Disco.boot(ScenarioFile.read(scenario), host));
    if (trace) {
      d.dispatcher().trace((TraceEvent e) -> events.add(e.text()));
    }
    assertDoesNotThrow(() -> d.run(MAX_CYCLES), "the host must never throw");
    return new Run(d, host.toByteArray(), events);
  }

  static Run run(Path dir, String machine, String monitor, List<VmSpec> vms) throws IOException {
    return run(scenario(dir, machine, monitor, vms), false);
  }

  /** {@code vm} halted with {@code status}, and its console is exactly {@code expected}. */
  static void assertHalted(Run r, String vm, int status, String expected) {
    VirtualMachine v = r.vm(vm);
    assertEquals(expected, r.console(vm), vm + ": console");
    assertNull(v.stopReason(), vm + ": stopped by the monitor");
    assertEquals(Integer.valueOf(status), v.exitStatus(), vm + ": exit status");
  }

  /** {@code vm} halted with 0 and printed exactly what its program's expected file says. */
  static void assertOk(Run r, VmSpec vm) {
    assertHalted(r, vm.name(), 0, vm.expected());
  }

  /**
   * The isolation facts of docs/monitor-interface.md and the paper's 4.2.2, read from the monitor's
   * structures: every machine page in a VM's pmap is owned by that VM, is in no other pmap, and
   * the memmap maps it back to that guest page; every page the memmap gives a VM is in its pmap; a
   * VM owns no page outside its pmap; the vCPUs' privileged-register pages and Disco's replicated
   * code pages belong to the monitor and to no pmap. Returns the problems found (none: isolated).
   */
  static List<String> isolationProblems(Disco d) {
    List<String> problems = new ArrayList<>();
    MachinePages pages = d.pages();
    Memmap memmap = d.memmap();
    Map<Integer, String> user = new HashMap<>();
    for (VirtualMachine vm : d.vms()) {
      Pmap pmap = vm.pmap();
      for (int gpn = 0; gpn < pmap.pages(); gpn++) {
        int m = pmap.machinePage(gpn);
        if (m < 0) {
          continue;
        }
        String here = "VM " + vm.name() + " guest page 0x" + Integer.toHexString(gpn);
        if (m >= pages.totalPages()) {
          problems.add(here + ": machine page " + m + " does not exist");
          continue;
        }
        @Nullable String other = user.put(m, here);
        if (other != null) {
          problems.add("machine page " + m + " is used by " + other + " and by " + here);
        }
        if (pages.owner(m) != vm.id()) {
          problems.add(here + ": machine page " + m + " is owned by " + pages.owner(m));
        }
        if (memmap.vmOf(m) != vm.id() || memmap.guestPageOf(m) != gpn) {
          problems.add(here + ": machine page " + m + " maps back to VM " + memmap.vmOf(m)
              + " page 0x" + Integer.toHexString(memmap.guestPageOf(m)));
        }
      }
      if (pages.pagesOwnedBy(vm.id()) != pmap.mappedPages()) {
        problems.add("VM " + vm.name() + " owns " + pages.pagesOwnedBy(vm.id()) + " machine pages but maps "
            + pmap.mappedPages());
      }
    }
    for (int m = 0; m < memmap.pages(); m++) {
      int vm = memmap.vmOf(m);
      if (vm >= 0 && (vm >= d.vms().size() || d.vms().get(vm).pmap().machinePage(memmap.guestPageOf(m)) != m)) {
        problems.add("the memmap gives machine page " + m + " to VM " + vm + ", whose pmap does not map it");
      }
    }
    for (VirtualMachine vm : d.vms()) {
      for (VirtualCpu v : vm.vcpus()) {
        int p = v.privilegedPage();
        String here = "vCPU " + vm.name() + "." + v.number() + "'s privileged-register page " + p;
        if (pages.owner(p) != MachinePages.MONITOR) {
          problems.add(here + " is owned by " + pages.owner(p));
        }
        if (user.containsKey(p)) {
          problems.add(here + " is also " + user.get(p));
        }
      }
    }
    int perNode = pages.totalPages() / pages.nodes();
    for (int n = 0; n < pages.nodes(); n++) {
      for (int i = 0; i < pages.monitorPagesPerNode(); i++) {
        int p = n * perNode + i;
        if (pages.owner(p) != MachinePages.MONITOR || user.containsKey(p)) {
          problems.add("Disco's code page " + p + " on node " + n + " is owned by " + pages.owner(p)
              + (user.containsKey(p) ? " and is " + user.get(p) : ""));
        }
      }
    }
    return problems;
  }

  static void assertIsolated(Disco d) {
    List<String> problems = isolationProblems(d);
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }
}
