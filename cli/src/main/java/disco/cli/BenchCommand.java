package disco.cli;

import disco.hw.machine.InvalidConfigException;
import disco.hw.machine.MachineConfig;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code disco bench}: runs one static compute-bound program on the processor model and under
 * {@code qemu-mips}, each as a whole process, and prints the simulated instruction rate and the
 * time ratio model/QEMU measured in the same run. Outputs must agree, or the figures mean nothing.
 */
@Command(
    name = "bench",
    description = {
      "Run a compute-bound program on the model and under qemu-mips; print instructions per",
      "second and the whole-process time ratio model/QEMU, measured in the same run."
    })
final class BenchCommand implements Callable<Integer> {
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  @Spec
  CommandSpec spec;

  @Option(names = "--program", paramLabel = "ELF",
      description = "The benchmark program (default: ${DEFAULT-VALUE}).")
  Path program = Path.of("guests/linux/bench/coremark_like");

  @Option(names = "--qemu", paramLabel = "CMD", description = "The QEMU user-mode binary (default: ${DEFAULT-VALUE}).")
  String qemu = "qemu-mips";

  @Option(names = "--no-qemu", description = "Run only the model.")
  boolean noQemu;

  @Option(names = "--repeat", paramLabel = "N", description = "Runs of each, the fastest counts (default: ${DEFAULT-VALUE}).")
  int repeat = 1;

  @Option(names = "--kernel", paramLabel = "ELF",
      description = "Benchmark the multiprocessor instead: boot this bare-metal image with the cache model on and off.")
  java.nio.file.@org.checkerframework.checker.nullness.qual.Nullable Path kernel;

  @Option(names = "--overhead", split = ",", paramLabel = "WORKLOAD", arity = "0..*",
      description = "The paper's Figure 5: each Unix workload (default: all of pmake, engineering, raytrace, database)"
          + " on bare metal and as the only VM of Disco; cycles by mode, relative time, host speed.")
  java.util.@org.checkerframework.checker.nullness.qual.Nullable List<String> overhead;

  @Option(names = "--unix", split = ",", paramLabel = "WORKLOAD", arity = "0..*",
      description = "The Unix guest on bare metal: kbench's simulated cycles per system call, fork+exec, page fault,"
          + " TLB refill and context switch; then each workload (default: all) with its exit status, cycles,"
          + " instructions, host seconds and simulated MIPS. Status 1 when a workload does not exit 0.")
  java.util.@org.checkerframework.checker.nullness.qual.Nullable List<String> unix;

  @Option(names = "--cpus", paramLabel = "N", description = "With --unix: the CPUs the kernel uses (default: all of the machine's).")
  java.lang.@org.checkerframework.checker.nullness.qual.Nullable Integer cpus;

  @Option(names = "--size", paramLabel = "SIZE",
      description = "With --overhead or --unix: the workloads' size, small or full (default: ${DEFAULT-VALUE}).")
  String size = "small";

  @Option(names = "--images", paramLabel = "DIR",
      description = "With --overhead or --unix: the Unix guest's images (default: " + DEFAULT_IMAGES
          + ", or this jar's copies when there is no such folder).")
  java.nio.file.@org.checkerframework.checker.nullness.qual.Nullable Path images;

  @Option(names = "--machine", paramLabel = "PRESET|FILE",
      description = "With --kernel or --unix: the machine (default: ${DEFAULT-VALUE}).")
  String machine = "flash-8";

  /** Where the Unix guest's images are in the repository, relative to its top. */
  static final String DEFAULT_IMAGES = "guests/unix/images";

  @Parameters(paramLabel = "ARGS", description = "Arguments for the program (e.g. an iteration count).")
  List<String> args = new ArrayList<>();

  record Run(double seconds, String stdout, String stderr, int status) {}

  private static final Pattern STATS =
      Pattern.compile("disco exec: (\\d+) instructions in ([0-9.]+) s of host time");

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (repeat < 1) {
      err.println("disco bench: --repeat: must be at least 1, got " + repeat);
      return ExitStatus.FAILURE;
    }
    List<String> o = overhead;
    List<String> u = unix;
    if ((o != null ? 1 : 0) + (u != null ? 1 : 0) + (kernel != null ? 1 : 0) > 1) {
      err.println("disco bench: --overhead, --unix and --kernel are separate benchmarks: give one of them");
      return ExitStatus.FAILURE;
    }
    if (cpus != null && u == null) {
      err.println("disco bench: --cpus: only with --unix");
      return ExitStatus.FAILURE;
    }
    if (o != null) {
      return unixGuest(o, false, out, err);
    }
    if (u != null) {
      return unixGuest(u, true, out, err);
    }
    Path k = kernel;
    if (k != null) {
      return MachineBench.run(k, machine, repeat, out, err);
    }
    if (!Files.isRegularFile(program)) {
      err.println("disco bench: " + program + ": " + (Files.isDirectory(program) ? "is a directory"
          : "no such file (build it with `make -C guests/linux/bench`)"));
      return ExitStatus.FAILURE;
    }
    Path jar;
    try {
      java.security.CodeSource source = BenchCommand.class.getProtectionDomain().getCodeSource();
      if (source == null) {
        throw new URISyntaxException("(none)", "no code source");
      }
      jar = Path.of(source.getLocation().toURI());
    } catch (URISyntaxException e) {
      err.println("disco bench: cannot locate the disco jar: " + e.getMessage());
      return ExitStatus.FAILURE;
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    List<String> modelCmd = new ArrayList<>(List.of(java, "-jar", jar.toString(), "exec", "--stats", program.toString()));
    modelCmd.addAll(args);
    Run model = fastest(modelCmd);
    Matcher m = STATS.matcher(model.stderr());
    if (model.status() != 0 || !m.find()) {
      err.println("disco bench: the model's run failed (status " + model.status() + "): " + model.stderr().strip());
      return ExitStatus.FAILURE;
    }
    long instructions = Long.parseLong(String.valueOf(m.group(1)));
    double inProcess = Double.parseDouble(String.valueOf(m.group(2)));

    out.printf("program            %s %s%n", program, String.join(" ", args));
    out.printf("instructions       %,d%n", instructions);
    out.printf("model, simulation  %.3f s  %.1f million instructions/s (interpreter only)%n",
        inProcess, instructions / inProcess / 1e6);
    out.printf("model, process     %.3f s  %.1f million instructions/s (JVM start-up included)%n",
        model.seconds(), instructions / model.seconds() / 1e6);
    if (noQemu) {
      return ExitStatus.OK;
    }
    List<String> qemuCmd = new ArrayList<>(List.of(qemu, program.toString()));
    qemuCmd.addAll(args);
    Run q;
    try {
      q = fastest(qemuCmd);
    } catch (IOException e) {
      err.println("disco bench: cannot run " + qemu + ": " + e.getMessage() + " (or use --no-qemu)");
      return ExitStatus.FAILURE;
    }
    if (!q.stdout().equals(model.stdout()) || q.status() != model.status()) {
      err.println("disco bench: the model and QEMU disagree on the program's output or status; no figures");
      return ExitStatus.FAILURE;
    }
    out.printf("qemu, process      %.3f s  %.1f million instructions/s%n", q.seconds(), instructions / q.seconds() / 1e6);
    out.printf("ratio model/qemu   %.2f (whole process)%n", model.seconds() / q.seconds());
    return ExitStatus.OK;
  }

