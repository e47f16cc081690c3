package disco.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.hw.machine.MachineConfig;
import disco.testing.Qemu;
import disco.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two commodity guests at once: two VMs of {@code unix-disco.elf} on flash-4, each with a private
 * persistent copy of the root disk and its own workload, run side by side. Each prints exactly
 * qemu-mips's output for its workload; on the host's output every line carries its VM's prefix and
 * the lines of one VM, prefix removed, are that VM's console in order (the monitor passes whole
 * lines, so two guests' output never mixes within a line); the two VMs' lines do alternate, so
 * they ran at the same time; and each VM wrote only its own disk.
 */
@Tag("long")
class UnixOnDiscoTwoVmsTest {
  @TempDir static Path tmp;

  @Test
  void raytraceAndPmakeInTwoVmsWithTheirOwnDisks() throws Exception {
    Path tree = UnixOnDisco.unpack(true, tmp.resolve("root"));
    Qemu.Result ray = UnixOnDisco.qemu(tree, "/bin/raytrace", List.of("small"), new byte[0]);
    Qemu.Result pmake = UnixOnDisco.qemu(tree, "/bin/pmake", List.of("--no-exec", "small"), new byte[0]);
    assertEquals(0, ray.guestStatus(), ray.stderrText());
    assertEquals(0, pmake.guestStatus(), pmake.stderrText());

    Path rayDisk = UnixOnDisco.copy(UnixOnDisco.root(true), tmp);
    Path pmakeDisk = UnixOnDisco.copy(UnixOnDisco.root(true), tmp);
    UnixOnDisco.MonitorRun r = UnixOnDisco.monitor(MachineConfig.preset("flash-4"), List.of(
        UnixOnDisco.vm("ray", 1, 32, true, "quiet maxcpus=1 init=/bin/raytrace -- small", rayDisk, true, ""),
        UnixOnDisco.vm("pmake", 1, 32, true, "quiet maxcpus=1 init=/bin/pmake -- small", pmakeDisk, true, "")));

    for (int i = 0; i < 2; i++) {
      assertNull(r.vm(i).stopReason(), r.host());
      assertEquals(0, r.vm(i).exitStatus(), r.host());
    }
    assertEquals(ray.stdoutText(), r.console(0), "raytrace in VM ray against qemu");
    assertEquals(pmake.stdoutText(), r.console(1), "pmake in VM pmake against qemu");

    // The host's output: whole lines, each with its VM's prefix, each VM's in its order.
    assertTrue(r.host().endsWith("\n"), r.host());
    StringBuilder ofRay = new StringBuilder();
    StringBuilder ofPmake = new StringBuilder();
    List<String> order = new ArrayList<>();
    for (String line : r.host().split("(?<=\n)")) {
      if (line.startsWith("[ray] ")) {
        ofRay.append(line, "[ray] ".length(), line.length());
        order.add("ray");
      } else if (line.startsWith("[pmake] ")) {
        ofPmake.append(line, "[pmake] ".length(), line.length());
        order.add("pmake");
      } else {
        throw new AssertionError("a line without a VM's prefix: '" + line + "' in:\n" + r.host());
      }
    }
    assertEquals(r.console(0), ofRay.toString());
    assertEquals(r.console(1), ofPmake.toString());
    int switches = 0;
    for (int i = 1; i < order.size(); i++) {
      switches += order.get(i).equals(order.get(i - 1)) ? 0 : 1;
    }
    assertTrue(switches >= 2, "the VMs' lines do not alternate, so they did not run together:\n" + r.host());

    // pmake wrote its objects to its own disk, which e2fsck finds clean; the ray VM's disk has no /obj.
    String fsck = UnixOnDisco.tool(Tools.require("e2fsck").toString(), "-fn", pmakeDisk.toString());
    assertTrue(fsck.contains(" files (") && fsck.contains(" blocks"), fsck);
    String debugfs = Tools.require("debugfs").toString();
    assertTrue(UnixOnDisco.tool(debugfs, "-R", "ls -l /obj", pmakeDisk.toString()).contains("unit07.o"));
    assertTrue(UnixOnDisco.tool(debugfs, "-R", "ls -l /obj", rayDisk.toString()).contains("File not found"));
    assertTrue(Files.size(rayDisk) == Files.size(UnixOnDisco.root(true)));
  }
}
