package disco.monitor.trap;

import disco.hw.mem.Memory;
import disco.hw.port.Access;
import disco.hw.port.CpuPort;
import disco.hw.port.TlbEntry;
import disco.monitor.MonitorInterface;
import disco.monitor.cpu.VirtualCp0;
import disco.monitor.cpu.VirtualCpu;
import disco.monitor.cpu.VirtualMachine;
import disco.monitor.mem.L2Tlb;
import disco.monitor.mem.MachinePages;
import disco.monitor.mem.Memmap;
import disco.monitor.mem.Pmap;
import disco.spec.addr.Addresses;
import disco.spec.addr.GuestPhysical;
import disco.spec.addr.MachineAddr;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Virtual physical memory (paper 4.2.2): machine pages for guest pages on first touch, TLB misses
 * in the supervisor segment filled from the pmap, the guest's TLB writes translated through the
 * pmap (never with more permission than it grants) into the hardware TLB and the L2TLB, and
 * hardware TLB misses in useg answered from the L2TLB or the guest's TLB before they are forwarded.
 */
final class MemoryVirtualization {
  /** EntryLo flags of a monitor-made mapping: cacheable (C = 3), dirty, valid, global. */
  private static final int C_CACHEABLE = 3 << 3;
  private static final int D = 4;
  private static final int V = 2;
  private static final int G = 1;

  private final MachinePages pages;
  private final Memmap memmap;
  private final Memory memory;
  private final CostModel costs;
  /** Real ASIDs by vCPU when the TLB is tagged ({@link AsidTags}); null: flushed at every switch. */
  private final @Nullable AsidTags tags;

  /** Seeded faults (none in a normal run). */
  private final java.util.Set<SeededFault> faults;

  MemoryVirtualization(MachinePages pages, Memmap memmap, Memory memory, CostModel costs, @Nullable AsidTags tags,
      java.util.Set<SeededFault> faults) {
    this.faults = faults;
    this.pages = pages;
    this.memmap = memmap;
    this.memory = memory;
    this.costs = costs;
    this.tags = tags;
  }

  /** {@code e} as the hardware holds it: a non-global entry under its vCPU's real ASID when tagged. */
  private TlbEntry tagged(CpuPort cpu, VirtualCpu v, TlbEntry e) {
    AsidTags t = tags;
    if (t == null || (e.entryLo0() & e.entryLo1() & G) != 0) {
      return e;
    }
    return new TlbEntry((e.entryHi() & ~0xff) | t.real(cpu, v, e.entryHi() & 0xff), e.pageMask(), e.entryLo0(),
        e.entryLo1());
  }

  /** What a TLB fault came to. */
  sealed interface Outcome {
    /** The hardware TLB now holds the translation: retry the access. */
    record Filled(TrapKind kind, String how) implements Outcome {}

    /** The guest must see exception {@code excCode} (BadVAddr = the address where it has one). */
    record Reflect(int excCode, boolean refill, boolean setsTlbFault, String why) implements Outcome {}

    /** The VM cannot go on. */
    record Stop(String why) implements Outcome {}
  }

  /**
   * The machine page behind guest page {@code gpn} of {@code vm}, taking one on the node of
   * {@code vcpu}'s CPU (zeroed) when the page has none yet; -1 when machine memory is exhausted.
   * {@code cpu} is charged for the work.
   */
  @MachineAddr int machinePage(VirtualMachine vm, @GuestPhysical int gpn, int node, @Nullable CpuPort cpu) {
    Pmap pmap = vm.pmap();
    int m = pmap.machinePage(gpn);
    if (m >= 0) {
      return m;
    }
    m = pages.allocate(node, vm.id());
    if (m < 0) {
      return m;
    }
    zero(memory, m); // a page given to a VM holds zeros, whatever it held before
    memmap.add(m, vm.id(), gpn, pmap);
    if (cpu != null) {
      cpu.chargeMonitorCycles(costs.pageAllocate() + costs.pageZero());
    }
    return m;
  }

  /** The machine address of guest-physical {@code gpa}, taking its page as {@link #machinePage} does. */
  @MachineAddr long machineAddress(VirtualMachine vm, @GuestPhysical long gpa, int node, @Nullable CpuPort cpu) {
    int m = machinePage(vm, Addresses.guestPage((int) (gpa >>> 12)), node, cpu);
    return Addresses.machine(m < 0 ? -1 : ((long) m << 12) | (gpa & 0xfff));
  }

