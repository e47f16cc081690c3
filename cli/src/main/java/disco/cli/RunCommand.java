package disco.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import disco.hw.InputFiles;
import disco.hw.elf.ElfFile;
import disco.hw.elf.ElfFormatException;
import disco.hw.machine.DiskImage;
import disco.hw.machine.InvalidConfigException;
import disco.hw.machine.Machine;
import disco.hw.machine.MachineConfig;
import disco.hw.machine.MachineStats;
import disco.hw.machine.StopReason;
import disco.monitor.InvalidScenarioException;
import disco.monitor.Scenario;
import disco.monitor.ScenarioFile;
import disco.monitor.trap.TrapKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code disco run}: a scenario of virtual machines on the Disco monitor, or a bare-metal kernel
 * on the machine itself.
 */
@Command(
    name = "run",
    description = {
      "Run a scenario: virtual machines on the Disco monitor (a file with vms: each VM's console,",
      "then per-vCPU statistics), or a kernel on bare metal (a file with a kernel, or --kernel:",
      "the console, then per-CPU statistics). Scenario files are in scenarios/; with no argument,",
      "runs the built-in default: flash-8, 4 VMs of 2 vCPUs, each running the Unix guest's pmake."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "On the monitor:",
      "0:every VM halted with status 0",
      "1:a VM halted with another status, or the monitor stopped it (the reason is printed), or",
      "  an invariant failed (--check-invariants)",
      "On bare metal:",
      "N:the value the guest wrote to the halt register (low 8 bits)",
      "3:every CPU is idle and no device event is pending",
      "125:a CPU makes no progress (the same exception at the same PC, over and over)",
      "Both:",
      "2:bad input",
      "124:--max-cycles reached"
    })
