package disco.check.refmodel;

import disco.spec.model.GuestTlbSpec;
import disco.spec.model.GuestViewSpec;
import disco.spec.model.MemorySpec;
import java.util.Optional;

/**
 * The operations of the abstract monitor: what guests do (from the virtual CPU running on a
 * processor), and what the monitor's policies decide. Each says which step of {@link GuestViewSpec}
 * it performs, or none (a stutter: scheduling and page placement).
 */
public sealed interface MonitorOp {
  /** The spec operation this is, in the state before it. */
  Optional<GuestViewSpec.Op> spec(MonitorState before);

  /** The label a trace prints and a replay file names. */
  String label();

  /** The spec's memory operation {@code op}, as this operation's meaning. */
  static Optional<GuestViewSpec.Op> memory(MemorySpec.Op op) {
    return Optional.of(new GuestViewSpec.Memory(op));
  }

  /** A placement decision of the monitor's policy: a stutter of the spec, whatever it moves. */
  sealed interface Placement extends MonitorOp permits Migrate, Replicate, Collapse {
    @Override
    default Optional<GuestViewSpec.Op> spec(MonitorState before) {
      return memory(new MemorySpec.Placement(label()));
    }
  }

  /** An operation of the virtual machine running on {@code cpu}. */
  interface OnCpu {
    int cpu();

    default int vm(MonitorState s) {
      return s.running[cpu()];
    }
  }

  /** Schedule virtual machine {@code vm}'s virtual CPU on {@code cpu}. */
  record Run(int cpu, int vm) implements MonitorOp {
    public Optional<GuestViewSpec.Op> spec(MonitorState b) {
      return Optional.empty();
    }

    public String label() {
      return "run(cpu" + cpu + ", vm" + vm + ")";
    }
  }

  record Load(int cpu, int vpn) implements MonitorOp, OnCpu {
    public Optional<GuestViewSpec.Op> spec(MonitorState b) {
      return Optional.of(new GuestViewSpec.Load(vm(b), 0, vpn));
    }

    public String label() {
      return "load(cpu" + cpu + ", vpn" + vpn + ")";
    }
  }

  record Store(int cpu, int vpn, int value) implements MonitorOp, OnCpu {
    public Optional<GuestViewSpec.Op> spec(MonitorState b) {
      return Optional.of(new GuestViewSpec.Store(vm(b), 0, vpn, value));
    }

    public String label() {
      return "store(cpu" + cpu + ", vpn" + vpn + ", " + value + ")";
    }
  }

  /** A TLB instruction of the guest on {@code cpu}, emulated by the monitor. */
  record GuestTlb(int cpu, GuestTlbSpec.Op op) implements MonitorOp, OnCpu {
    public Optional<GuestViewSpec.Op> spec(MonitorState b) {
      return Optional.of(new GuestViewSpec.Tlb(vm(b), 0, op));
    }

    public String label() {
      return "tlb(cpu" + cpu + ", " + op + ")";
    }
  }

  /** A read from the shared non-persistent disk: the cached page is mapped copy-on-write. */
  record DiskRead(int cpu, int guestPage, int block) implements MonitorOp, OnCpu {
    public Optional<GuestViewSpec.Op> spec(MonitorState b) {
      return memory(new MemorySpec.DiskRead(vm(b), guestPage, block));
    }

    public String label() {
      return "diskRead(cpu" + cpu + ", gp" + guestPage + ", block" + block + ")";
    }
  }

  /** A read from the virtual machine's own persistent disk, by DMA into its page. */
  record DmaRead(int cpu, int guestPage, int block) implements MonitorOp, OnCpu {
    public Optional<GuestViewSpec.Op> spec(MonitorState b) {
      return memory(new MemorySpec.DiskRead(vm(b), guestPage, block));
    }

    public String label() {
      return "dmaRead(cpu" + cpu + ", gp" + guestPage + ", block" + block + ")";
    }
  }

  /** A page-aligned send on the virtual subnet: the page is remapped copy-on-write into the receiver. */
  record Send(int cpu, int guestPage, int toVm, int toPage) implements MonitorOp, OnCpu {
    public Optional<GuestViewSpec.Op> spec(MonitorState b) {
      return memory(new MemorySpec.Send(vm(b), guestPage, toVm, toPage));
    }

    public String label() {
      return "send(cpu" + cpu + ", gp" + guestPage + " -> vm" + toVm + " gp" + toPage + ")";
    }
  }

  /** The guest gives a page back to the monitor (the modified guest's free-page hint). */
  record Discard(int cpu, int guestPage) implements MonitorOp, OnCpu {
    public Optional<GuestViewSpec.Op> spec(MonitorState b) {
      return memory(new MemorySpec.Discard(vm(b), guestPage));
    }

    public String label() {
      return "discard(cpu" + cpu + ", gp" + guestPage + ")";
    }
  }

  /** The policy moves a virtual machine's private page to a machine page on another node. */
  record Migrate(int vm, int guestPage) implements Placement {
    public String label() {
      return "migrate(vm" + vm + ", gp" + guestPage + ")";
    }
  }

  /** The policy copies a page to {@code node}, where processors then read the local replica. */
  record Replicate(int vm, int guestPage, int node) implements Placement {
    public String label() {
      return "replicate(vm" + vm + ", gp" + guestPage + ", node" + node + ")";
    }
  }

  /** The policy drops every replica of a page. */
  record Collapse(int vm, int guestPage) implements Placement {
    public String label() {
      return "collapse(vm" + vm + ", gp" + guestPage + ")";
    }
  }

  /** The virtual machine crashes and stops alone. */
  record Crash(int vm) implements MonitorOp {
    public Optional<GuestViewSpec.Op> spec(MonitorState b) {
      return memory(new MemorySpec.Crash(vm));
    }

    public String label() {
      return "crash(vm" + vm + ")";
    }
  }
}
