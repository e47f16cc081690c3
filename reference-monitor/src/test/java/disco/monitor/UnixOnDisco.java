package disco.monitor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.hw.cpu.CycleBreakdown;
import disco.hw.elf.ElfFile;
import disco.hw.machine.DiskImage;
import disco.hw.machine.Machine;
import disco.hw.machine.MachineConfig;
import disco.hw.machine.MachineConfigFile;
import disco.hw.port.MachinePort;
import disco.monitor.cpu.VcpuStats;
import disco.monitor.cpu.VirtualCpu;
import disco.monitor.cpu.VirtualMachine;
import disco.testing.Qemu;
import disco.testing.Tools;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs the kernel of {@code guests/unix} three ways for the {@code UnixOnDisco*} tests: its disco
 * build ({@code unix-disco.elf}) in VMs of the monitor, its bare build ({@code unix-bare.elf})
 * directly on the machine (as hw-model's {@code UnixKernel} does), and a program of the root image
 * under {@code qemu-mips} with the unpacked image as working directory (the oracle of hw-model's
 * {@code UnixKernelLongTest}). No run changes a committed image: a disk is either a snapshot (the
 * file is only read; writes stay in memory) or a private copy in a temporary directory, which a
 * test can look at after the run.
 */
final class UnixOnDisco {
  private UnixOnDisco() {}

  /** A run on the monitor stops at this clock at the latest (pmake small takes about 170 million). */
  static final long MAX_CYCLES = 3_000_000_000L;

  private static final Duration QEMU_TIMEOUT = Duration.ofSeconds(120);

  /**
   * {@code guests/unix}, found from the working directory upwards (Maven runs a module's tests in
   * the module's directory, an IDE may run them in the repository's root).
   */
  static Path unixDir() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("guests").resolve("unix");
      if (Files.isRegularFile(candidate.resolve("Makefile"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("guests/unix not found above " + Path.of("").toAbsolutePath());
  }

  /** {@code guests/unix/images/NAME}. */
  static Path image(String name) {
    return unixDir().resolve("images").resolve(name);
  }

  /** The root file system whose programs are built for that byte order. */
  static Path root(boolean big) {
    return image(big ? "root.ext2" : "root-el.ext2");
  }

  /** A private copy of {@code image} in {@code dir}. */
  static Path copy(Path image, Path dir) throws Exception {
    Path disk = Files.createTempFile(dir, "disk-", ".img");
    Files.copy(image, disk, StandardCopyOption.REPLACE_EXISTING);
    return disk;
  }

  /** A preset with only the byte order changed to little (a machine file, as the README says). */
  static MachineConfig little(String preset, Path dir) throws Exception {
    Path f = dir.resolve(preset + "-el.yaml");
    Files.writeString(f, "base: " + preset + "\nendianness: little\n");
    return MachineConfigFile.load(f.toString());
  }

  /**
   * One VM of a scenario running the disco kernel of that byte order with {@code commandLine}. Its
   * disk 0 is {@code disk}: with {@code persistent} the VM's writes reach that file (give it a
   * {@link #copy}), else they stay in memory and the file is only read (a snapshot).
   */
  static Scenario.Vm vm(String name, int vcpus, int memoryMb, boolean big, String commandLine, Path disk,
      boolean persistent, String consoleInput) {
    return new Scenario.Vm(name, vcpus, memoryMb, image(big ? "unix-disco.elf" : "unix-disco-el.elf"),
        commandLine, List.of(disk), persistent, consoleInput, List.of());
  }

  /** A monitor run: Disco after {@link Disco#run}, and everything written to the host's output. */
  record MonitorRun(Disco disco, String host) {
    VirtualMachine vm(int i) {
      return disco.vms().get(i);
    }

    /**
     * What VM {@code i}'s guest wrote, without the per-VM prefix the host's output carries, a
     * character a byte (ISO-8859-1, as qemu's output is read).
     */
    String console(int i) {
      return new String(vm(i).console().output(), StandardCharsets.ISO_8859_1);
    }

    /** Sums of VM {@code i}'s vCPUs' cycles: user, guest kernel, monitor, idle, stall. */
    long[] cycles(int i) {
      long[] c = new long[5];
      for (VirtualCpu v : vm(i).vcpus()) {
        VcpuStats s = v.stats();
        c[0] += s.userCycles();
        c[1] += s.kernelCycles();
        c[2] += s.monitorCycles();
        c[3] += s.idleCycles();
        c[4] += s.stallCycles();
      }
      return c;
    }

    long clock() {
      return disco.port().clock();
    }
  }

  /** Boots the VMs on {@code machine} with the default monitor parameters and runs them to the end. */
  static MonitorRun monitor(MachineConfig machine, List<Scenario.Vm> vms) throws Exception {
    ByteArrayOutputStream host = new ByteArrayOutputStream();
    Disco d = Disco.boot(new Scenario(machine, vms, Scenario.Parameters.DEFAULT), host);
    d.run(MAX_CYCLES);
    return new MonitorRun(d, host.toString(StandardCharsets.ISO_8859_1));
  }

  /** A run of the bare build directly on the machine. */
  record BareRun(Machine machine, String console, int status) {
    /** The machine's cycles by what its CPUs did, summed over the CPUs. */
    CycleBreakdown cycles() {
      return MachinePort.of(machine).totalCycleBreakdown();
    }
  }

  /**
   * Boots {@code unix-bare.elf} (or -el) on {@code machine} with {@code stdin} as console input and
   * disk 0 a snapshot of the root image (its writes stay in memory).
   */
  static BareRun bare(MachineConfig machine, boolean big, String commandLine, byte[] stdin) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Machine m = new Machine(machine, List.of(new DiskImage(0, root(big), true)), new ByteArrayInputStream(stdin), out);
    m.load(ElfFile.read(image(big ? "unix-bare.elf" : "unix-bare-el.elf")), commandLine);
    m.run(MAX_CYCLES, null);
    assertTrue(m.halted(), "the bare kernel did not halt: " + m.stopReason());
    return new BareRun(m, out.toString(StandardCharsets.ISO_8859_1), m.exitStatus());
  }

  /**
   * Unpacks the root image of that byte order into {@code tree} (debugfs rdump), for qemu; a tree
   * already there is used as it is.
   */
  static synchronized Path unpack(boolean big, Path tree) throws Exception {
    if (Files.isDirectory(tree.resolve("bin"))) {
      return tree;
    }
    Files.createDirectories(tree);
    String out = tool(Tools.require("debugfs").toString(), "-R", "rdump / " + tree, root(big).toString());
    if (!Files.isDirectory(tree.resolve("bin"))) {
      throw new IllegalStateException("debugfs rdump failed: " + out);
    }
    return tree;
  }

  /** Runs a host tool; its output (stdout and stderr together), or a failure with it. */
  static String tool(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int status = p.waitFor();
    if (status != 0) {
      throw new AssertionError(String.join(" ", command) + " exited with " + status + ":\n" + out);
    }
    return out;
  }

  /**
   * Runs {@code PROGRAM ARGS} (an absolute path in the root image) under qemu-mips (or qemu-mipsel)
   * with {@code stdin}, an empty environment, and {@code tree} (an {@link #unpack unpacked} root of
   * that byte order) as working directory, as the kernel runs init with {@code /} as its own.
   */
  static Qemu.Result qemu(Path tree, String program, List<String> args, byte[] stdin) {
    Qemu.Result q = Qemu.run(tree.resolve(program.substring(1)), args, stdin, QEMU_TIMEOUT, Map.of(), tree);
    assertFalse(q.timedOut(), program + " timed out under qemu");
    return q;
  }
}
