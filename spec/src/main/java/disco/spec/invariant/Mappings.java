package disco.spec.invariant;

import disco.spec.observe.MonitorView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every place a virtual machine reaches a machine page through: its pmap entries, the hardware TLB
 * entries of the processors running its virtual CPUs, and its virtual CPUs' L2TLB entries.
 */
final class Mappings {
  private Mappings() {}

  /** One way {@code vm} reaches {@code machinePage}; {@code where} names it for messages. */
  record Mapping(String where, int vm, int machinePage, boolean writable) {}

  static List<Mapping> of(MonitorView v) {
    MonitorView.Shape shape = v.shape();
    List<Mapping> out = new ArrayList<>();
    for (int vm = 0; vm < shape.vms(); vm++) {
      for (int gp = 0; gp < shape.guestPages(); gp++) {
        Optional<MonitorView.PmapEntry> e = v.pmap(vm, gp);
        if (e.isPresent()) {
          out.add(new Mapping("pmap of vm " + vm + " page " + gp, vm, e.get().machinePage(), e.get().writable()));
        }
      }
    }
    for (int cpu = 0; cpu < shape.cpus(); cpu++) {
      Optional<MonitorView.VcpuId> on = v.onCpu(cpu);
      int vm = on.isPresent() ? on.get().vm() : -1;
      for (MonitorView.Translation t : v.hardwareTlb(cpu)) {
        out.add(new Mapping("TLB of cpu " + cpu + " vpn " + t.vpn(), vm, t.machinePage(), t.writable()));
      }
    }
    for (int vm = 0; vm < shape.vms(); vm++) {
      for (int vcpu = 0; vcpu < shape.vcpusPerVm(); vcpu++) {
        for (MonitorView.Translation t : v.l2Tlb(vm, vcpu)) {
          out.add(new Mapping("L2TLB of vm " + vm + " vcpu " + vcpu + " vpn " + t.vpn(), vm, t.machinePage(), t.writable()));
        }
      }
    }
    return out;
  }
}
