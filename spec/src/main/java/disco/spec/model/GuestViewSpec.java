package disco.spec.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything a guest can observe of the memory system: its physical memory ({@link MemorySpec})
 * reached through each virtual CPU's TLB ({@link GuestTlbSpec}), plus the privileged-register page
 * the monitor maps at a fixed virtual page of every guest (read-only: a store there raises TLB
 * Modified). This is the abstract state an implementation refines.
 */
public final class GuestViewSpec {
  private GuestViewSpec() {}

  /** The memories, and the TLB of each virtual CPU, indexed [vm][vcpu]. */
  public record State(MemorySpec.State memory, List<List<GuestTlbSpec.State>> tlbs) {
    public State {
      List<List<GuestTlbSpec.State>> copy = new ArrayList<>();
      for (List<GuestTlbSpec.State> perVm : tlbs) {
        copy.add(List.copyOf(perVm));
      }
      tlbs = List.copyOf(copy);
    }

    public GuestTlbSpec.State tlb(int vm, int vcpu) {
      return tlbs.get(vm).get(vcpu);
    }

    State withMemory(MemorySpec.State m) {
      return new State(m, tlbs);
    }

    State withTlb(int vm, int vcpu, GuestTlbSpec.State t) {
      List<List<GuestTlbSpec.State>> all = new ArrayList<>(tlbs);
      List<GuestTlbSpec.State> perVm = new ArrayList<>(all.get(vm));
      perVm.set(vcpu, t);
      all.set(vm, perVm);
      return new State(memory, all);
    }
  }

  /** The guest-visible operations. */
  public sealed interface Op {}

  /** A load by virtual CPU {@code vcpu} of virtual machine {@code vm} from virtual page {@code vpn}. */
  public record Load(int vm, int vcpu, int vpn) implements Op {}

  /** A store of {@code value} to virtual page {@code vpn}. */
  public record Store(int vm, int vcpu, int vpn, int value) implements Op {}

  /** A TLB instruction of one virtual CPU. */
  public record Tlb(int vm, int vcpu, GuestTlbSpec.Op op) implements Op {}

  /** A memory operation that names guest-physical pages (disk read, send, discard, crash, placement). */
  public record Memory(MemorySpec.Op op) implements Op {}

  /** The shape of the guest-visible world. */
  public record Shape(int vms, int vcpusPerVm, int guestPages, int tlbEntries, int wired, int privilegedVpn) {}

  public static State initial(Shape shape, List<Integer> disk) {
    List<List<GuestTlbSpec.State>> tlbs = new ArrayList<>();
    for (int vm = 0; vm < shape.vms(); vm++) {
      tlbs.add(Collections.nCopies(shape.vcpusPerVm(), GuestTlbSpec.initial(shape.tlbEntries(), shape.wired())));
    }
    return new State(MemorySpec.initial(shape.vms(), shape.guestPages(), disk), tlbs);
  }

  /** The next state and what the guest saw. */
  public record Outcome(State next, Seen seen) {}

  /** The outcomes the spec allows for {@code op}; more than one only for TLBWR. */
  public static List<Outcome> outcomes(Shape shape, State s, Op op) {
    if (op instanceof Memory m) {
      MemorySpec.Outcome o = MemorySpec.step(s.memory(), m.op());
      State next = s.withMemory(o.next());
      if (m.op() instanceof MemorySpec.Crash c) {
        next = resetTlbs(shape, next, c.vm());
      }
      return List.of(new Outcome(next, o.seen()));
    }
    int vm = vmOf(op);
    if (!s.memory().vms().get(vm).running()) {
      return List.of(new Outcome(s, Seen.STOPPED));
    }
    if (op instanceof Tlb t) {
      List<Outcome> out = new ArrayList<>();
      for (GuestTlbSpec.Outcome o : GuestTlbSpec.allowed(s.tlb(vm, t.vcpu()), t.op())) {
        out.add(new Outcome(s.withTlb(vm, t.vcpu(), o.next()), o.seen()));
      }
      return out;
    }
    return List.of(access(shape, s, op));
  }

  private static Outcome access(Shape shape, State s, Op op) {
    boolean store = op instanceof Store;
    int vm = vmOf(op);
    int vcpu = store ? ((Store) op).vcpu() : ((Load) op).vcpu();
    int vpn = store ? ((Store) op).vpn() : ((Load) op).vpn();
    if (vpn == shape.privilegedVpn()) {
      return new Outcome(s, store ? new Seen.GuestException(GuestTlbSpec.Fault.TLB_MODIFIED) : Seen.PRIVILEGED);
    }
    GuestTlbSpec.Translation t = GuestTlbSpec.translate(s.tlb(vm, vcpu), vpn, store);
    if (t instanceof GuestTlbSpec.Faulted f) {
      return new Outcome(s, new Seen.GuestException(f.fault()));
    }
    int page = ((GuestTlbSpec.Mapped) t).guestPage();
    MemorySpec.Op memOp = store ? new MemorySpec.Write(vm, page, ((Store) op).value()) : new MemorySpec.Read(vm, page);
    MemorySpec.Outcome o = MemorySpec.step(s.memory(), memOp);
    return new Outcome(s.withMemory(o.next()), o.seen());
  }

  private static State resetTlbs(Shape shape, State s, int vm) {
    State next = s;
    for (int vcpu = 0; vcpu < shape.vcpusPerVm(); vcpu++) {
      next = next.withTlb(vm, vcpu, GuestTlbSpec.initial(shape.tlbEntries(), shape.wired()));
    }
    return next;
  }

  private static int vmOf(Op op) {
    if (op instanceof Load l) {
      return l.vm();
    } else if (op instanceof Store st) {
      return st.vm();
    } else if (op instanceof Tlb t) {
      return t.vm();
    }
    return ((Memory) op).op().vm();
  }
}
