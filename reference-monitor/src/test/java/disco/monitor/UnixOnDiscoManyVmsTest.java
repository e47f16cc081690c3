package disco.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.hw.machine.MachineConfig;
import disco.testing.Qemu;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commodity guest in many VMs at once on flash-8, as the paper's multi-VM runs: 4 and 8 VMs,
 * of 1 and 2 vCPUs, the four workloads dealt round the VMs, each VM on its own nodes and its own
 * copy of the root disk (kept in memory: the image file is only read). Every VM prints exactly what
 * qemu-mips prints for its workload and exits 0; VMs running the same workload do the same user
 * work (equal user cycles), since nothing one VM does reaches another's execution.
 */
@Tag("long")
class UnixOnDiscoManyVmsTest {
  @TempDir static Path tmp;

  private static final List<String> WORKLOADS = List.of("pmake", "engineering", "raytrace", "database");
  private static final Map<String, String> QEMU_OUTPUT = new HashMap<>();

  private static synchronized String qemu(String workload) throws Exception {
    String out = QEMU_OUTPUT.get(workload);
    if (out == null) {
      Path tree = UnixOnDisco.unpack(true, tmp.resolve("root"));
      List<String> args = workload.equals("pmake") ? List.of("--no-exec", "small") : List.of("small");
      Qemu.Result r = UnixOnDisco.qemu(tree, "/bin/" + workload, args, new byte[0]);
      assertEquals(0, r.guestStatus(), r.stderrText());
      out = r.stdoutText();
      QEMU_OUTPUT.put(workload, out);
    }
    return out;
  }

  @ParameterizedTest(name = "{0} VMs of {1} vCPUs")
  @CsvSource({"8, 1", "4, 2", "4, 1", "8, 2"})
  void everyVmPrintsWhatQemuPrints(int vms, int vcpus) throws Exception {
    List<Scenario.Vm> list = new ArrayList<>();
    for (int i = 0; i < vms; i++) {
      String w = WORKLOADS.get(i % WORKLOADS.size());
      List<Integer> nodes = new ArrayList<>();
      for (int c = 0; c < vcpus; c++) {
        nodes.add((i * vcpus + c) % 8); // 8 VMs of 2 vCPUs: two vCPUs share each CPU
      }
      list.add(new Scenario.Vm("vm" + i, vcpus, 24, UnixOnDisco.image("unix-disco.elf"),
          "quiet maxcpus=" + vcpus + " init=/bin/" + w + " -- small", List.of(UnixOnDisco.root(true)), false, "", nodes));
    }
    UnixOnDisco.MonitorRun r = UnixOnDisco.monitor(MachineConfig.preset("flash-8"), list);
    Map<String, Long> userCycles = new HashMap<>();
    for (int i = 0; i < vms; i++) {
      String w = WORKLOADS.get(i % WORKLOADS.size());
      assertNull(r.vm(i).stopReason(), "vm" + i + " (" + w + ")");
      assertEquals(0, r.vm(i).exitStatus(), "vm" + i + " (" + w + ")");
      assertEquals(qemu(w), r.console(i), "vm" + i + " running " + w + " against qemu-mips");
      if (vcpus == 1) {
        long user = r.cycles(i)[0];
        Long other = userCycles.putIfAbsent(w, user);
        if (other != null) {
          // One vCPU: the same program on the same input executes the same user instructions;
          // only memory stalls may differ with the neighbours, and they are not user cycles.
          assertEquals(other, user, "user cycles of two VMs running " + w);
        }
      }
    }
    for (String line : r.host().split("\n")) {
      assertTrue(line.matches("\\[vm\\d\\] .*"), "a host line without its VM's prefix: " + line);
    }
  }
}
