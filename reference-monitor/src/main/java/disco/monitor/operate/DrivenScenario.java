package disco.monitor.operate;

import disco.hw.Endianness;
import disco.hw.machine.MachineConfig;
import disco.monitor.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Scenarios for the operation-level API: a small machine (small hardware TLBs and L2TLBs, so that
 * replacement happens within a few operations), VMs of 1 MB with no kernel image, and a time slice
 * and watchdog that never expire while operations are driven (the driver does not run time).
 */
public final class DrivenScenario {
  private DrivenScenario() {}

  /**
   * @param nodes the machine's nodes, one CPU each
   * @param tlbEntries entries of each CPU's TLB (and of each guest's virtual TLB)
   * @param l2tlbEntries entries of each vCPU's L2TLB (a power of two)
   * @param vmNodes for each VM (one vCPU each), the node its vCPU runs on
   * @param disk a disk image every VM gets as its disk 0 (read-only: writes stay in memory), or null
   */
  public static Scenario of(int nodes, int tlbEntries, int l2tlbEntries, List<Integer> vmNodes, @Nullable Path disk) {
    MachineConfig base = MachineConfig.flash(nodes);
    MachineConfig machine = new MachineConfig("driven-" + nodes, nodes, 1, 1, false, base.cacheKb(), base.lineBytes(),
        base.associativity(), base.protocol(), base.hitCycles(), base.localMissCycles(), base.remoteMissCycles(),
        base.quantum(), tlbEntries, base.missThreshold(), Endianness.BIG);
    List<Scenario.Vm> vms = new ArrayList<>();
    for (int i = 0; i < vmNodes.size(); i++) {
      vms.add(new Scenario.Vm("vm" + i, 1, 1, null, null, disk == null ? List.of() : List.of(disk), false, "",
          List.of(vmNodes.get(i))));
    }
    Scenario.Parameters d = Scenario.Parameters.DEFAULT;
    long never = Long.MAX_VALUE / 4;
    return new Scenario(machine, vms, new Scenario.Parameters(l2tlbEntries, never, never, 2, d.costs(), false));
  }
}