  /** Handles a TLB refill, invalid or modified trap of {@code v} at {@code va}. */
  Outcome fault(CpuPort cpu, VirtualMachine vm, VirtualCpu v, int node, Access access, int va,
      boolean modified) {
    long u = va & 0xffff_ffffL;
    long window = MonitorInterface.PHYS_BASE & 0xffff_ffffL;
    long privilege = MonitorInterface.PRIV_PAGE & 0xffff_ffffL;
    if (u >= privilege && u < privilege + 4096) {
      if (modified) {
        return new Outcome.Reflect(access == Access.STORE ? ADES : ADEL, false, false,
            "store to the privileged-register page");
      }
      int d = faults.contains(SeededFault.PRIVILEGED_PAGE_WRITABLE) ? D : 0;
      int lo1 = TlbEntry.entryLo((long) v.privilegedPage() << 12, C_CACHEABLE | d | V | G);
      write(cpu, TlbEntry.of((int) privilege & ~0x1fff, 0, G, lo1));
      return new Outcome.Filled(TrapKind.TLB_PMAP, "mapped the privileged-register page read-only");
    }
    if (u >= window && u < window + 0x2000_0000L) {
      @GuestPhysical int gpn = Addresses.guestPage((int) ((u - window) >>> 12));
      if (gpn >= vm.pmap().pages()) {
        return new Outcome.Reflect(access == Access.FETCH ? IBE : DBE, false, false,
            "no guest-physical memory at 0x" + Long.toHexString(u - window));
      }
      if (modified) {
        return new Outcome.Stop("a write-protected physical page at " + hex(va));
      }
      int even = gpn & ~1;
      int lo0 = windowHalf(cpu, vm, Addresses.guestPage(even), node);
      int lo1 = windowHalf(cpu, vm, Addresses.guestPage(even + 1), node);
      if (lo0 < 0 || lo1 < 0) {
        return new Outcome.Stop("machine memory is exhausted");
      }
      write(cpu, TlbEntry.of(va & ~0x1fff, 0, lo0, lo1));
      cpu.chargeMonitorCycles(costs.pmapFill());
      return new Outcome.Filled(TrapKind.TLB_PMAP, "pmap: guest page 0x" + Integer.toHexString(gpn)
          + " -> machine page 0x" + Integer.toHexString(vm.pmap().machinePage(gpn)));
    }
    if (u >= 0x8000_0000L) {
      // Hardware gives supervisor mode no other segment, so only kseg3-like addresses get here.
      return new Outcome.Reflect(access == Access.STORE ? ADES : ADEL, false, false, "no such segment");
    }
    return useg(cpu, vm, v, node, access, va, modified);
  }

  private int windowHalf(CpuPort cpu, VirtualMachine vm, @GuestPhysical int gpn, int node) {
    if (gpn >= vm.pmap().pages()) {
      return G;
    }
    int m = machinePage(vm, gpn, node, cpu);
    return m < 0 ? -1 : TlbEntry.entryLo((long) m << 12, C_CACHEABLE | D | V | G);
  }

  private Outcome useg(CpuPort cpu, VirtualMachine vm, VirtualCpu v, int node, Access access, int va,
      boolean modified) {
    VirtualCp0 cp0 = v.cp0();
    int code = access == Access.STORE ? TLBS : TLBL;
    if (modified) { // the guest's entry has D = 0 (the monitor never takes write permission away)
      return new Outcome.Reflect(MOD, false, true, "guest entry not dirty");
    }
    L2Tlb l2 = v.l2tlb();
    TlbEntry cached = l2.lookup(Addresses.guestVirtual(va), cp0.asid());
    if (cached != null && half(cached, va)) {
      write(cpu, tagged(cpu, v, cached));
      cpu.chargeMonitorCycles(costs.l2tlbHit());
      return new Outcome.Filled(TrapKind.TLB_L2TLB, "L2TLB hit");
    }
    int i = cp0.find(va, cp0.asid());
    if (i < 0) {
      return new Outcome.Reflect(code, true, true, "not in the guest's TLB");
    }
    TlbEntry guest = cp0.tlbEntry(i);
    int lo = (va & 0x1000) == 0 ? guest.entryLo0() : guest.entryLo1();
    if ((lo & V) == 0) {
      return new Outcome.Reflect(code, false, true, "guest entry invalid");
    }
    if (((lo >>> 6) & 0xfffff) >= vm.pmap().pages()) {
      return new Outcome.Reflect(access == Access.FETCH ? IBE : DBE, false, false,
          "guest entry names guest-physical page 0x" + Integer.toHexString((lo >>> 6) & 0xfffff)
          + " beyond its memory");
    }
    TlbEntry machine = translate(cpu, vm, guest, node);
    if (machine == null) {
      return new Outcome.Stop("machine memory is exhausted");
    }
    l2.insert(machine);
    write(cpu, tagged(cpu, v, machine));
    cpu.chargeMonitorCycles(costs.l2tlbMiss());
    return new Outcome.Filled(TrapKind.TLB_GUEST_TLB, "guest TLB[" + i + "] via pmap");
  }

