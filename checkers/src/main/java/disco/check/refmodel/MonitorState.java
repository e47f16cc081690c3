package disco.check.refmodel;

import disco.spec.model.GuestTlbSpec;
import disco.spec.model.GuestViewSpec;
import disco.spec.refine.Abstraction;
import disco.spec.model.Seen;
import disco.spec.observe.MonitorView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.checkerframework.checker.nullness.qual.MonotonicNonNull;

/**
 * The abstract monitor's data, as plain arrays: the pmap, memmap, reference counts and free list,
 * machine memory (one value per page), the global disk cache, replicas, each processor's hardware
 * TLB, each virtual CPU's L2TLB and virtual TLB. It answers {@link MonitorView} from them.
 *
 * <p>{@link Monitor} copies a state and changes the copy; a state handed out is never changed
 * again, so states are values for the explorer.
 */
public final class MonitorState implements MonitorView {
  static final int NONE = -1;
  static final long EVERYONE = -1L;

  final MonitorConfig config;
  // per processor
  final int[] running;
  /** Hardware TLB slots, {@link #EMPTY} or {@link #entry}. */
  final long[][] hardwareTlb;
  final int[] nextVictim;
  // per virtual machine
  final boolean[] alive;
  final int[] asid;
  final GuestTlbSpec.Entry[][] guestTlb;
  final int[] nextRandom;
  final int[][] pmap;
  final boolean[][] pmapWritable;
  /** L2TLB slot per (vpn, asid): {@link #EMPTY} or {@link #entry}. */
  final long[][] l2Tlb;
  // per machine page
  final boolean[] free;
  final int[] refCount;
  final int[] contents;
  final long[] entitled;
  final int[] replicaOf;
  /** Back-mappings, ascending, each {@code vm * guestPages + guestPage}. */
  final int[][] memmap;
  int freeCount;
  // the disk cache, and the step's observations
  final int[] diskCache;
  int[] lastDma = {};
  Seen lastSeen = Seen.NOTHING;
  /** The abstraction of this state, computed once: every transition from it needs it. */
  private GuestViewSpec.@MonotonicNonNull State abstraction;

  static final long EMPTY = 0;

  MonitorState(MonitorConfig c) {
    config = c;
    running = new int[c.cpus()];
    for (int cpu = 0; cpu < c.cpus(); cpu++) {
      running[cpu] = cpu < c.vms() ? cpu : NONE;
    }
    hardwareTlb = new long[c.cpus()][c.hardwareTlbEntries()];
    nextVictim = new int[c.cpus()];
    alive = new boolean[c.vms()];
    Arrays.fill(alive, true);
    asid = new int[c.vms()];
    guestTlb = new GuestTlbSpec.Entry[c.vms()][c.tlbEntries()];
    for (GuestTlbSpec.Entry[] t : guestTlb) {
      Arrays.fill(t, GuestTlbSpec.Entry.EMPTY);
    }
    nextRandom = new int[c.vms()];
    pmap = new int[c.vms()][c.guestPages()];
    for (int[] p : pmap) {
      Arrays.fill(p, NONE);
    }
    pmapWritable = new boolean[c.vms()][c.guestPages()];
    l2Tlb = new long[c.vms()][(c.vpns() + 1) * c.asids()];
    int m = c.machinePages();
    free = new boolean[m];
    refCount = new int[m];
    contents = new int[m];
    entitled = new long[m];
    replicaOf = new int[m];
    memmap = new int[m][];
    Arrays.fill(replicaOf, NONE);
    Arrays.fill(entitled, EVERYONE);
    for (int p = 0; p < m; p++) {
      memmap[p] = new int[0];
      free[p] = p >= c.firstPoolPage();
    }
    freeCount = m - c.firstPoolPage();
    diskCache = new int[c.disk().size()];
    Arrays.fill(diskCache, NONE);
  }

  private MonitorState(MonitorState s) {
    config = s.config;
    running = s.running.clone();
    hardwareTlb = deep(s.hardwareTlb);
    nextVictim = s.nextVictim.clone();
    alive = s.alive.clone();
    asid = s.asid.clone();
    guestTlb = new GuestTlbSpec.Entry[s.guestTlb.length][];
    for (int i = 0; i < guestTlb.length; i++) {
      guestTlb[i] = s.guestTlb[i].clone();
    }
    nextRandom = s.nextRandom.clone();
    pmap = new int[s.pmap.length][];
    pmapWritable = new boolean[s.pmap.length][];
    for (int i = 0; i < pmap.length; i++) {
      pmap[i] = s.pmap[i].clone();
      pmapWritable[i] = s.pmapWritable[i].clone();
    }
    l2Tlb = deep(s.l2Tlb);
    free = s.free.clone();
    refCount = s.refCount.clone();
    contents = s.contents.clone();
    entitled = s.entitled.clone();
    replicaOf = s.replicaOf.clone();
    memmap = s.memmap.clone(); // rows are replaced, never changed in place
    freeCount = s.freeCount;
    diskCache = s.diskCache.clone();
    lastDma = s.lastDma;
  }

