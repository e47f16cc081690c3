package disco.check.refmodel;

import disco.spec.model.GuestTlbSpec;
import disco.spec.model.Seen;
import java.util.Arrays;
import java.util.Set;

/**
 * The abstract monitor: how Disco's memory management answers each operation (Section 4.2 of the
 * paper), on {@link MonitorState}. A guest access goes through the processor's hardware TLB; on a
 * miss the monitor looks in the virtual CPU's L2TLB, and on a miss there composes the guest's own
 * TLB entry with the pmap (allocating a zeroed machine page on first touch), choosing the replica
 * local to the processor's node if there is one. A store through a read-only translation that the
 * guest allows is a copy-on-write break or a collapse of replicas. Every change to a pmap entry
 * shoots down the hardware TLB and L2TLB entries that named the old machine page.
 *
 * <p>Each {@link MonitorFault} switched on changes one of these steps.
 */
public final class Monitor {
  private final Set<MonitorFault> faults;

  public Monitor(Set<MonitorFault> faults) {
    this.faults = Set.copyOf(faults);
  }

  private boolean has(MonitorFault f) {
    return faults.contains(f);
  }

  /** The state after {@code op}; {@code before} is not changed. */
  public MonitorState apply(MonitorState before, MonitorOp op) {
    MonitorState s = before.copy();
    s.lastDma = new int[0];
    s.lastSeen = Seen.NOTHING;
    if (op instanceof MonitorOp.Run r) {
      if (!has(MonitorFault.ASID_IGNORED_ON_SWITCH)) {
        Arrays.fill(s.hardwareTlb[r.cpu()], MonitorState.EMPTY);
      }
      s.running[r.cpu()] = r.vm();
    } else if (op instanceof MonitorOp.Load l) {
      s.lastSeen = access(s, l.cpu(), l.vpn(), false, 0);
    } else if (op instanceof MonitorOp.Store st) {
      s.lastSeen = access(s, st.cpu(), st.vpn(), true, st.value());
    } else if (op instanceof MonitorOp.GuestTlb t) {
      s.lastSeen = guestTlb(s, t.cpu(), t.op());
    } else if (op instanceof MonitorOp.DiskRead d) {
      diskRead(s, d.vm(s), d.guestPage(), d.block());
    } else if (op instanceof MonitorOp.DmaRead d) {
      dmaRead(s, d.vm(s), d.guestPage(), d.block());
    } else if (op instanceof MonitorOp.Send n) {
      send(s, n.vm(s), n.guestPage(), n.toVm(), n.toPage());
    } else if (op instanceof MonitorOp.Discard d) {
      unmap(s, d.vm(s), d.guestPage());
    } else if (op instanceof MonitorOp.Migrate m) {
      migrate(s, m.vm(), m.guestPage());
    } else if (op instanceof MonitorOp.Replicate r) {
      replicate(s, s.pmap[r.vm()][r.guestPage()], r.node());
    } else if (op instanceof MonitorOp.Collapse c) {
      collapse(s, s.pmap[c.vm()][c.guestPage()]);
    } else if (op instanceof MonitorOp.Crash c) {
      crash(s, c.vm());
    }
    return s;
  }

  // ---- guest accesses -----------------------------------------------------------------------------

  private Seen access(MonitorState s, int cpu, int vpn, boolean store, int value) {
    int vm = s.running[cpu];
    int asid = s.asid[vm];
    int slot = lookup(s.hardwareTlb[cpu], vpn, asid);
    long e;
    if (slot >= 0) {
      e = s.hardwareTlb[cpu][slot];
    } else {
      long refill = vpn == s.config.privilegedVpn() ? privilegedEntry(s, vm, asid) : refill(s, cpu, vm, vpn, asid);
      if (refill < 0) {
        return new Seen.GuestException(GuestTlbSpec.Fault.values()[(int) -refill - 1]);
      }
      e = refill;
      insertHardware(s, cpu, e);
    }
    if (vpn == s.config.privilegedVpn()) {
      if (!store) {
        return Seen.PRIVILEGED;
      }
      if (!MonitorState.writableOf(e)) {
        return new Seen.GuestException(GuestTlbSpec.Fault.TLB_MODIFIED);
      }
      s.contents[MonitorState.pageOf(e)] = value; // the guest overwrote its privileged registers
      return Seen.NOTHING;
    }
    if (!store) {
      return new Seen.Value(s.contents[MonitorState.pageOf(e)]);
    }
    if (!MonitorState.writableOf(e)) {
      GuestTlbSpec.Translation t = GuestTlbSpec.translate(s.guestTlb(vm, 0), vpn, true);
      if (t instanceof GuestTlbSpec.Faulted f) {
        return new Seen.GuestException(f.fault());
      }
      makeWritable(s, cpu, vm, ((GuestTlbSpec.Mapped) t).guestPage());
      e = refill(s, cpu, vm, vpn, asid);
      insertHardware(s, cpu, e);
    }
    int page = MonitorState.pageOf(e);
    s.contents[page] = value;
    s.entitled[page] = 1L << vm;
    return Seen.NOTHING;
  }

