package disco.monitor;

import disco.monitor.cpu.VcpuStats;
import disco.monitor.cpu.VirtualCpu;
import disco.monitor.cpu.VirtualMachine;
import disco.monitor.mem.MachinePages;
import disco.monitor.trap.TrapKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a run of the monitor did, as data: how each VM ended, each vCPU's cycles split as the
 * paper's Figure 5 splits execution time (user, guest kernel, monitor, idle, plus memory stall),
 * its traps by what Disco did with them, and the machine pages by owner. Written as JSON by the
 * command line ({@code disco run SCENARIO --stats-json}) and as a table.
 */
public record RunReport(long cycles, Pages pages, List<Vm> vms, Totals totals) {

  /** Machine pages: the monitor's (code replicated on every node, and data), the VMs', free. */
  public record Pages(int total, int monitor, int free, Map<String, Integer> byVm) {}

  /** One VM: its exit status when it halted, else why the monitor stopped it; its vCPUs and their sums. */
  public record Vm(String name, @Nullable Integer exit, @Nullable String stopReason, List<Vcpu> vcpus, Totals totals) {}

  /**
   * Sums over vCPUs: cycles by mode, traps by kind, emulated instructions by name, and the L2TLB's
   * hit rate: of the user-segment TLB misses the monitor saw, the share the L2TLB answered (the
   * others were answered from the guest's TLB or forwarded to its refill handler); -1 with none.
   */
  public record Totals(long userCycles, long kernelCycles, long monitorCycles, long idleCycles, long stallCycles,
      Map<String, Long> traps, SortedMap<String, Long> emulated, double l2tlbHitRate) {
    static Totals of(List<Vcpu> vcpus) {
      long u = 0;
      long k = 0;
      long m = 0;
      long i = 0;
      long st = 0;
      Map<String, Long> traps = new LinkedHashMap<>();
      SortedMap<String, Long> emulated = new java.util.TreeMap<>();
      for (TrapKind kind : TrapKind.values()) {
        traps.put(kind.name(), 0L);
      }
      for (Vcpu v : vcpus) {
        u += v.userCycles();
        k += v.kernelCycles();
        m += v.monitorCycles();
        i += v.idleCycles();
        st += v.stallCycles();
        v.traps().forEach((name, n) -> traps.merge(name, n, Long::sum));
        v.emulated().forEach((name, n) -> emulated.merge(name, n, Long::sum));
      }
      long hits = traps.getOrDefault(TrapKind.TLB_L2TLB.name(), 0L);
      long misses = hits + traps.getOrDefault(TrapKind.TLB_GUEST_TLB.name(), 0L)
          + traps.getOrDefault(TrapKind.TLB_FORWARDED.name(), 0L);
      return new Totals(u, k, m, i, st, traps, emulated, misses == 0 ? -1 : hits / (double) misses);
    }
  }

  /** One vCPU's share of the run. */
  public record Vcpu(int number, int cpu, long userCycles, long kernelCycles, long monitorCycles, long idleCycles,
      long stallCycles, Map<String, Long> traps, SortedMap<String, Long> emulated) {}

  public static RunReport of(Disco disco) {
    MachinePages pages = disco.pages();
    Map<String, Integer> byVm = new LinkedHashMap<>();
    List<Vm> vms = new ArrayList<>();
    for (VirtualMachine vm : disco.vms()) {
      byVm.put(vm.name(), pages.pagesOwnedBy(vm.id()));
      List<Vcpu> vcpus = new ArrayList<>();
      for (VirtualCpu v : vm.vcpus()) {
        VcpuStats s = v.stats();
        Map<String, Long> traps = new LinkedHashMap<>();
        for (TrapKind k : TrapKind.values()) {
          traps.put(k.name(), s.count(k));
        }
        vcpus.add(new Vcpu(v.number(), v.physicalCpu(), s.userCycles(), s.kernelCycles(), s.monitorCycles(),
            s.idleCycles(), s.stallCycles(), traps, s.emulatedByName()));
      }
      vms.add(new Vm(vm.name(), vm.exitStatus(), vm.stopReason(), vcpus, Totals.of(vcpus)));
    }
    List<Vcpu> all = vms.stream().flatMap(v -> v.vcpus().stream()).toList();
    return new RunReport(disco.port().clock(),
        new Pages(pages.totalPages(), pages.pagesOwnedBy(MachinePages.MONITOR), pages.freePages(), byVm), vms,
        Totals.of(all));
  }

  /** True when every VM halted with status 0. */
  public boolean allExitedZero() {
    return vms.stream().allMatch(v -> v.exit() != null && v.exit() == 0);
  }

  /** A table for people: one row per vCPU, cycles as a share of that vCPU's total, then its traps. */
  public String table() {
    StringBuilder b = new StringBuilder();
    b.append(String.format("%,d machine cycles; machine pages: %,d total, %,d monitor, %,d free", cycles,
        pages.total(), pages.monitor(), pages.free()));
    pages.byVm().forEach((vm, n) -> b.append(String.format(", %,d %s", n, vm)));
    b.append('\n');
    b.append(String.format("%-12s %4s %4s %15s %6s %6s %6s %6s %6s%n", "vm", "vcpu", "cpu", "cycles", "user%",
        "kern%", "disco%", "idle%", "stall%"));
    for (Vm vm : vms) {
      for (Vcpu v : vm.vcpus()) {
        cyclesRow(b, vm.name(), String.valueOf(v.number()), String.valueOf(v.cpu()), v.userCycles(), v.kernelCycles(),
            v.monitorCycles(), v.idleCycles(), v.stallCycles());
        StringBuilder traps = new StringBuilder();
        v.traps().forEach((k, n) -> {
          if (n > 0) {
            traps.append(String.format(" %s=%,d", k.toLowerCase(java.util.Locale.ROOT), n));
          }
        });
        if (traps.length() > 0) {
          b.append(String.format("%-12s %4s     traps:%s%n", "", "", traps));
        }
      }
      if (vm.vcpus().size() > 1) {
        totalsRow(b, vm.name(), "all", vm.totals());
      }
      String end = vm.exit() != null ? "exit " + vm.exit() : "stopped: " + vm.stopReason();
      b.append(String.format("%-12s %s; %s%n", vm.name(), end, hitRate(vm.totals())));
    }
    if (vms.size() > 1) {
      totalsRow(b, "all VMs", "", totals);
      b.append(String.format("%-12s %s%n", "all VMs", hitRate(totals)));
    }
    return b.toString();
  }

  private static void totalsRow(StringBuilder b, String name, String vcpu, Totals t) {
    cyclesRow(b, name, vcpu, "", t.userCycles(), t.kernelCycles(), t.monitorCycles(), t.idleCycles(), t.stallCycles());
  }

  /** One row of the table: the cycles, then each mode's share of them. */
  private static void cyclesRow(StringBuilder b, String name, String vcpu, String cpu, long user, long kernel,
      long monitor, long idle, long stall) {
    long total = user + kernel + monitor + idle + stall;
    double d = Math.max(total, 1);
    b.append(String.format("%-12s %4s %4s %,15d %6.1f %6.1f %6.1f %6.1f %6.1f%n", name, vcpu, cpu, total,
        100 * user / d, 100 * kernel / d, 100 * monitor / d, 100 * idle / d, 100 * stall / d));
  }

  private static String hitRate(Totals t) {
    return t.l2tlbHitRate() < 0 ? "no user TLB misses"
        : String.format("L2TLB hit rate %.1f%% of user TLB misses", 100 * t.l2tlbHitRate());
  }
}