  MonitorState copy() {
    return new MonitorState(this);
  }

  private static long[][] deep(long[][] a) {
    long[][] out = new long[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }

  // ---- TLB entry encoding: vpn, asid, machine page, writable ---------------------------------------

  static long entry(int vpn, int asid, int page, boolean writable) {
    return 1L | (long) vpn << 1 | (long) asid << 17 | (long) page << 33 | (writable ? 1L << 62 : 0);
  }

  static int vpnOf(long e) {
    return (int) (e >>> 1) & 0xffff;
  }

  static int asidOf(long e) {
    return (int) (e >>> 17) & 0xffff;
  }

  static int pageOf(long e) {
    return (int) (e >>> 33) & 0x1fffffff;
  }

  static boolean writableOf(long e) {
    return (e & 1L << 62) != 0;
  }

  int l2Slot(int vpn, int a) {
    return vpn * config.asids() + a;
  }

  int key(int vm, int guestPage) {
    return vm * config.guestPages() + guestPage;
  }

  // ---- MonitorView ----------------------------------------------------------------------------------

  @Override
  public Shape shape() {
    return config.shape();
  }

  @Override
  public boolean running(int vm) {
    return alive[vm];
  }

  @Override
  public Optional<VcpuId> onCpu(int cpu) {
    return running[cpu] == NONE ? Optional.empty() : Optional.of(new VcpuId(running[cpu], 0));
  }

  @Override
  public int nodeOfCpu(int cpu) {
    return config.nodeOfCpu(cpu);
  }

  @Override
  public int nodeOfPage(int machinePage) {
    return config.nodeOfPage(machinePage);
  }

  @Override
  public Optional<PmapEntry> pmap(int vm, int guestPage) {
    int p = pmap[vm][guestPage];
    return p == NONE ? Optional.empty() : Optional.of(new PmapEntry(p, pmapWritable[vm][guestPage]));
  }

  @Override
  public List<BackMapping> memmap(int machinePage) {
    List<BackMapping> out = new ArrayList<>();
    for (int k : memmap[machinePage]) {
      out.add(new BackMapping(k / config.guestPages(), k % config.guestPages()));
    }
    return out;
  }

  @Override
  public int refCount(int machinePage) {
    return refCount[machinePage];
  }

  @Override
  public Role role(int machinePage) {
    if (machinePage == 0) {
      return Role.MONITOR;
    }
    if (machinePage < config.firstPoolPage()) {
      return Role.PRIVILEGED_REGISTERS;
    }
    return free[machinePage] ? Role.FREE : Role.GUEST;
  }

  @Override
  public int privilegedPageOwner(int machinePage) {
    return machinePage >= 1 && machinePage < config.firstPoolPage() ? machinePage - 1 : NONE;
  }

  @Override
  public int freeCount() {
    return freeCount;
  }

  @Override
  public int contents(int machinePage) {
    return contents[machinePage];
  }

  @Override
  public long entitledReaders(int machinePage) {
    return entitled[machinePage];
  }

  @Override
  public int replicaOf(int machinePage) {
    return replicaOf[machinePage];
  }

  @Override
  public OptionalInt diskCachePage(int block) {
    return diskCache[block] == NONE ? OptionalInt.empty() : OptionalInt.of(diskCache[block]);
  }

  @Override
  public int diskBlock(int block) {
    return config.disk().get(block);
  }

  @Override
  public List<Translation> hardwareTlb(int cpu) {
    return translations(hardwareTlb[cpu]);
  }

  @Override
  public List<Translation> l2Tlb(int vm, int vcpu) {
    return translations(l2Tlb[vm]);
  }

  private static List<Translation> translations(long[] slots) {
    List<Translation> out = new ArrayList<>();
    for (long e : slots) {
      if (e != EMPTY) {
        out.add(new Translation(vpnOf(e), asidOf(e), pageOf(e), writableOf(e)));
      }
    }
    return out;
  }

  @Override
  public GuestTlbSpec.State guestTlb(int vm, int vcpu) {
    return new GuestTlbSpec.State(Arrays.asList(guestTlb[vm]), asid[vm], 0);
  }

  @Override
  public Optional<Dma> lastDma() {
    return lastDma.length == 0 ? Optional.empty() : Optional.of(new Dma(lastDma[0], lastDma[1], lastDma[2]));
  }

  /** This state seen through the abstraction function (computed once; the state never changes after). */
  public GuestViewSpec.State abstraction() {
    if (abstraction == null) {
      abstraction = Abstraction.of(this);
    }
    return abstraction;
  }

  /** What the guest saw from the operation that produced this state. */
  public Seen lastSeen() {
    return lastSeen;
  }
}