  private long privilegedEntry(MonitorState s, int vm, int asid) {
    return MonitorState.entry(s.config.privilegedVpn(), asid, s.config.privilegedPage(vm),
        has(MonitorFault.PRIVILEGED_PAGE_WRITABLE));
  }

  /**
   * The translation for a hardware TLB miss: from the L2TLB, or composed from the guest's TLB and
   * the pmap and then entered in the L2TLB. A guest TLB fault comes back as {@code -(ordinal+1)}.
   */
  private long refill(MonitorState s, int cpu, int vm, int vpn, int asid) {
    int l2 = s.l2Slot(vpn, asid);
    if (s.l2Tlb[vm][l2] != MonitorState.EMPTY) {
      return s.l2Tlb[vm][l2];
    }
    GuestTlbSpec.Translation t = GuestTlbSpec.translate(s.guestTlb(vm, 0), vpn, false);
    if (t instanceof GuestTlbSpec.Faulted f) {
      return -(f.fault().ordinal() + 1);
    }
    GuestTlbSpec.Mapped m = (GuestTlbSpec.Mapped) t;
    int gp = m.guestPage();
    if (s.pmap[vm][gp] == MonitorState.NONE) {
      map(s, vm, gp, allocate(s, s.config.nodeOfCpu(cpu)), true);
    }
    int page = localCopy(s, s.pmap[vm][gp], s.config.nodeOfCpu(cpu));
    long e = MonitorState.entry(vpn, asid, page, m.writable() && s.pmapWritable[vm][gp]);
    s.l2Tlb[vm][l2] = e;
    return e;
  }

  /** The replica of {@code page} on {@code node}, or {@code page} itself. */
  private static int localCopy(MonitorState s, int page, int node) {
    if (s.config.nodeOfPage(page) == node) {
      return page;
    }
    for (int p = s.config.firstPoolPage(); p < s.config.machinePages(); p++) {
      if (s.replicaOf[p] == page && s.config.nodeOfPage(p) == node) {
        return p;
      }
    }
    return page;
  }

  /** A store the guest allows through a read-only pmap entry: collapse, then break copy-on-write. */
  private void makeWritable(MonitorState s, int cpu, int vm, int gp) {
    int page = s.pmap[vm][gp];
    collapse(s, page);
    if (shared(s, page)) {
      int copy = allocate(s, s.config.nodeOfCpu(cpu));
      s.contents[copy] = s.contents[page];
      s.entitled[copy] = s.entitled[page];
      unmap(s, vm, gp);
      map(s, vm, gp, copy, true);
    } else {
      s.pmapWritable[vm][gp] = true;
      shootdown(s, page, true, true);
    }
  }

  private static boolean shared(MonitorState s, int page) {
    if (s.memmap[page].length > 1) {
      return true;
    }
    for (int p : s.diskCache) {
      if (p == page) {
        return true;
      }
    }
    return false;
  }

  // ---- the guest's TLB instructions ---------------------------------------------------------------

  private Seen guestTlb(MonitorState s, int cpu, GuestTlbSpec.Op op) {
    int vm = s.running[cpu];
    GuestTlbSpec.Entry[] tlb = s.guestTlb[vm];
    if (op instanceof GuestTlbSpec.Probe p) {
      return new Seen.ProbeIndex(s.guestTlb(vm, 0).probe(p.vpn()));
    } else if (op instanceof GuestTlbSpec.Read r) {
      return new Seen.EntryRead(tlb[r.index()]);
    } else if (op instanceof GuestTlbSpec.SetAsid a) {
      s.asid[vm] = a.asid();
      return Seen.NOTHING;
    }
    int index;
    GuestTlbSpec.Entry entry;
    if (op instanceof GuestTlbSpec.WriteIndexed w) {
      index = w.index();
      entry = w.entry();
    } else {
      entry = ((GuestTlbSpec.WriteRandom) op).entry();
      index = s.nextRandom[vm];
      s.nextRandom[vm] = (index + 1) % tlb.length;
    }
    if (GuestTlbSpec.duplicates(s.guestTlb(vm, 0), index, entry)) {
      return new Seen.GuestException(GuestTlbSpec.Fault.MACHINE_CHECK);
    }
    forget(s, cpu, vm, tlb[index]);
    tlb[index] = entry;
    forget(s, cpu, vm, entry);
    return Seen.NOTHING;
  }