  private static boolean half(TlbEntry e, int va) {
    return (((va & 0x1000) == 0 ? e.entryLo0() : e.entryLo1()) & V) != 0;
  }

  /**
   * The guest's entry {@code e} in machine terms: each valid half whose guest-physical page lies
   * in the VM's memory becomes its machine page with the guest's C, D, V and G bits; any other half
   * is invalid. Null when machine memory is exhausted.
   */
  @Nullable TlbEntry translate(CpuPort cpu, VirtualMachine vm, TlbEntry e, int node) {
    int lo0 = translateHalf(cpu, vm, e.entryLo0(), node);
    int lo1 = translateHalf(cpu, vm, e.entryLo1(), node);
    if (lo0 == -1 || lo1 == -1) {
      return null;
    }
    return new TlbEntry(e.entryHi(), 0, lo0, lo1);
  }

  private int translateHalf(CpuPort cpu, VirtualMachine vm, int lo, int node) {
    @GuestPhysical int gpn = Addresses.guestPage((lo >>> 6) & 0xfffff); // EntryLo.PFN, in the guest's terms
    if ((lo & V) == 0 || gpn >= vm.pmap().pages()) {
      return lo & (C_CACHEABLE | D | G); // not valid: no machine page named
    }
    int m = machinePage(vm, gpn, node, cpu);
    int flags = faults.contains(SeededFault.GUEST_PROTECTION_DROPPED) ? (lo & 0x3f) | D : lo & 0x3f;
    return m < 0 ? -1 : TlbEntry.entryLo((long) m << 12, flags);
  }

  /**
   * TLBWI/TLBWR of the guest at its TLB index {@code index}: the guest's TLB changes, whatever the
   * replaced entry had made is forgotten (hardware TLB, L2TLB), and a useg entry is translated and
   * written to the hardware TLB and the L2TLB at once, as the paper's Disco does.
   */
  @Nullable String guestTlbWrite(CpuPort cpu, VirtualMachine vm, VirtualCpu v, int node, int index,
      TlbEntry e) {
    if (e.pageMask() != 0) {
      return "a guest TLB entry with PageMask 0x" + Integer.toHexString(e.pageMask())
          + " (only 4 KB pages are virtualized)";
    }
    TlbEntry old = v.cp0().tlbEntryAt(index, e);
    forget(cpu, v, old, !faults.contains(SeededFault.L2TLB_NOT_FLUSHED),
        !faults.contains(SeededFault.TLB_WRITE_NOT_SHOT_DOWN));
    forget(cpu, v, e, true, true);
    if ((e.entryHi() & 0x8000_0000) == 0) {
      TlbEntry machine = translate(cpu, vm, e, node);
      if (machine == null) {
        return "machine memory is exhausted";
      }
      v.l2tlb().insert(machine);
      write(cpu, tagged(cpu, v, machine));
    }
    return null;
  }

  /** Forgets what {@code e} made: its L2TLB entry and its hardware TLB entries (each unless a seeded fault says not). */
  private void forget(CpuPort cpu, VirtualCpu v, TlbEntry e, boolean l2tlb, boolean hardware) {
    boolean global = (e.entryLo0() & e.entryLo1() & 1) != 0;
    if (l2tlb) {
      v.l2tlb().invalidate(Addresses.guestVirtual(e.entryHi()), global);
    }
    if (hardware && (e.entryHi() & 0x8000_0000) == 0) {
      TlbEntry h = tagged(cpu, v, e);
      while (cpu.tlbInvalidate(h.entryHi() & 0xffff_e000, h.entryHi() & 0xff)) {
        // every hardware entry that matches goes
      }
    }
  }

  /** Writes {@code e} to the hardware TLB at Random; a duplicate there means a flush first. */
  private static void write(CpuPort cpu, TlbEntry e) {
    if (cpu.tlbWriteRandom(e) < 0) {
      cpu.tlbFlush();
      cpu.tlbWriteRandom(e);
    }
  }

  /**
   * Zeroes machine page {@code page} in place (a CPU may hold a reference to the page's words for
   * fetching; dropping the page would leave it reading the old ones).
   */
  static void zero(Memory memory, int page) {
    int[] words = memory.page(page);
    if (words != null) {
      java.util.Arrays.fill(words, 0);
    }
  }

  private static String hex(int v) {
    return String.format("0x%08x", v);
  }

  static final int TLBL = 2;
  static final int TLBS = 3;
  static final int MOD = 1;
  static final int ADEL = 4;
  static final int ADES = 5;
  static final int IBE = 6;
  static final int DBE = 7;
}
