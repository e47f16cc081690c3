package disco.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.monitor.GuestRuns.Run;
import disco.monitor.GuestRuns.VmSpec;
import disco.monitor.cpu.VirtualMachine;
import disco.monitor.mem.MachinePages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * The checks of the other tests of this package can fail: a monitor that misbehaves (here
 * through its parameters, or its structures corrupted after a run) is caught by them. The
 * mutations of the monitor's code that these checks also catch are listed in the module's test
 * report, not here (the code has no switch to break itself).
 */
class TeethTest {
  @TempDir Path dir;

  /** A watchdog shorter than hello's run with interrupts off stops it: the exact-output check fails. */
  @Test
  void anOverEagerWatchdogFailsTheOrdinaryCheck() throws IOException {
    VmSpec o = new VmSpec("o", "hello", 1, 8);
    Run r = GuestRuns.run(dir, "flash-4", "{watchdogCycles: 1000, sliceCycles: 5000}", List.of(o));
    VirtualMachine vm = r.vm("o");
    assertNull(vm.exitStatus());
    assertTrue(String.valueOf(vm.stopReason()).contains("with interrupts disabled"), vm.stopReason());
    assertThrows(AssertionFailedError.class, () -> GuestRuns.assertOk(r, o));
  }

  /** A hello that runs out of cycles (the monitor never lets it finish) fails its check too. */
  @Test
  void aRunCutShortFailsTheOrdinaryCheck() throws Exception {
    VmSpec o = new VmSpec("o", "hello", 1, 8);
    Path s = GuestRuns.scenario(dir, "flash-4", "", List.of(o));
    Run r = new Run(Disco.boot(ScenarioFile.read(s), java.io.OutputStream.nullOutputStream()), new byte[0], List.of());
    r.disco().run(40_000);
    assertEquals("the run reached its limit of 40000 cycles", r.vm("o").stopReason());
    assertThrows(AssertionFailedError.class, () -> GuestRuns.assertOk(r, o));
  }

  /** The placeholders are compared: hello's console for 8 MB is not its file for 4 MB or 2 vCPUs. */
  @Test
  void placeholdersAreChecked() throws IOException {
    VmSpec o = new VmSpec("o", "hello", 1, 8);
    Run r = GuestRuns.run(dir, "flash-4", "", List.of(o));
    GuestRuns.assertOk(r, o);
    assertThrows(AssertionFailedError.class, () -> GuestRuns.assertOk(r, new VmSpec("o", "hello", 1, 4)));
    assertThrows(AssertionFailedError.class, () -> GuestRuns.assertOk(r, new VmSpec("o", "hello", 2, 8)));
  }

  /** A hostile guest whose check is loosened (exit 2: an access completed) would be caught. */
  @Test
  void aHostileEndIsCheckedExactly() throws IOException {
    VmSpec x = new VmSpec("x", "panic", 1, 2);
    Run r = GuestRuns.run(dir, "flash-4", "", List.of(x));
    HostileBesideOrdinaryTest.assertHostileEnd(r, x);
    // panic halts with 1: taken for one of the probe programs (which must halt with 0) it fails.
    assertThrows(AssertionFailedError.class, () -> HostileBesideOrdinaryTest.assertHostileEnd(r,
        new VmSpec("x", "kseg0", 1, 2)));
  }

  /**
   * A machine page of one VM handed to another (what a DMA or TLB bounds bug would amount to) is
   * reported by the isolation check, as is a privileged-register page given to a VM.
   */
  @Test
  void theIsolationCheckFindsAPageGivenToTwoVms() throws IOException {
    List<VmSpec> vms = List.of(new VmSpec("a", "hello", 1, 4), new VmSpec("b", "user", 1, 4));
    Run r = GuestRuns.run(dir, "flash-4", "", vms);
    GuestRuns.assertIsolated(r.disco());
    MachinePages pages = r.disco().pages();
    VirtualMachine a = r.vm("a");
    int gpn = 0x10; // the image's first page: touched by every guest
    int m = a.pmap().machinePage(gpn);
    assertTrue(m >= 0);
    pages.release(m);
    assertEquals(m, pages.allocate(pages.nodeOf(m), r.vm("b").id()), "the page just released comes back first");
    List<String> problems = GuestRuns.isolationProblems(r.disco());
    assertTrue(problems.contains("VM a guest page 0x10: machine page " + m + " is owned by 1"), problems.toString());
    assertTrue(problems.contains("VM b owns " + (r.vm("b").pmap().mappedPages() + 1) + " machine pages but maps "
        + r.vm("b").pmap().mappedPages()), problems.toString());
    assertThrows(AssertionFailedError.class, () -> GuestRuns.assertIsolated(r.disco()));
  }

  @Test
  void theIsolationCheckFindsAPrivilegedPageOwnedByAVm() throws IOException {
    Run r = GuestRuns.run(dir, "flash-4", "", List.of(new VmSpec("a", "hello", 1, 4)));
    int p = r.vm("a").vcpus().get(0).privilegedPage();
    MachinePages pages = r.disco().pages();
    pages.release(p);
    assertEquals(p, pages.allocate(pages.nodeOf(p), 0));
    assertTrue(GuestRuns.isolationProblems(r.disco())
        .contains("vCPU a.0's privileged-register page " + p + " is owned by 0"));
  }

  /** One cycle more per trap changes the trace: the determinism check compares cycle-exact traces. */
  @Test
  void theTraceComparisonSeesACostChange() throws IOException {
    List<VmSpec> vms = List.of(new VmSpec("t", "timer", 1, 4));
    Files.createDirectories(dir.resolve("a"));
    Files.createDirectories(dir.resolve("b"));
    Run a = GuestRuns.run(GuestRuns.scenario(dir.resolve("a"), "flash-4", "{costs: {trap: 40}}", vms), true);
    Run b = GuestRuns.run(GuestRuns.scenario(dir.resolve("b"), "flash-4", "{costs: {trap: 41}}", vms), true);
    GuestRuns.assertOk(a, vms.get(0));
    GuestRuns.assertOk(b, vms.get(0));
    assertEquals(a.hostText(), b.hostText(), "the console does not show the cost");
    assertEquals(a.trace().size(), b.trace().size());
    assertNotEquals(a.trace(), b.trace());
    assertNotEquals(DeterminismTest.outcome(a), DeterminismTest.outcome(b));
  }

  /** A host line without a VM's prefix is refused by the several-VM console check. */
  @Test
  void aLineWithoutItsPrefixIsRefused() throws IOException {
    List<VmSpec> vms = List.of(new VmSpec("a", "hello", 1, 4), new VmSpec("b", "hello", 1, 4));
    Run r = GuestRuns.run(dir, "flash-4", "", vms);
    OrdinaryGuestsTest.assertConsoles(r, vms);
    byte[] host = (new String(r.host(), java.nio.charset.StandardCharsets.UTF_8) + "stray\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Run tampered = new Run(r.disco(), host, List.of());
    assertThrows(AssertionError.class, () -> OrdinaryGuestsTest.assertConsoles(tampered, vms));
  }
}
