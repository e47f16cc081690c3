package disco.cli;

import disco.hw.elf.ElfFile;
import disco.hw.elf.ElfFormatException;
import disco.hw.machine.DiskImage;
import disco.hw.machine.InvalidConfigException;
import disco.hw.machine.Machine;
import disco.hw.machine.MachineConfig;
import disco.hw.machine.MachineStats;
import disco.hw.machine.StopReason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code disco bench --unix}: what the Unix guest costs on bare metal, in this process. First the
 * kernel's benchmark (kbench as init on one CPU, in-memory root): simulated cycles per system call,
 * fork+exec+exit+wait, page fault, TLB refill and context switch. Then each workload as init on the
 * chosen CPUs with the root file system as a snapshot: its exit status, the machine clock at halt,
 * the instructions of every CPU, the host's seconds and the simulation rate. A workload checks its
 * own result (two checksums, guests/unix/README.md), so its exit status is the verdict: any status
 * but 0 makes the command's {@link ExitStatus#GUEST_FAILED}, after every row is printed.
 */
final class UnixBench {
  private UnixBench() {}

  /** The workloads of guests/unix, each run as {@code init=/bin/W -- SIZE}. */
  static final List<String> WORKLOADS = List.of("pmake", "engineering", "raytrace", "database");

  /** The bare kernel, the root file system its workloads are on, and the kernel with kbench. */
  static final List<String> IMAGES = List.of("unix-bare.elf", "root.ext2", "unix-kbench.elf");

  /** The images this jar carries (cli/pom.xml): what both --unix and --overhead need. */
  static final List<String> JAR_IMAGES = List.of("unix-bare.elf", "unix-disco.elf", "root.ext2", "unix-kbench.elf");

  /** What one boot took. */
  record Measured(StopReason reason, long cycles, long instructions, double seconds, String console) {}

  /** kbench's line: what was measured, then the average cycles. */
  private static final Pattern KBENCH_LINE = Pattern.compile("^(\\S.*?)\\s+(\\d+) cycles$", Pattern.MULTILINE);

  /** What the command was asked; {@code images} holds {@link #IMAGES}. */
  record Request(Path images, List<String> workloads, String size, MachineConfig machine, int cpus) {}

  static int run(Request q, PrintWriter out, PrintWriter err) throws IOException {
    ElfFile bare;
    ElfFile kbench;
    try {
      bare = ElfFile.read(q.images().resolve("unix-bare.elf"));
      kbench = ElfFile.read(q.images().resolve("unix-kbench.elf"));
    } catch (ElfFormatException e) {
      err.println("disco bench: " + e.getMessage());
      return ExitStatus.FAILURE;
    }
    Path root = q.images().resolve("root.ext2");
    MachineConfig c = q.machine();
    boolean failed = false;

    out.printf("kbench on %s, 1 CPU, in-memory root: simulated cycles per operation (loop overhead included)%n", c.name());
    Measured k = boot(c, kbench, null, "quiet maxcpus=1 init=/sbin/kbench");
    Matcher m = KBENCH_LINE.matcher(k.console());
    while (m.find()) {
      out.printf("  %-44s %,12d%n", m.group(1), Long.parseLong(String.valueOf(m.group(2))));
    }
    if (k.reason().exitStatus() != 0 || !(k.reason() instanceof StopReason.Halted)) {
      err.println("disco bench: kbench: " + k.reason().sentence() + lastLine(k.console()));
      failed = true;
    }
    out.flush();

    out.printf("%nworkloads (%s) on %s, %d of its %d CPUs, bare metal (unix-bare.elf, root.ext2 as a snapshot)%n",
        q.size(), c.name(), q.cpus(), c.cpus());
    out.printf("%-12s %6s %16s %16s %9s %8s%n", "workload", "status", "cycles", "instructions", "host s", "MIPS");
    for (String w : q.workloads()) {
      Measured r = boot(c, bare, root, "quiet maxcpus=" + q.cpus() + " init=/bin/" + w + " -- " + q.size());
      out.printf("%-12s %6d %,16d %,16d %9.2f %8.1f%n", w, r.reason().exitStatus(), r.cycles(), r.instructions(),
          r.seconds(), r.instructions() / Math.max(r.seconds(), 1e-9) / 1e6);
      out.flush();
      if (r.reason().exitStatus() != 0 || !(r.reason() instanceof StopReason.Halted)) {
        err.println("disco bench: " + w + ": " + r.reason().sentence() + lastLine(r.console()));
        err.flush();
        failed = true;
      }
    }
    out.println("status: the workload's exit status (0: its two checksums agree); cycles: the machine clock at halt;");
    out.println("instructions: every CPU's; host s: this process's wall-clock seconds for the run; MIPS: simulated");
    out.println("million instructions per host second.");
    return failed ? ExitStatus.GUEST_FAILED : ExitStatus.OK;
  }

  /** Boots {@code kernel} with {@code commandLine}, disk 0 a snapshot of {@code root} if given, and runs it to its end. */
  private static Measured boot(MachineConfig c, ElfFile kernel, @Nullable Path root, String commandLine) throws IOException {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    Machine m;
    try {
      m = new Machine(c, root == null ? List.of() : List.of(new DiskImage(0, root, true)),
          new ByteArrayInputStream(new byte[0]), console);
      m.load(kernel, commandLine);
    } catch (InvalidConfigException | ElfFormatException e) {
      // Checked before the first run (machine, byte order, image files); reaching here is a bug.
      throw new IOException(e.getMessage(), e);
    }
    long start = System.nanoTime();
    StopReason reason = m.run(0, null);
    double seconds = (System.nanoTime() - start) / 1e9;
    MachineStats s = m.stats();
    return new Measured(reason, s.cycles(), s.totalInstructions(), seconds, console.toString(StandardCharsets.ISO_8859_1));
  }

  /** The console's last line, which says why a workload failed, as " (LINE)"; empty when silent. */
  private static String lastLine(String console) {
    List<String> lines = console.lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "" : " (console: " + lines.get(lines.size() - 1).strip() + ")";
  }

  /** Why {@code images} cannot serve, as "FILE: problem", or null when it holds every one of {@code files}. */
  static @Nullable String missingImage(Path images, List<String> files) {
    for (String f : files) {
      Path p = images.resolve(f);
      if (!Files.isRegularFile(p)) {
        return p + ": no such file (the Unix guest's images; see guests/unix/README.md)";
      }
    }
    return null;
  }
}
