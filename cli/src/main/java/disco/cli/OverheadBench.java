package disco.cli;

import disco.hw.cpu.Cpu;
import disco.hw.cpu.CycleBreakdown;
import disco.hw.elf.ElfFile;
import disco.hw.elf.ElfFormatException;
import disco.hw.machine.DiskImage;
import disco.hw.machine.InvalidConfigException;
import disco.hw.machine.Machine;
import disco.hw.machine.MachineConfig;
import disco.hw.machine.StopReason;
import disco.monitor.Disco;
import disco.monitor.InvalidScenarioException;
import disco.monitor.RunReport;
import disco.monitor.Scenario;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code disco bench --overhead}: the paper's Figure 5 on this machine. Each workload of the Unix
 * guest runs on one CPU twice in this process: its bare build on the machine (kernel mode), and
 * its disco build as the only VM of the monitor. Both consoles must be equal. Printed per
 * workload: the simulated cycles of each run split into user, (guest) kernel, monitor, idle and
 * memory stall; the run under Disco relative to bare metal, as Figure 5 draws it; and the host's
 * simulation rate of each run, measured here.
 */
final class OverheadBench {
  private OverheadBench() {}

  /** The images it runs: the two builds of the kernel, and the root file system. */
  static final List<String> IMAGES = List.of("unix-bare.elf", "unix-disco.elf", "root.ext2");

  /** What one run took: its cycle split, instructions, host seconds and console. */
  record Measured(CycleBreakdown cycles, long instructions, double seconds, String console, boolean underMonitor) {
    /** The (guest) kernel's cycles: kernel mode on bare metal, supervisor mode under Disco. */
    long kernel() {
      return underMonitor ? cycles.supervisor() : cycles.kernel();
    }

    /** The monitor's: its charged work, and whatever ran in kernel mode under it. */
    long monitor() {
      return cycles.monitor() + (underMonitor ? cycles.kernel() : 0);
    }

    /** The cycles the CPU executed: user, kernel and monitor, without idle and memory stall. */
    long busy() {
      return cycles.user() + kernel() + monitor();
    }

    long total() {
      return cycles.user() + cycles.supervisor() + cycles.kernel() + cycles.monitor() + cycles.idle() + cycles.stall();
    }
  }

  /** Runs {@code workloads} from {@code images}, which holds {@link #IMAGES}; both were checked by the caller. */
  static int run(Path images, List<String> workloads, String size, PrintWriter out, PrintWriter err) {
    Path bare = images.resolve("unix-bare.elf");
    Path disco = images.resolve("unix-disco.elf");
    Path root = images.resolve("root.ext2");
    out.printf("Figure 5 on flash-1: each workload (%s) on bare metal and as the only VM of Disco (32 MB, 1 vCPU)%n", size);
    out.printf("%-12s %-6s %15s %7s %7s %7s %7s %7s %9s %9s %8s%n", "workload", "run", "cycles", "user%", "kern%",
        "disco%", "idle%", "stall%", "relative", "busy-rel", "MIPS");
    for (String w : workloads) {
      String cmd = "quiet maxcpus=1 init=/bin/" + w + " -- " + size;
      Measured b;
      Measured d;
      try {
        b = onBareMetal(bare, root, cmd);
        d = onDisco(disco, root, cmd);
      } catch (RunFailed e) {
        err.println("disco bench: " + w + ": " + e.getMessage());
        return ExitStatus.FAILURE;
      }
      if (!b.console().equals(d.console())) {
        err.println("disco bench: " + w + ": the console under Disco differs from the console on bare metal");
        return ExitStatus.FAILURE;
      }
      row(out, w, "bare", b, b);
      row(out, "", "disco", d, b);
    }
    out.println("relative: all cycles against the bare run's (Figure 5: 1.00 plus the overhead); busy-rel: user,");
    out.println("kernel and monitor cycles only, without idle and memory stall, whose shares differ between the");
    out.println("two builds (docs/reference-monitor.md). MIPS: simulated million instructions per host second.");
    return ExitStatus.OK;
  }

  private static void row(PrintWriter out, String w, String run, Measured m, Measured bare) {
    double t = Math.max(m.total(), 1);
    CycleBreakdown c = m.cycles();
    out.printf("%-12s %-6s %,15d %7.1f %7.1f %7.1f %7.1f %7.1f %9.3f %9.3f %8.1f%n", w, run, m.total(), 100 * c.user() / t,
        100 * m.kernel() / t, 100 * m.monitor() / t, 100 * c.idle() / t, 100 * c.stall() / t,
        m.total() / (double) bare.total(), m.busy() / (double) bare.busy(), m.instructions() / m.seconds() / 1e6);
  }

  private static final class RunFailed extends Exception {
    private static final long serialVersionUID = 1L;

    RunFailed(String message) {
      super(message);
    }
  }

  private static Measured onBareMetal(Path kernel, Path root, String cmd) throws RunFailed {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    Machine m;
    try {
      m = new Machine(MachineConfig.preset("flash-1"), List.of(new DiskImage(0, root, true)),
          new ByteArrayInputStream(new byte[0]), console);
      m.load(ElfFile.read(kernel), cmd);
    } catch (InvalidConfigException | ElfFormatException e) {
      throw new RunFailed(String.valueOf(e.getMessage()));
    }
    long start = System.nanoTime();
    StopReason reason = m.run(0, null);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!(reason instanceof StopReason.Halted) || reason.exitStatus() != 0) {
      throw new RunFailed("on bare metal: " + reason.sentence());
    }
    Cpu cpu = m.cpus().get(0);
    return new Measured(cpu.cycleBreakdown(), cpu.instructions(), seconds, console.toString(StandardCharsets.ISO_8859_1),
        false);
  }

  private static Measured onDisco(Path kernel, Path root, String cmd) throws RunFailed {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    // One node of 64 MB: room for the monitor beside a VM of the 32 MB the bare run has.
    Scenario s = new Scenario(MachineConfig.preset("flash-1").withMemoryPerNodeMb(64),
        List.of(new Scenario.Vm("unix", 1, 32, kernel, cmd, List.of(root), false, "", List.of(0))),
        Scenario.Parameters.DEFAULT);
    Disco d;
    try {
      d = Disco.boot(s, console);
    } catch (InvalidScenarioException e) {
      throw new RunFailed(String.valueOf(e.getMessage()));
    }
    long start = System.nanoTime();
    d.run(0);
    double seconds = (System.nanoTime() - start) / 1e9;
    RunReport r = RunReport.of(d);
    RunReport.Vm vm = r.vms().get(0);
    if (vm.exit() == null || vm.exit() != 0) {
      throw new RunFailed("under Disco: " + (vm.exit() != null ? "exit " + vm.exit() : vm.stopReason()));
    }
    Cpu cpu = d.port().machine().cpus().get(0);
    return new Measured(cpu.cycleBreakdown(), cpu.instructions(), seconds, console.toString(StandardCharsets.ISO_8859_1),
        true);
  }
}
