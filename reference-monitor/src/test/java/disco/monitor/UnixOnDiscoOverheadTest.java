package disco.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.hw.cpu.CycleBreakdown;
import disco.hw.machine.MachineConfig;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The paper's Figure 5 for this machine: each workload at {@code small} on one CPU, run by the bare
 * kernel directly on flash-1 (one node, 32 MB) and by the disco kernel in a 32 MB VM of one vCPU on
 * flash-1 with 64 MB (room for the monitor beside the VM), both with the root disk as a snapshot.
 * Prints the machine cycles of each run and where they went (user, guest kernel, monitor, idle,
 * memory stall: the machine's breakdown for the bare run, the vCPU's statistics for the monitor's),
 * normalised to the bare run. Asserts only that both runs print the same and exit 0, never a time.
 */
@Tag("long")
class UnixOnDiscoOverheadTest {
  private static final List<String> WORKLOADS = List.of("pmake", "engineering", "raytrace", "database");

  @Test
  void printsTheBareAndTheMonitorsCyclesForEachWorkload() throws Exception {
    MachineConfig bareMachine = MachineConfig.preset("flash-1");
    MachineConfig discoMachine = MachineConfig.preset("flash-1").withMemoryPerNodeMb(64);
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
        "%-12s %-6s %13s %7s %7s %7s %7s %7s %7s%n", "workload", "run", "cycles", "total", "user", "kernel",
        "disco", "idle", "stall"));
    for (String w : WORKLOADS) {
      String cmdline = "quiet maxcpus=1 init=/bin/" + w + " -- small";
      UnixOnDisco.BareRun b = UnixOnDisco.bare(bareMachine, true, cmdline, new byte[0]);
      assertEquals(0, b.status(), b.console());
      assertTrue(b.console().endsWith("\n" + w + ": ok\n"), b.console());
      UnixOnDisco.MonitorRun r = UnixOnDisco.monitor(discoMachine, List.of(UnixOnDisco.vm(w, 1, 32, true, cmdline,
          UnixOnDisco.root(true), false, "")));
      assertNull(r.vm(0).stopReason(), r.console(0));
      assertEquals(0, r.vm(0).exitStatus(), r.console(0));
      assertEquals(b.console(), r.console(0), w + " on the monitor against the bare kernel");

      CycleBreakdown c = b.cycles();
      double base = b.machine().clock();
      table.append(row(w, "bare", b.machine().clock(), base,
          new long[] {c.user(), c.supervisor() + c.kernel(), c.monitor(), c.idle(), c.stall()}));
      table.append(row(w, "disco", r.clock(), base, r.cycles(0)));
    }
    System.out.print(table);
  }

  private static String row(String w, String run, long cycles, double base, long[] parts) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-12s %-6s %,13d %7.3f", w, run, cycles,
        cycles / base));
    for (long p : parts) {
      b.append(String.format(Locale.ROOT, " %7.3f", p / base));
    }
    return b.append('\n').toString();
  }
}