  /**
   * {@code --overhead} or ({@code unixBench}) {@code --unix}: both run the Unix guest's workloads from
   * the same images; every option is checked before the first run.
   */
  private int unixGuest(List<String> workloads, boolean unixBench, PrintWriter out, PrintWriter err) throws IOException {
    String option = unixBench ? "--unix" : "--overhead";
    for (String w : workloads) {
      if (!UnixBench.WORKLOADS.contains(w)) {
        err.println("disco bench: " + option + ": unknown workload '" + w + "' (known: "
            + String.join(", ", UnixBench.WORKLOADS) + ")");
        return ExitStatus.FAILURE;
      }
    }
    if (!size.equals("small") && !size.equals("full")) {
      err.println("disco bench: --size: small or full, got " + size);
      return ExitStatus.FAILURE;
    }
    List<String> all = workloads.isEmpty() ? UnixBench.WORKLOADS : workloads;
    @Nullable MachineConfig c = null;
    if (unixBench) {
      try {
        c = UserFiles.machine(machine);
      } catch (InvalidConfigException e) {
        err.println("disco bench: " + e.getMessage());
        return ExitStatus.FAILURE;
      }
      if (!c.endianness().isBig()) {
        err.println("disco bench: --machine: " + machine + " is little-endian; the Unix images --unix runs are big-endian");
        return ExitStatus.FAILURE;
      }
      int n = cpus != null ? cpus : c.cpus();
      if (n < 1 || n > c.cpus()) {
        err.println("disco bench: --cpus: must be 1 to " + c.cpus() + " (the CPUs of " + machine + "), got " + n);
        return ExitStatus.FAILURE;
      }
    }
    Path given = images;
    @Nullable Path unpacked = null;
    try {
      Path dir;
      if (given == null && !Files.isDirectory(Path.of(DEFAULT_IMAGES))) {
        unpacked = Files.createTempDirectory("disco-bench-images");
        dir = ScenarioFiles.unpackResources(unpacked, "default/" + DEFAULT_IMAGES, UnixBench.JAR_IMAGES);
      } else {
        dir = given != null ? given : Path.of(DEFAULT_IMAGES);
      }
      String missing = UnixBench.missingImage(dir, unixBench ? UnixBench.IMAGES : OverheadBench.IMAGES);
      if (missing != null) {
        err.println("disco bench: " + missing);
        return ExitStatus.FAILURE;
      }
      if (c == null) {
        return OverheadBench.run(dir, all, size, out, err);
      }
      return UnixBench.run(new UnixBench.Request(dir, all, size, c, cpus != null ? cpus : c.cpus()), out, err);
    } finally {
      if (unpacked != null) {
        ScenarioFiles.deleteTree(unpacked);
      }
    }
  }

  private Run fastest(List<String> cmd) throws IOException, InterruptedException {
    Run best = time(cmd);
    for (int i = 1; i < repeat; i++) {
      Run r = time(cmd);
      if (r.seconds() < best.seconds()) {
        best = r;
      }
    }
    return best;
  }

  private static Run time(List<String> cmd) throws IOException, InterruptedException {
    File outFile = File.createTempFile("bench", ".out");
    File errFile = File.createTempFile("bench", ".err");
    try {
      long start = System.nanoTime();
      Process p = new ProcessBuilder(cmd).redirectOutput(outFile).redirectError(errFile).start();
      if (!p.waitFor(30, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException(cmd.get(0) + " did not finish in 30 minutes");
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Run(seconds,
          Files.readString(outFile.toPath(), StandardCharsets.UTF_8),
          Files.readString(errFile.toPath(), StandardCharsets.UTF_8),
          p.exitValue());
    } finally {
      Files.deleteIfExists(outFile.toPath());
      Files.deleteIfExists(errFile.toPath());
    }
  }
}
