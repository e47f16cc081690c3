package disco.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.hw.machine.MachineConfig;
import disco.monitor.cpu.VirtualCpu;
import disco.monitor.trap.TrapKind;
import disco.testing.Qemu;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commodity guest as a multiprocessor VM: {@code unix-disco.elf} with {@code maxcpus=N} in one
 * VM of N vCPUs (each on its own CPU of flash-4) starts its other vCPUs through the monitor, runs a
 * workload's worker processes on all of them, and prints exactly what qemu-mips prints for the
 * workload (whose output depends on neither the number of workers' CPUs nor the scheduling).
 */
@Tag("long")
class UnixOnDiscoSmpTest {
  @TempDir static Path tmp;

  private static UnixOnDisco.MonitorRun smp(String workload, int vcpus) throws Exception {
    Path tree = UnixOnDisco.unpack(true, tmp.resolve("root"));
    Qemu.Result q = UnixOnDisco.qemu(tree, "/bin/" + workload, List.of("small"), new byte[0]);
    assertEquals(0, q.guestStatus(), q.stderrText());
    assertTrue(q.stdoutText().endsWith("\n" + workload + ": ok\n"), q.stdoutText());

    UnixOnDisco.MonitorRun r = UnixOnDisco.monitor(MachineConfig.preset("flash-4"), List.of(UnixOnDisco.vm("smp",
        vcpus, 32, true, "quiet maxcpus=" + vcpus + " init=/bin/" + workload + " -- small", UnixOnDisco.root(true),
        false, "")));
    assertNull(r.vm(0).stopReason(), r.console(0));
    assertEquals(0, r.vm(0).exitStatus(), r.console(0));
    assertEquals(q.stdoutText(), r.console(0), workload + " on " + vcpus + " vCPUs against qemu");

    List<VirtualCpu> cpus = r.vm(0).vcpus();
    assertEquals(vcpus, cpus.size());
    for (VirtualCpu v : cpus) {
      // Every vCPU was started and ran worker processes in user mode, on a CPU of its own.
      assertTrue(v.stats().userCycles() > 1_000_000, "vCPU " + v.number() + " ran " + v.stats().userCycles()
          + " user cycles");
      assertEquals(v.number(), v.physicalCpu());
    }
    // The kernel wakes an idle vCPU by IPI when it makes a process runnable: the monitor delivered
    // virtual interrupts to every vCPU but the first as well.
    for (VirtualCpu v : cpus.subList(1, cpus.size())) {
      assertTrue(v.stats().count(TrapKind.VIRTUAL_INTERRUPT) > 0, "vCPU " + v.number() + " got no interrupt");
    }
    return r;
  }

  /**
   * database: workers update a write-shared table under LL/SC spinlocks in MAP_SHARED memory; a
   * transaction that is not atomic (a lost update across the two vCPUs) changes the checksum.
   */
  @Test
  void databaseOnTwoVcpus() throws Exception {
    smp("database", 2);
  }

  /** raytrace: four workers on four vCPUs read shared data and write rows of a shared frame buffer. */
  @Test
  void raytraceOnFourVcpus() throws Exception {
    smp("raytrace", 4);
  }
}