final class RunCommand implements Callable<Integer> {
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
      description = "A scenario file (YAML or JSON): a machine and its vms, or a machine and a kernel.")
  @Nullable Path scenario;

  @Option(names = "--trace-monitor", paramLabel = "FILE",
      description = "On the monitor: write one line per trap (cycle, CPU, VM.vCPU, kind, cause, what Disco did).")
  @Nullable Path trace;

  @Option(names = "--trace-json", description = "Write the trace as JSON Lines.")
  boolean traceJson;

  @Option(names = "--trace-vm", paramLabel = "NAME", description = "Trace only this VM (repeatable).")
  List<String> traceVms = new ArrayList<>();

  @Option(names = "--trace-kind", paramLabel = "KIND",
      description = "Trace only this kind of trap (repeatable): ${COMPLETION-CANDIDATES}.")
  List<TrapKind> traceKinds = new ArrayList<>();

  @Option(names = "--check-invariants",
      description = "On the monitor: check the invariant catalogue (docs/invariants.md) on the live monitor after"
          + " every trap; a violation makes the status 1 and is printed with the trap it followed.")
  boolean checkInvariants;

  @Option(names = "--machine", paramLabel = "PRESET|FILE",
      description = "flash-1, flash-4, flash-8, flash-16, flash-32, or a YAML/JSON file (default: ${DEFAULT-VALUE}).")
  String machine = DEFAULT_MACHINE;

  @Option(names = "--kernel", paramLabel = "ELF", description = "The kernel image (a bare-metal ELF linked in kseg0).")
  @Nullable Path kernel;

  @Option(names = "--disk", paramLabel = "N=FILE[,snapshot]",
      description = "Attach disk N (0..7) backed by FILE. With ,snapshot the machine's writes go to a private"
          + " copy in memory and FILE is left unchanged; without, they are written to FILE.")
  Map<Integer, String> disks = new TreeMap<>();

  @Option(names = "--append", paramLabel = "STRING",
      description = "The kernel command line: placed in memory, its address passed to CPU 0 in $a1 (docs/devices.md).")
  @Nullable String append;

  @Option(names = "--console-input", paramLabel = "FILE", description = "Bytes the console offers as input.")
  @Nullable Path consoleInput;

  @Option(names = "--max-cycles", paramLabel = "N", description = "Stop after N machine cycles (status 124); 0 = no limit.")
  long maxCycles;

  @Option(names = "--stats-json", paramLabel = "FILE", description = "Also write the statistics as JSON.")
  @Nullable Path statsJson;

  @Option(names = "--no-stats", description = "Do not print the statistics table.")
  boolean noStats;

  /** Where the guest's console goes; set by {@link DiscoCommand#commandLine(StandardOutput.Sinks)}. */
  StandardOutput.Sinks guest = StandardOutput.Sinks.PROCESS;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (maxCycles < 0) {
      err.println("disco run: --max-cycles: must be 0 (no limit) or more, got " + maxCycles);
      return ExitStatus.FAILURE;
    }
    for (Path p : new Path[] {statsJson, trace}) {
      String unwritable = p == null ? null : UserFiles.unwritable(p);
      if (unwritable != null) {
        err.println("disco run: " + p + ": " + unwritable);
        return ExitStatus.FAILURE;
      }
    }
    Path file = scenario;
    if (file != null && kernel != null) {
      err.println("disco run: give a scenario file or --kernel, not both");
      return ExitStatus.FAILURE;
    }
    if (kernel == null) {
      boolean vms;
      try {
        vms = file == null || ScenarioFiles.describesVms(file);
        if (file != null && !vms) {
          useBareScenario(ScenarioFiles.bare(file));
        }
      } catch (ScenarioFiles.BadScenario e) {
        err.println("disco run: " + e.getMessage());
        return ExitStatus.FAILURE;
      }
      if (vms) {
        return runVms(file, err);
      }
    }
    if (trace != null || traceJson || !traceVms.isEmpty() || !traceKinds.isEmpty() || checkInvariants) {
      err.println("disco run: --trace-monitor, its filters and --check-invariants need a scenario of VMs; this run has no monitor");
      return ExitStatus.FAILURE;
    }
    return runBare(err);
  }

  /** Bare metal takes the options --machine, --kernel, --append, --disk and --console-input say. */
  private Integer runBare(PrintWriter err) throws IOException {
    Path kernel = this.kernel;
    if (kernel == null) {
      throw new IllegalStateException("a bare-metal run without a kernel");
    }
    MachineConfig config;
    try {
      config = UserFiles.machine(machine);
    } catch (InvalidConfigException e) {
      err.println("disco run: " + e.getMessage());
      return ExitStatus.FAILURE;
    }
    ElfFile image;
    try {
      image = ElfFile.read(kernel);
    } catch (ElfFormatException e) {
      err.println("disco run: " + e.getMessage());
      return ExitStatus.FAILURE;
    }
    InputStream input = new ByteArrayInputStream(new byte[0]);
    if (consoleInput != null) {
      try {
        input = new ByteArrayInputStream(UserFiles.input(consoleInput, UserFiles.MAX_CONSOLE_INPUT_BYTES));
      } catch (InputFiles.UnreadableFileException e) {
        err.println("disco run: " + e.getMessage());
        return ExitStatus.FAILURE;
      }
    }
    OutputStream console = guest.out().get();
    Machine m;
    try {
      m = new Machine(config, diskImages(), input, console);
      m.load(image, append);
    } catch (InvalidConfigException | ElfFormatException e) {
      err.println("disco run: " + e.getMessage());
      return ExitStatus.FAILURE;
    }
    boolean terminal = System.console() != null;
    long start = System.nanoTime();
    StopReason reason = m.run(maxCycles, terminal ? cycles -> progress(err, m, cycles, start) : null);
    if (terminal) {
      err.print("\r\033[K");
    }
    console.flush();
    MachineStats stats = m.stats();
    if (!noStats) {
      err.print(stats.table());
    }
    Path json = statsJson;
    if (json != null) {
      try {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), stats);
      } catch (IOException e) {
        err.println("disco run: " + json + ": cannot be written: " + InputFiles.problem(e));
        return ExitStatus.FAILURE;
      }
    }
    if (!(reason instanceof StopReason.Halted)) {
      err.println("disco run: " + reason.sentence());
    }
    err.flush();
    return reason.exitStatus();
  }

  /** The options a bare-metal scenario file gives; given on the command line as well, they are refused. */
  private void useBareScenario(ScenarioFiles.Bare b) throws ScenarioFiles.BadScenario {
    if (bareMetalOptionsGiven()) {
      throw new ScenarioFiles.BadScenario(scenario + ": the scenario gives the machine, command line, disks and "
          + "console input; --machine, --append, --disk and --console-input are for runs without one");
    }
    machine = b.machine();
    kernel = b.kernel();
    append = b.commandLine();
    consoleInput = b.consoleInput();
    for (int i = 0; i < b.disks().size(); i++) {
      disks.put(i, b.disks().get(i) + (b.persistentDisks() ? "" : SNAPSHOT));
    }
  }

  /** A scenario of VMs on the monitor: {@code file}, or the built-in default when null. */
  private Integer runVms(@Nullable Path file, PrintWriter err) throws IOException {
    if (bareMetalOptionsGiven()) {
      err.println("disco run: a scenario of VMs gives each VM's kernel, command line, disks and console input;"
          + " --machine, --append, --disk and --console-input are for bare-metal runs");
      return ExitStatus.FAILURE;
    }
    Path unpacked = null;
    try {
      Path f = file;
      if (f == null) {
        unpacked = Files.createTempDirectory("disco-run-default");
        f = ScenarioFiles.unpackDefault(unpacked);
      }
      Scenario s;
      try {
        s = ScenarioFile.read(f);
      } catch (InvalidScenarioException e) {
        err.println("disco run: " + e.getMessage());
        return ExitStatus.FAILURE;
      }
      VmsRun.Trace t = new VmsRun.Trace(trace, traceJson, new java.util.TreeSet<>(traceVms),
          traceKinds.isEmpty() ? java.util.EnumSet.noneOf(TrapKind.class) : java.util.EnumSet.copyOf(traceKinds));
      return VmsRun.run(s, maxCycles, t, checkInvariants, statsJson, noStats, guest.out().get(), err);
    } finally {
      if (unpacked != null) {
        ScenarioFiles.deleteTree(unpacked);
      }
    }
  }

  /** Whether an option only a bare-metal run without a scenario file takes was given. */
  private boolean bareMetalOptionsGiven() {
    return !machine.equals(DEFAULT_MACHINE) || append != null || !disks.isEmpty() || consoleInput != null;
  }

  static final String DEFAULT_MACHINE = "flash-8";

  static final String SNAPSHOT = ",snapshot";

  /** The --disk options in disk order: FILE, or FILE,snapshot for a snapshot disk. */
  private List<DiskImage> diskImages() {
    List<DiskImage> images = new ArrayList<>();
    for (Map.Entry<Integer, String> d : disks.entrySet()) {
      String file = d.getValue();
      boolean snapshot = file.endsWith(SNAPSHOT);
      images.add(new DiskImage(d.getKey(), Path.of(snapshot ? file.substring(0, file.length() - SNAPSHOT.length()) : file), snapshot));
    }
    return images;
  }

  private static void progress(PrintWriter err, Machine m, long cycles, long start) {
    double seconds = (System.nanoTime() - start) / 1e9;
    long instructions = m.cpus().stream().mapToLong(c -> c.instructions()).sum();
    err.printf("\r%,d cycles, %.1f million instructions/s ", cycles, instructions / Math.max(seconds, 1e-9) / 1e6);
    err.flush();
  }

}
