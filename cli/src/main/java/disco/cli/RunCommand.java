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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
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
import picocli.CommandLine.Spec;

/** {@code disco run}: boots a bare-metal kernel on a machine configuration. */
@Command(
    name = "run",
    description = {
      "Boot a bare-metal kernel on the multiprocessor model and print its statistics.",
      "Without --kernel, runs the built-in demonstration (every CPU started by IPI says hello)."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "N:the value the guest wrote to the halt register (low 8 bits)",
      "2:bad input",
      "3:every CPU is idle and no device event is pending",
      "124:--max-cycles reached",
      "125:a CPU makes no progress (the same exception at the same PC, over and over)"
    })
final class RunCommand implements Callable<Integer> {
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  @Spec
  CommandSpec spec;

  @Option(names = "--machine", paramLabel = "PRESET|FILE",
      description = "flash-1, flash-4, flash-8, flash-16, flash-32, or a YAML/JSON file (default: ${DEFAULT-VALUE}).")
  String machine = "flash-8";

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

  static final String DEMO = "smp.elf";

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (maxCycles < 0) {
      err.println("disco run: --max-cycles: must be 0 (no limit) or more, got " + maxCycles);
      return ExitStatus.FAILURE;
    }
    String unwritable = statsJson == null ? null : UserFiles.unwritable(statsJson);
    if (unwritable != null) {
      err.println("disco run: " + statsJson + ": " + unwritable);
      return ExitStatus.FAILURE;
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
      image = kernel != null ? ElfFile.read(kernel) : demoImage();
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

  private static ElfFile demoImage() throws IOException, ElfFormatException {
    try (InputStream in = RunCommand.class.getResourceAsStream("/guests/" + DEMO)) {
      if (in == null) {
        throw new ElfFormatException(Path.of(DEMO), "the built-in demonstration image is missing from this build");
      }
      return ElfFile.parse(Path.of("(built-in) " + DEMO), in.readAllBytes());
    }
  }
}
