package disco.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.monitor.GuestRuns.Run;
import disco.monitor.GuestRuns.VmSpec;
import disco.monitor.cpu.VirtualCpu;
import disco.monitor.cpu.VirtualMachine;
import disco.monitor.trap.TrapKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same scenario run twice gives byte-identical console output, an identical trace (every
 * trap, its cycle and CPU), the same clock, and the same statistics and page placement.
 */
class DeterminismTest {
  @TempDir Path dir;

  /** Everything the run's outcome is compared on, besides the console bytes and the trace. */
  static List<String> outcome(Run r) {
    List<String> out = new ArrayList<>();
    out.add("clock " + r.disco().port().clock());
    for (VirtualMachine vm : r.disco().vms()) {
      out.add(vm.name() + " exit " + vm.exitStatus() + " stop " + vm.stopReason() + " pmap "
          + java.util.Arrays.toString(vm.pmap().snapshot()));
      for (VirtualCpu v : vm.vcpus()) {
        StringBuilder b = new StringBuilder(vm.name() + "." + v.number() + " cpu " + v.physicalCpu());
        for (TrapKind k : TrapKind.values()) {
          b.append(' ').append(k).append('=').append(v.stats().count(k));
        }
        b.append(" user ").append(v.stats().userCycles()).append(" kernel ").append(v.stats().kernelCycles())
            .append(" monitor ").append(v.stats().monitorCycles()).append(" idle ").append(v.stats().idleCycles())
            .append(" emulated ").append(v.stats().emulatedByName());
        out.add(b.toString());
      }
    }
    return out;
  }

  static List<VmSpec> mix() {
    return List.of(new VmSpec("s", "smp", 2, 8), new VmSpec("t", "timer", 1, 4).onNode(0),
        new VmSpec("d", "disk", 1, 4).onNode(0), new VmSpec("u", "user", 1, 4).onNode(0),
        new VmSpec("m", "monitor-memory", 1, 1).onNode(3), new VmSpec("k", "kseg0", 1, 2).onNode(3));
  }

  static Run traced(Path dir, String monitor, List<VmSpec> vms) throws IOException {
    Files.createDirectories(dir);
    return GuestRuns.run(GuestRuns.scenario(dir, "flash-4", monitor, vms), true);
  }

  @Test
  void twoRunsOfTheSameScenarioAreIdentical() throws IOException {
    String monitor = "{sliceCycles: 20000}";
    Run a = traced(dir.resolve("a"), monitor, mix());
    Run b = traced(dir.resolve("b"), monitor, mix());
    assertTrue(a.trace().size() > 2000, "the trace has " + a.trace().size() + " events");
    for (TrapKind k : TrapKind.values()) {
      // A TLB miss in useg is answered by the L2TLB or the guest's TLB, which one depending on the layout.
      if (k != TrapKind.TLB_GUEST_TLB) {
        assertTrue(a.trace().stream().anyMatch(l -> l.contains(" " + k + " ")), "no " + k + " in the trace");
      }
    }
    assertArrayEquals(a.host(), b.host(), "the host's console bytes");
    assertEquals(a.trace(), b.trace(), "the traces");
    assertEquals(outcome(a), outcome(b));
    for (VmSpec v : mix()) {
      assertEquals(a.console(v.name()), b.console(v.name()));
    }
    GuestRuns.assertOk(a, mix().get(0));
  }

  @Test
  void aRunIsTheSameWithOrWithoutATrace() throws IOException {
    Run traced = traced(dir.resolve("a"), "", mix());
    Files.createDirectories(dir.resolve("b"));
    Run plain = GuestRuns.run(GuestRuns.scenario(dir.resolve("b"), "flash-4", "", mix()), false);
    assertArrayEquals(traced.host(), plain.host());
    assertEquals(outcome(traced), outcome(plain));
  }
}