  /** Drops the translations a changed virtual TLB entry may have fed. */
  private static void forget(MonitorState s, int cpu, int vm, GuestTlbSpec.Entry e) {
    if (e.vpn() < 0) {
      return;
    }
    for (int a = 0; a < s.config.asids(); a++) {
      if (e.global() || a == e.asid()) {
        s.l2Tlb[vm][s.l2Slot(e.vpn(), a)] = MonitorState.EMPTY;
        long[] hw = s.hardwareTlb[cpu];
        for (int i = 0; i < hw.length; i++) {
          if (hw[i] != MonitorState.EMPTY && MonitorState.vpnOf(hw[i]) == e.vpn() && MonitorState.asidOf(hw[i]) == a) {
            hw[i] = MonitorState.EMPTY;
          }
        }
      }
    }
  }

  // ---- disks and the network ----------------------------------------------------------------------

  private void diskRead(MonitorState s, int vm, int gp, int block) {
    int page = s.diskCache[block];
    if (page == MonitorState.NONE) {
      page = allocate(s, 0);
      s.contents[page] = s.config.disk().get(block);
      s.entitled[page] = MonitorState.EVERYONE;
      s.diskCache[block] = page;
      s.refCount[page]++;
    }
    if (s.pmap[vm][gp] == page) {
      return;
    }
    unmap(s, vm, gp);
    map(s, vm, gp, page, has(MonitorFault.COW_LEFT_WRITABLE));
  }

  private void dmaRead(MonitorState s, int vm, int gp, int block) {
    int page = s.pmap[vm][gp];
    if (page == MonitorState.NONE || (shared(s, page) && !has(MonitorFault.DMA_UNCHECKED))) {
      unmap(s, vm, gp);
      page = allocate(s, 0);
      map(s, vm, gp, page, true);
    } else if (!has(MonitorFault.DMA_UNCHECKED)) {
      collapse(s, page);
      s.pmapWritable[vm][gp] = true;
    }
    s.contents[page] = s.config.disk().get(block);
    s.entitled[page] = MonitorState.EVERYONE;
    s.lastDma = new int[] {vm, gp, page};
  }

  private void send(MonitorState s, int vm, int gp, int toVm, int toPage) {
    if (s.pmap[vm][gp] == MonitorState.NONE) {
      map(s, vm, gp, allocate(s, 0), true);
    }
    int page = s.pmap[vm][gp];
    if (s.pmap[toVm][toPage] == page) {
      return;
    }
    s.pmapWritable[vm][gp] = false;
    shootdown(s, page, true, true);
    unmap(s, toVm, toPage);
    map(s, toVm, toPage, page, false);
    if (has(MonitorFault.REFCOUNT_OFF_BY_ONE)) {
      s.refCount[page]--;
    }
    s.entitled[page] |= 1L << toVm;
  }

  // ---- placement ----------------------------------------------------------------------------------

  private void migrate(MonitorState s, int vm, int gp) {
    int old = s.pmap[vm][gp];
    int page = allocate(s, (s.config.nodeOfPage(old) + 1) % s.config.nodes());
    s.contents[page] = s.contents[old];
    s.entitled[page] = s.entitled[old];
    boolean writable = s.pmapWritable[vm][gp];
    shootdown(s, old, !has(MonitorFault.FORGOTTEN_SHOOTDOWN), !has(MonitorFault.L2TLB_NOT_FLUSHED));
    removeBackMapping(s, old, s.key(vm, gp));
    s.refCount[old]--;
    s.pmap[vm][gp] = MonitorState.NONE;
    release(s, old);
    map(s, vm, gp, page, writable);
  }

  private void replicate(MonitorState s, int page, int node) {
    for (int k : s.memmap[page]) {
      s.pmapWritable[k / s.config.guestPages()][k % s.config.guestPages()] = false;
    }
    shootdown(s, page, true, true);
    int copy = allocate(s, node);
    s.contents[copy] = s.contents[page];
    s.entitled[copy] = s.entitled[page];
    s.replicaOf[copy] = page;
    s.refCount[copy] = 1;
  }

  private void collapse(MonitorState s, int page) {
    for (int p = s.config.firstPoolPage(); p < s.config.machinePages(); p++) {
      if (s.replicaOf[p] == page) {
        shootdown(s, p, true, true);
        s.refCount[p] = 0;
        release(s, p);
      }
    }
  }

