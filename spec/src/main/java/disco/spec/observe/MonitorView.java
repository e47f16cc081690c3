package disco.spec.observe;

import disco.spec.model.GuestTlbSpec;
import disco.spec.model.GuestViewSpec;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a Disco implementation exposes of its memory management, for the invariant catalogue and
 * the abstraction function: the pmap of each virtual machine, the memmap (machine page to the guest
 * pages that use it), reference counts, the free list, the hardware TLB of each processor, the
 * L2TLB and virtual TLB of each virtual CPU, the global disk cache, replicas, and the last DMA.
 *
 * <p>Pages are numbers: machine pages {@code 0..machinePages()-1}, guest-physical pages {@code
 * 0..guestPages()-1} of each virtual machine. Every method only reads; an implementation answers
 * from its own data structures. The reference monitor implements it; so does the abstract monitor
 * model of the checkers.
 */
public interface MonitorView {
  /** Sizes, and the fixed virtual page of every guest where the privileged registers are mapped. */
  record Shape(
      int vms, int vcpusPerVm, int cpus, int nodes, int guestPages, int machinePages, int diskBlocks,
      int tlbEntries, int wired, int privilegedVpn) {
    public GuestViewSpec.Shape guestView() {
      return new GuestViewSpec.Shape(vms, vcpusPerVm, guestPages, tlbEntries, wired, privilegedVpn);
    }
  }

  /** A pmap entry: the machine page backing a guest-physical page, and whether writes may go there. */
  record PmapEntry(int machinePage, boolean writable) {}

  /** A memmap back-mapping: guest-physical page {@code guestPage} of {@code vm}. */
  record BackMapping(int vm, int guestPage) {}

  /** A virtual-to-machine translation, as the hardware TLB and the L2TLB hold them. */
  record Translation(int vpn, int asid, int machinePage, boolean writable) {}

  /** A virtual CPU, by its virtual machine and its number there. */
  record VcpuId(int vm, int vcpu) {}

  /** A DMA a virtual machine asked for: into its guest page, landing on a machine page. */
  record Dma(int vm, int guestPage, int machinePage) {}

  /** What a machine page is for. */
  enum Role {
    /** Holds the monitor's own code or data. */
    MONITOR,
    /** The privileged-register page of one virtual machine ({@link #privilegedPageOwner}). */
    PRIVILEGED_REGISTERS,
    /** Guest memory, a disk-cache page or a replica. */
    GUEST,
    FREE
  }

  Shape shape();

  boolean running(int vm);

  /** The virtual CPU on processor {@code cpu}, if any. */
  Optional<VcpuId> onCpu(int cpu);

  int nodeOfCpu(int cpu);

  int nodeOfPage(int machinePage);

  Optional<PmapEntry> pmap(int vm, int guestPage);

  /** The back-mappings of a machine page, in ascending (vm, guestPage) order. */
  List<BackMapping> memmap(int machinePage);

  int refCount(int machinePage);

  Role role(int machinePage);

  /** The virtual machine whose privileged-register page this is, or -1. */
  int privilegedPageOwner(int machinePage);

  /** How many pages the free list holds, as the implementation counts them. */
  int freeCount();

  /** The contents of a machine page (one value per page; see {@link disco.spec.model.MemorySpec}). */
  int contents(int machinePage);

  /**
   * Ghost state for confidentiality: the set of virtual machines entitled to read the page's
   * current contents, one bit per virtual machine; all bits when the contents are public (zeroed,
   * or read from a shared disk).
   */
  long entitledReaders(int machinePage);

  /** The machine page this page is a replica of, or -1. */
  int replicaOf(int machinePage);

  /** The machine page of the global disk cache holding {@code block}, if cached. */
  OptionalInt diskCachePage(int block);

  /** The contents of disk block {@code block}. */
  int diskBlock(int block);

  /** The valid entries of processor {@code cpu}'s hardware TLB. */
  List<Translation> hardwareTlb(int cpu);

  /** The valid entries of a virtual CPU's L2TLB. */
  List<Translation> l2Tlb(int vm, int vcpu);

  /** A virtual CPU's TLB in guest-physical terms (its virtual CP0). */
  GuestTlbSpec.State guestTlb(int vm, int vcpu);

  /** The last DMA a virtual machine asked for, if any. */
  Optional<Dma> lastDma();
}
