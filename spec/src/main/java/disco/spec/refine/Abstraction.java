package disco.spec.refine;

import disco.spec.model.GuestTlbSpec;
import disco.spec.model.GuestViewSpec;
import disco.spec.model.MemorySpec;
import disco.spec.observe.MonitorView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The abstraction function: from what an implementation exposes ({@link MonitorView}) to the state
 * of {@link GuestViewSpec}. A guest page's contents are those of the machine page its pmap entry
 * names (zero if unmapped: the monitor hands out zeroed pages on first touch); a stopped virtual
 * machine's memory is all zeros; each virtual CPU's TLB is its virtual TLB. Placement (which
 * machine page, which node, which replica) is forgotten: that is what makes migration and
 * replication invisible.
 */
public final class Abstraction {
  private Abstraction() {}

  public static GuestViewSpec.State of(MonitorView v) {
    MonitorView.Shape shape = v.shape();
    List<MemorySpec.Vm> vms = new ArrayList<>();
    List<List<GuestTlbSpec.State>> tlbs = new ArrayList<>();
    for (int vm = 0; vm < shape.vms(); vm++) {
      boolean running = v.running(vm);
      List<Integer> memory = new ArrayList<>();
      for (int gp = 0; gp < shape.guestPages(); gp++) {
        Optional<MonitorView.PmapEntry> e = v.pmap(vm, gp);
        memory.add(running && e.isPresent() ? v.contents(e.get().machinePage()) : 0);
      }
      vms.add(new MemorySpec.Vm(running, memory));
      List<GuestTlbSpec.State> perVm = new ArrayList<>();
      for (int vcpu = 0; vcpu < shape.vcpusPerVm(); vcpu++) {
        perVm.add(running ? v.guestTlb(vm, vcpu) : GuestTlbSpec.initial(shape.tlbEntries(), shape.wired()));
      }
      tlbs.add(perVm);
    }
    List<Integer> disk = new ArrayList<>();
    for (int b = 0; b < shape.diskBlocks(); b++) {
      disk.add(v.diskBlock(b));
    }
    return new GuestViewSpec.State(new MemorySpec.State(vms, disk), tlbs);
  }
}
