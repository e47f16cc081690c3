package disco.monitor.observe;

import disco.hw.machine.DeviceEvent;
import disco.hw.port.CpuPort;
import disco.hw.port.MachinePort;
import disco.hw.port.TlbEntry;
import disco.monitor.Disco;
import disco.monitor.MonitorInterface;
import disco.monitor.cpu.VirtualCp0;
import disco.monitor.cpu.VirtualCpu;
import disco.monitor.cpu.VirtualMachine;
import disco.monitor.mem.MachinePages;
import disco.monitor.mem.Memmap;
import disco.spec.addr.Addresses;
import disco.spec.addr.MachineAddr;
import disco.spec.model.GuestTlbSpec;
import disco.spec.observe.MonitorView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@link MonitorView} (as a {@link ReferenceView}) over a live {@link Disco}: every answer is
 * read, at the moment it is asked for, from the monitor's own structures (the pmaps, the memmap, {@link MachinePages}, the vCPUs'
 * virtual CP0s and L2TLBs, the dispatcher's record of which vCPU each CPU runs) or from the
 * machine (the hardware TLBs read with TLBR through the port, machine memory, the disk transfers
 * in flight). Nothing is copied or tracked for the view's sake.
 *
 * <p>How the reference's structures are translated into the view's terms:
 *
 * <ul>
 *   <li><b>Pages.</b> Hardware, L2TLB and guest TLB entries map an even/odd page pair; the view
 *       splits each into one translation (one {@link GuestTlbSpec.Entry}) per page, even page first,
 *       so {@link Shape#tlbEntries()} is twice the guest TLB's size and each guest TLB's Wired is
 *       doubled. Only valid halves appear as translations.
 *   <li><b>Shape.</b> {@code vcpusPerVm} and {@code guestPages} are the largest over the VMs
 *       (VMs may differ); a smaller VM answers "none" beyond its own. {@code diskBlocks} is 0: the
 *       reference has no global disk cache (see below). {@code wired} is 0 (the reference wires no
 *       hardware entry; each guest's own Wired is in {@link #guestTlb}).
 *   <li><b>Pmap.</b> The reference has no copy-on-write, so every pmap entry is writable.
 *   <li><b>Reference counts.</b> The reference keeps no count: a machine page has at most one user,
 *       its memmap back-mapping, so {@link #refCount} is 1 when the memmap names a user, else 0.
 *   <li><b>Roles.</b> From {@link MachinePages#owner}: a VM owner is {@link Role#GUEST},
 *       {@link MachinePages#FREE} is {@link Role#FREE}, and a {@link MachinePages#MONITOR} page is
 *       {@link Role#PRIVILEGED_REGISTERS} when some vCPU's {@link VirtualCpu#privilegedPage()} is it
 *       (the reference has one such page per vCPU, not per VM), else {@link Role#MONITOR}.
 *   <li><b>Free count.</b> {@link MachinePages#freePages()}: the free lists, counted independently
 *       of the owner table that {@link #role} reads.
 *   <li><b>Contents.</b> A hash of the machine page's words (0 for a page holding only zeros).
 *   <li><b>Replicas, disk cache.</b> The reference has neither: {@link #replicaOf} is always -1,
 *       {@link #diskCachePage} always empty, and {@link #diskBlock} is never reachable (0 blocks).
 *   <li><b>Last DMA.</b> The reference does not record DMAs. The view reads the disk transfers the
 *       machine has in flight ({@link MachinePort#pendingEvents()}; the monitor tags each with its
 *       VM): {@link #lastDma} is the most recently queued one, {@link #dmasInFlight} all of them. The
 *       guest page of a DMA is not recorded anywhere either; the view takes it from the memmap
 *       back-mapping of the landing page when that names the asking VM, else reports -1 (which no
 *       pmap maps, so DMA-1 fails). DMA-1 therefore says, on the reference: the transfer lands on a
 *       machine page that the memmap gives to the asking VM alone and that its pmap maps back.
 *   <li><b>Entitled readers.</b> The reference keeps no confidentiality ghost state. The view answers
 *       the owner's bit for a page owned by a VM and all bits for any other page. So CONF-1 checks,
 *       on the reference, only that every mapping a VM reaches a guest page by (pmap, hardware TLB,
 *       L2TLB) is of a page the owner table gives that VM. Its "zeroed before reuse" half is NOT
 *       checked: the reference never gives a page back to the free list ({@link
 *       MachinePages#release} is never called), so no page is ever reused, and whether a page was
 *       zeroed when handed out is not visible in any monitor structure.
 * </ul>
 *
 * <p>Consequently, on the reference: REP-1 is vacuous (no replicas); COW-1 is vacuous in effect
 * (no page is shared, cached or replicated, so nothing is required read-only; it can only fail if
 * the memmap had two users for a page, which it cannot represent); the disk-cache and replica terms
 * of MAP-2 and MEM-1 are always zero; CONF-1 is reduced as above. TLB-1 cannot be checked as stated
 * for the supervisor physical window ({@link MonitorInterface#PHYS_BASE}, 512 MB), which the
 * reference maps straight from the pmap with no guest TLB entry, nor for the entries the reference
 * leaves in the TLB of a processor it idles: the view reports both as they are, and {@link
 * ReferenceInvariants} says how they are checked.
 */
public final class ReferenceMonitorView implements ReferenceView {
  private static final int V = 2;
  private static final int D = 4;
  /** The first virtual page of the supervisor physical window. */
  public static final int WINDOW_VPN = MonitorInterface.PHYS_BASE >>> 12;
  /** Pages in the window (512 MB). */
  public static final int WINDOW_PAGES = 0x2000_0000 >>> 12;

  private final Disco disco;
  private final Shape shape;
  /**
   * Machine page to VM, for the vCPUs' privileged-register pages: an index of
   * {@link VirtualCpu#privilegedPage()}, which is final and fixed at boot (so nothing is copied
   * that could go stale), built because {@link #privilegedPageOwner} is asked about every page.
   */
  private final Map<Integer, Integer> privilegedPages = new HashMap<>();

  public ReferenceMonitorView(Disco disco) {
    this.disco = disco;
    int vcpus = 0;
    int guestPages = 0;
    int tlb = 0;
    for (VirtualMachine vm : disco.vms()) {
      vcpus = Math.max(vcpus, vm.vcpus().size());
      guestPages = Math.max(guestPages, vm.pmap().pages());
      for (VirtualCpu v : vm.vcpus()) {
        tlb = Math.max(tlb, v.cp0().tlbSize());
      }
    }
    for (VirtualMachine vm : disco.vms()) {
      for (VirtualCpu v : vm.vcpus()) {
        privilegedPages.put(v.privilegedPage(), vm.id());
      }
    }
    MachinePort port = disco.port();
    shape = new Shape(disco.vms().size(), vcpus, port.cpuCount(), port.nodes(), guestPages,
        disco.pages().totalPages(), 0, 2 * tlb, 0, MonitorInterface.PRIV_PAGE >>> 12);
  }

  public Disco disco() {
    return disco;
  }

  @Override
  public Shape shape() {
    return shape;
  }

  private @Nullable VirtualMachine vm(int vm) {
    List<VirtualMachine> vms = disco.vms();
    return vm >= 0 && vm < vms.size() ? vms.get(vm) : null;
  }

  private @Nullable VirtualCpu vcpu(int vm, int vcpu) {
    VirtualMachine m = vm(vm);
    return m == null || vcpu < 0 || vcpu >= m.vcpus().size() ? null : m.vcpus().get(vcpu);
  }

  @Override
  public boolean running(int vm) {
    VirtualMachine m = vm(vm);
    return m != null && !m.stopped();
  }

  @Override
  public Optional<VcpuId> onCpu(int cpu) {
    VirtualCpu v = disco.dispatcher().current(cpu);
    return v == null ? Optional.empty() : Optional.of(new VcpuId(v.vm(), v.number()));
  }

  @Override
  public int nodeOfCpu(int cpu) {
    return disco.port().nodeOfCpu(cpu);
  }

  @Override
  public int nodeOfPage(int machinePage) {
    return disco.port().nodeOfPage(machinePage);
  }

  @Override
  public Optional<PmapEntry> pmap(int vm, int guestPage) {
    VirtualMachine m = vm(vm);
    if (m == null || guestPage < 0 || guestPage >= m.pmap().pages()) {
      return Optional.empty();
    }
    int page = m.pmap().machinePage(Addresses.guestPage(guestPage)); // the view's pages are plain numbers
    return page < 0 ? Optional.empty() : Optional.of(new PmapEntry(page, true));
  }

  @Override
  public List<BackMapping> memmap(int page) {
    @MachineAddr int machinePage = Addresses.machinePage(page); // the view's pages are plain numbers
    Memmap memmap = disco.memmap();
    if (machinePage < 0 || machinePage >= memmap.pages() || memmap.vmOf(machinePage) < 0) {
      return List.of();
    }
    return List.of(new BackMapping(memmap.vmOf(machinePage), memmap.guestPageOf(machinePage)));
  }

  @Override
  public int refCount(int machinePage) {
    return memmap(machinePage).size();
  }

  @Override
  public Role role(int page) {
    @MachineAddr int machinePage = Addresses.machinePage(page);
    MachinePages pages = disco.pages();
    if (machinePage < 0 || machinePage >= pages.totalPages()) {
      return Role.MONITOR; // not memory Disco hands out
    }
    int owner = pages.owner(machinePage);
    if (owner == MachinePages.FREE) {
      return Role.FREE;
    }
    if (owner >= 0) {
      return Role.GUEST;
    }
    return privilegedPageOwner(machinePage) >= 0 ? Role.PRIVILEGED_REGISTERS : Role.MONITOR;
  }

  @Override
  public int privilegedPageOwner(int machinePage) {
    Integer vm = privilegedPages.get(machinePage);
    return vm == null ? -1 : vm;
  }

  @Override
  public int freeCount() {
    return disco.pages().freePages();
  }

  @Override
  public int contents(int machinePage) {
    int @Nullable [] words = disco.port().machine().memory().page(machinePage);
    return words == null ? 0 : allZero(words) ? 0 : Arrays.hashCode(words);
  }

  private static boolean allZero(int[] words) {
    for (int w : words) {
      if (w != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public long entitledReaders(int page) {
    @MachineAddr int machinePage = Addresses.machinePage(page);
    MachinePages pages = disco.pages();
    int owner = machinePage >= 0 && machinePage < pages.totalPages() ? pages.owner(machinePage) : -1;
    return owner >= 0 && owner < 64 ? 1L << owner : -1L;
  }

  @Override
  public int replicaOf(int machinePage) {
    return -1;
  }

  @Override
  public OptionalInt diskCachePage(int block) {
    return OptionalInt.empty();
  }

  @Override
  public int diskBlock(int block) {
    throw new IndexOutOfBoundsException("the reference has no disk cache; the view has 0 disk blocks");
  }

  @Override
  public List<Translation> hardwareTlb(int cpu) {
    CpuPort p = disco.port().cpu(cpu);
    List<Translation> out = new ArrayList<>();
    for (int i = 0; i < p.tlbSize(); i++) {
      split(p.tlbRead(i), out);
    }
    return out;
  }

  @Override
  public List<Translation> l2Tlb(int vm, int vcpu) {
    VirtualCpu v = vcpu(vm, vcpu);
    List<Translation> out = new ArrayList<>();
    if (v != null) {
      for (TlbEntry e : v.l2tlb().entries()) {
        split(e, out);
      }
    }
    return out;
  }

  /** The valid halves of a machine-terms entry, one translation each. */
  private static void split(TlbEntry e, List<Translation> out) {
    int vpn2 = (e.entryHi() & 0xffff_e000) >>> 12;
    int asid = e.entryHi() & 0xff;
    int[] lo = {e.entryLo0(), e.entryLo1()};
    for (int half = 0; half < 2; half++) {
      if ((lo[half] & V) != 0) {
        out.add(new Translation(vpn2 | half, asid, (lo[half] >>> 6) & 0xfffff, (lo[half] & D) != 0));
      }
    }
  }

  @Override
  public GuestTlbSpec.State guestTlb(int vm, int vcpu) {
    VirtualCpu v = vcpu(vm, vcpu);
    if (v == null) {
      return GuestTlbSpec.initial(Math.max(2, shape.tlbEntries()), 0);
    }
    VirtualCp0 cp0 = v.cp0();
    List<GuestTlbSpec.Entry> entries = new ArrayList<>();
    for (int i = 0; i < cp0.tlbSize(); i++) {
      TlbEntry e = cp0.tlbEntry(i);
      int vpn2 = (e.entryHi() & 0xffff_e000) >>> 12;
      int asid = e.entryHi() & 0xff;
      boolean global = (e.entryLo0() & e.entryLo1() & 1) != 0;
      int[] lo = {e.entryLo0(), e.entryLo1()};
      for (int half = 0; half < 2; half++) {
        entries.add(new GuestTlbSpec.Entry(vpn2 | half, asid, global, (lo[half] >>> 6) & 0xfffff,
            (lo[half] & V) != 0, (lo[half] & D) != 0));
      }
    }
    return new GuestTlbSpec.State(entries, cp0.asid(), 2 * cp0.read(6, 0, 0));
  }

  @Override
  public Optional<Dma> lastDma() {
    List<Dma> all = dmasInFlight();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  @Override
  public List<VcpuId> hostedOn(int cpu) {
    List<VcpuId> out = new ArrayList<>();
    for (VirtualMachine vm : disco.vms()) {
      for (VirtualCpu v : vm.vcpus()) {
        if (v.physicalCpu() == cpu) {
          out.add(new VcpuId(vm.id(), v.number()));
        }
      }
    }
    return out;
  }

  @Override
  public List<Dma> dmasInFlight() {
    List<DeviceEvent.Pending> pending = new ArrayList<>(disco.port().pendingEvents());
    pending.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
    Memmap memmap = disco.memmap();
    List<Dma> out = new ArrayList<>();
    for (DeviceEvent.Pending p : pending) {
      if (p.event() instanceof DeviceEvent.DiskTransfer t) {
        int vm = (int) (t.tag() >>> 16);
        @MachineAddr int page = Addresses.machinePage(t.address() >>> 12); // a DMA's address is a machine address
        int guestPage = page < memmap.pages() && memmap.vmOf(page) == vm ? memmap.guestPageOf(page) : -1;
        out.add(new Dma(vm, guestPage, page));
      }
    }
    return out;
  }
}