  private void crash(MonitorState s, int vm) {
    for (int gp = 0; gp < s.config.guestPages(); gp++) {
      unmap(s, vm, gp);
    }
    for (int cpu = 0; cpu < s.config.cpus(); cpu++) {
      if (s.running[cpu] == vm) {
        s.running[cpu] = MonitorState.NONE;
        Arrays.fill(s.hardwareTlb[cpu], MonitorState.EMPTY);
      }
    }
    Arrays.fill(s.guestTlb[vm], GuestTlbSpec.Entry.EMPTY);
    Arrays.fill(s.l2Tlb[vm], MonitorState.EMPTY);
    s.asid[vm] = 0;
    s.nextRandom[vm] = 0;
    s.alive[vm] = false;
  }

  // ---- pmap, memmap and the free list -------------------------------------------------------------

  private static void map(MonitorState s, int vm, int gp, int page, boolean writable) {
    s.pmap[vm][gp] = page;
    s.pmapWritable[vm][gp] = writable;
    s.refCount[page]++;
    int[] old = s.memmap[page];
    int[] row = Arrays.copyOf(old, old.length + 1);
    row[old.length] = s.key(vm, gp);
    Arrays.sort(row);
    s.memmap[page] = row;
  }

  /** Drops {@code vm}'s mapping of {@code gp}, shooting down its translations and freeing the page if unused. */
  private void unmap(MonitorState s, int vm, int gp) {
    int page = s.pmap[vm][gp];
    if (page == MonitorState.NONE) {
      return;
    }
    shootdown(s, page, true, true);
    for (int p = s.config.firstPoolPage(); p < s.config.machinePages(); p++) {
      if (s.replicaOf[p] == page) {
        shootdown(s, p, true, true);
      }
    }
    s.pmap[vm][gp] = MonitorState.NONE;
    s.pmapWritable[vm][gp] = false;
    removeBackMapping(s, page, s.key(vm, gp));
    s.refCount[page]--;
    if (s.refCount[page] <= 0 && s.memmap[page].length == 0) {
      collapse(s, page);
      s.refCount[page] = 0;
      release(s, page);
    }
  }

  private static void removeBackMapping(MonitorState s, int page, int key) {
    int[] row = s.memmap[page];
    int[] out = new int[Math.max(0, row.length - 1)];
    int n = 0;
    for (int k : row) {
      if (k != key && n < out.length) {
        out[n++] = k;
      }
    }
    s.memmap[page] = out;
  }

  /** The lowest free page on {@code node}, or else the lowest free page; zeroed when it was freed. */
  private static int allocate(MonitorState s, int node) {
    int any = MonitorState.NONE;
    for (int p = s.config.firstPoolPage(); p < s.config.machinePages(); p++) {
      if (s.free[p]) {
        if (s.config.nodeOfPage(p) == node) {
          any = p;
          break;
        }
        if (any == MonitorState.NONE) {
          any = p;
        }
      }
    }
    if (any == MonitorState.NONE) {
      throw new IllegalStateException("out of machine memory");
    }
    s.free[any] = false;
    s.freeCount--;
    return any;
  }

  /** Puts a page back on the free list, zeroed (unless the fault forgets). */
  private void release(MonitorState s, int page) {
    if (!has(MonitorFault.UNZEROED_FREE)) {
      s.contents[page] = 0;
      s.entitled[page] = MonitorState.EVERYONE;
    }
    s.replicaOf[page] = MonitorState.NONE;
    s.free[page] = true;
    s.freeCount++;
  }

  /** Drops every hardware TLB entry (if {@code hardware}) and L2TLB entry (if {@code l2}) naming {@code page}. */
  private static void shootdown(MonitorState s, int page, boolean hardware, boolean l2) {
    if (hardware) {
      for (long[] tlb : s.hardwareTlb) {
        drop(tlb, page);
      }
    }
    if (l2) {
      for (long[] tlb : s.l2Tlb) {
        drop(tlb, page);
      }
    }
  }

  private static void drop(long[] tlb, int page) {
    for (int i = 0; i < tlb.length; i++) {
      if (tlb[i] != MonitorState.EMPTY && MonitorState.pageOf(tlb[i]) == page) {
        tlb[i] = MonitorState.EMPTY;
      }
    }
  }

  private static int lookup(long[] tlb, int vpn, int asid) {
    for (int i = 0; i < tlb.length; i++) {
      long e = tlb[i];
      if (e != MonitorState.EMPTY && MonitorState.vpnOf(e) == vpn && MonitorState.asidOf(e) == asid) {
        return i;
      }
    }
    return -1;
  }

  private static void insertHardware(MonitorState s, int cpu, long e) {
    long[] tlb = s.hardwareTlb[cpu];
    int victim = s.nextVictim[cpu];
    for (int i = 0; i < tlb.length; i++) {
      if (tlb[i] == MonitorState.EMPTY) {
        victim = i;
        break;
      }
    }
    tlb[victim] = e;
    s.nextVictim[cpu] = (victim + 1) % tlb.length;
  }
}
