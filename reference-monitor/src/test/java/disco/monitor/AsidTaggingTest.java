package disco.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.hw.machine.MachineConfig;
import disco.monitor.GuestRuns.Run;
import disco.monitor.GuestRuns.VmSpec;
import disco.monitor.trap.TrapKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hardware TLB tagged by vCPU (monitor.asidTagging), the option the paper did not take: guests
 * that share one CPU print exactly what they print with the TLB flushed at every switch, and the
 * Unix guest in two VMs on one CPU still matches qemu-mips while the monitor refills fewer user
 * TLB misses than with flushing, which is the option's point. Teeth: with one real ASID shared by
 * every vCPU, a process of one Unix VM runs on the other's translations and dies of SIGSEGV (139)
 * in the long test; with the global entries kept at a switch, the small guests fail at once.
 */
class AsidTaggingTest {
  @TempDir Path dir;

  @Test
  void guestsSharingOneCpuPrintTheirExpectedOutput() throws Exception {
    List<VmSpec> vms = List.of(new VmSpec("s", "smp", 2, 8).onNode(0), new VmSpec("t", "timer", 1, 4).onNode(0),
        new VmSpec("d", "disk", 1, 4).onNode(0), new VmSpec("c", "cp0", 1, 2).onNode(0),
        new VmSpec("u", "user", 1, 4).onNode(0));
    Run r = GuestRuns.run(dir, "flash-4", "{sliceCycles: 20000, asidTagging: true}", vms);
    OrdinaryGuestsTest.assertConsoles(r, vms);
    GuestRuns.assertIsolated(r.disco());
  }

  @Test
  void hostileGuestsBesideAnOrdinaryOneOnOneCpuAreStillRefused() throws Exception {
    for (String hostile : List.of("tlb-beyond", "priv-store", "kseg0", "monitor-memory")) {
      List<VmSpec> vms = List.of(new VmSpec("h", hostile, 1, 4).onNode(0), new VmSpec("u", "user", 1, 4).onNode(0));
      Run r = GuestRuns.run(dir, "flash-4", "{sliceCycles: 20000, asidTagging: true}", vms);
      GuestRuns.assertOk(r, vms.get(1));
      GuestRuns.assertIsolated(r.disco());
    }
  }

  /** Two Unix VMs on the one CPU of flash-1 (64 MB), each running a fork-heavy workload. */
  @Test
  @Tag("long")
  void twoUnixVmsOnOneCpuMatchQemuAndRefillLess() throws Exception {
    long[] userMisses = new long[2];
    for (boolean tagging : new boolean[] {false, true}) {
      Scenario.Parameters d = Scenario.Parameters.DEFAULT;
      Scenario.Parameters p = new Scenario.Parameters(d.l2tlbEntries(), d.sliceCycles(), d.watchdogCycles(),
          d.monitorCodePages(), d.costs(), tagging);
      List<Scenario.Vm> vms = List.of(
          UnixOnDisco.vm("ray", 1, 24, true, "quiet maxcpus=1 init=/bin/raytrace -- small", UnixOnDisco.root(true), false, ""),
          UnixOnDisco.vm("db", 1, 24, true, "quiet maxcpus=1 init=/bin/database -- small", UnixOnDisco.root(true), false, ""));
      java.io.ByteArrayOutputStream host = new java.io.ByteArrayOutputStream();
      Disco disco = Disco.boot(new Scenario(MachineConfig.preset("flash-1").withMemoryPerNodeMb(64), vms, p), host);
      disco.run(UnixOnDisco.MAX_CYCLES);
      UnixOnDisco.MonitorRun r = new UnixOnDisco.MonitorRun(disco, host.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
      Path tree = UnixOnDisco.unpack(true, dir.resolve("root-" + tagging));
      for (int i = 0; i < 2; i++) {
        assertNull(r.vm(i).stopReason(), r.host());
        assertEquals(0, r.vm(i).exitStatus(), r.host());
        String program = i == 0 ? "/bin/raytrace" : "/bin/database";
        assertEquals(UnixOnDisco.qemu(tree, program, List.of("small"), new byte[0]).stdoutText(), r.console(i),
            program + " with asidTagging " + tagging);
        for (disco.monitor.cpu.VirtualCpu v : r.vm(i).vcpus()) {
          userMisses[tagging ? 1 : 0] += v.stats().count(TrapKind.TLB_L2TLB) + v.stats().count(TrapKind.TLB_GUEST_TLB)
              + v.stats().count(TrapKind.TLB_FORWARDED);
        }
      }
    }
    assertTrue(userMisses[1] < userMisses[0],
        "user TLB misses the monitor saw: " + userMisses[0] + " flushing, " + userMisses[1] + " tagged");
  }
}
