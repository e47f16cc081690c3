package disco.monitor;

import static disco.monitor.GuestRuns.assertHalted;
import static disco.monitor.GuestRuns.assertIsolated;
import static disco.monitor.GuestRuns.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.monitor.GuestRuns.Run;
import disco.monitor.GuestRuns.VmSpec;
import disco.monitor.cpu.VirtualMachine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each hostile guest of guests/disco-tests/hostile runs beside an ordinary VM: the hostile VM ends
 * as the README's table says (its exit status, or the watchdog's stop), its console is its
 * expected file (then, for a stop, the monitor's one line), the ordinary VM finishes exactly as it
 * would alone, the host never throws, and the monitor's structures show the VMs isolated.
 */
class HostileBesideOrdinaryTest {
  /** The watchdog for spin-irq-off's runs: above every ordinary guest's run, well below the default. */
  static final long WATCHDOG = 3_000_000;
  static final long SLICE = 200_000;
  static final Pattern WATCHDOG_REASON = Pattern.compile(
      "it ran (\\d+) cycles with interrupts disabled \\(the watchdog allows " + WATCHDOG + "\\)");

  @TempDir Path dir;

  /** Every hostile guest beside hello on its own CPU, and beside timer time-sharing its CPU. */
  static Stream<Arguments> pairs() {
    List<Arguments> all = new ArrayList<>();
    for (String h : GuestRuns.HOSTILE) {
      all.add(Arguments.of(h, "hello", false));
      all.add(Arguments.of(h, "timer", true));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} beside {1}, same CPU: {2}")
  @MethodSource("pairs")
  void hostileVmEndsAloneAndTheOtherFinishes(String hostile, String ordinary, boolean sameCpu) throws IOException {
    VmSpec x = new VmSpec("x", hostile, 1, hostile.equals("monitor-memory") ? 1 : 4);
    VmSpec o = new VmSpec("o", ordinary, 1, 8);
    if (sameCpu) {
      x = x.onNode(0);
      o = o.onNode(0);
    }
    String monitor = "{watchdogCycles: " + WATCHDOG + ", sliceCycles: " + SLICE + "}";
    Run r = GuestRuns.run(dir, "flash-4", monitor, List.of(x, o));
    assertEquals(sameCpu, r.vm("x").vcpus().get(0).physicalCpu() == r.vm("o").vcpus().get(0).physicalCpu());

    assertOk(r, o);
    assertHostileEnd(r, x);
    Map<String, String> host = r.hostByVm();
    assertEquals(r.console("x"), host.get("x"), "x's lines on the host");
    assertEquals(o.expected(), host.get("o"), "o's lines on the host");
    assertIsolated(r.disco());
  }

  /** How the README's table says each hostile program ends. */
  static void assertHostileEnd(Run r, VmSpec x) {
    String expected = x.expected();
    switch (x.program()) {
      case "panic" -> assertHalted(r, x.name(), 1, expected);
      case "spin-irq-off" -> {
        VirtualMachine vm = r.vm(x.name());
        assertNull(vm.exitStatus(), "spin-irq-off cannot halt");
        String reason = vm.stopReason();
        assertNotNull(reason, "the watchdog must stop spin-irq-off");
        Matcher m = WATCHDOG_REASON.matcher(reason);
        assertTrue(m.matches(), reason);
        long ran = Long.parseLong(m.group(1));
        assertTrue(ran > WATCHDOG && ran <= WATCHDOG + 2 * SLICE, "stopped after " + ran + " cycles");
        assertEquals(expected + "disco: " + x.name() + " stopped: " + reason + "\n", r.console(x.name()));
      }
      default -> assertHalted(r, x.name(), 0, expected); // every probe reflected / refused as the interface says
    }
  }

  /**
   * Two guests spinning with interrupts off, sharing one CPU: each must be stopped by the watchdog
   * (it counts each vCPU's own time with interrupts off, which time-slicing between them does not
   * reset), not left to run until the run's cycle limit.
   */
  @Test
  void twoSpinnersSharingACpuAreEachStoppedByTheWatchdog() throws IOException {
    VmSpec a = new VmSpec("a", "spin-irq-off", 1, 2).onNode(0);
    VmSpec b = new VmSpec("b", "spin-irq-off", 1, 2).onNode(0);
    VmSpec o = new VmSpec("o", "timer", 1, 4).onNode(1);
    String monitor = "{watchdogCycles: " + WATCHDOG + ", sliceCycles: " + SLICE + "}";
    Run r = GuestRuns.run(dir, "flash-4", monitor, List.of(a, b, o));
    assertHostileEnd(r, a);
    assertHostileEnd(r, b);
    assertOk(r, o);
    assertTrue(r.disco().port().clock() < 4 * WATCHDOG, "the run took " + r.disco().port().clock() + " cycles");
    assertIsolated(r.disco());
  }

  /** A spinner beside an SMP guest whose two vCPUs share the spinner's CPU. */
  @Test
  void spinnerBesideSmpOnOneCpu() throws IOException {
    VmSpec x = new VmSpec("x", "spin-irq-off", 1, 2).onNode(0);
    VmSpec s = new VmSpec("s", "smp", 2, 8).onNode(0);
    String monitor = "{watchdogCycles: " + WATCHDOG + ", sliceCycles: " + SLICE + "}";
    Run r = GuestRuns.run(dir, "flash-4", monitor, List.of(x, s));
    assertHostileEnd(r, x);
    assertOk(r, s);
  }

  /** All eight hostile guests and two ordinary ones at once on flash-4, two to a CPU or more. */
  @Test
  void allHostileGuestsAtOnce() throws IOException {
    List<VmSpec> vms = new ArrayList<>();
    int i = 0;
    for (String h : GuestRuns.HOSTILE) {
      vms.add(new VmSpec("x" + i, h, 1, h.equals("monitor-memory") ? 1 : 2).onNode(i % 4));
      i++;
    }
    vms.add(new VmSpec("h", "hello", 2, 4).onNode(0));
    vms.add(new VmSpec("s", "smp", 2, 4));
    String monitor = "{watchdogCycles: " + WATCHDOG + ", sliceCycles: " + SLICE + "}";
    Run r = GuestRuns.run(dir, "flash-4", monitor, vms);
    for (VmSpec v : vms) {
      if (GuestRuns.HOSTILE.contains(v.program())) {
        assertHostileEnd(r, v);
      } else {
        assertOk(r, v);
      }
    }
    assertIsolated(r.disco());
  }
}
