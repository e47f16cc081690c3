package disco.check.wiring;

import disco.check.engine.Harness;
import disco.check.engine.LongList;
import disco.check.engine.TransitionCheck;
import disco.hw.port.CpuPort;
import disco.hw.port.TlbEntry;
import disco.monitor.Disco;
import disco.monitor.InvalidScenarioException;
import disco.monitor.MonitorInterface;
import disco.monitor.trap.SeededFault;
import disco.monitor.cpu.VirtualCp0;
import disco.monitor.cpu.VirtualCpu;
import disco.monitor.cpu.VirtualMachine;
import disco.monitor.mem.MachinePages;
import disco.monitor.observe.ReferenceInvariants;
import disco.monitor.observe.ReferenceMonitorView;
import disco.monitor.observe.ReferenceView;
import disco.monitor.operate.DrivenScenario;
import disco.monitor.operate.GuestOperation;
import disco.monitor.operate.OperationDriver;
import disco.monitor.operate.OperationResult;
import disco.spec.addr.Addresses;
import disco.spec.addr.MachineAddr;
import disco.spec.invariant.Invariant;
import disco.spec.model.GuestTlbSpec;
import disco.spec.model.GuestViewSpec;
import disco.spec.model.MemorySpec;
import disco.spec.model.Seen;
import disco.spec.refine.Abstraction;
import disco.spec.refine.Refinement;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The reference monitor itself as a harness, driven through its operation-level API
 * ({@link OperationDriver}): a small machine (one processor per node, hardware TLBs and guest TLBs
 * of {@code tlbEntries} pairs, L2TLBs of {@code l2tlbEntries}), VMs of one vCPU and 1 MB with no
 * kernel, of which the operations touch the first {@code guestPages} pages. At each state the
 * running vCPU of each processor may load or store through the supervisor physical window and
 * through useg pages 0 and 1, read and store the privileged-register page, read a disk sector into
 * one of its pages or past its memory, write its TLB (pair 0/1 at any index, naming any of its
 * pages, dirty or not), change its ASID, and return from an exception; a runnable vCPU that does not
 * run may be switched to. Data accesses are offered only outside the guest's exception handler
 * (virtual EXL clear), where a guest's TLB fault is told by its vector, as the spec tells it.
 *
 * <p>A Disco is not a value, so a state is the operations that reach it from the initial state,
 * plus what was computed when it was reached (its encoding, abstraction, invariant verdicts and
 * enabled operations); a step restores the initial snapshot ({@link Disco#snapshot}), replays the
 * path and performs one more operation.
 *
 * <p>Checked at every state: {@link ReferenceInvariants#CHECKED} over {@link ReferenceMonitorView};
 * at every transition: refinement of {@link GuestViewSpec} through {@link Abstraction}, with a
 * page's abstract value its first word (every store writes that word, a disk sector is read into a
 * page's start) and the disk's one block the first word of sector 0.
 *
 * <p>The encoding holds all that decides the future of the operations offered: each VM's pmap over
 * the driven pages and whether it runs; each vCPU's state, PC, virtual CP0 with the guest's TLB,
 * and L2TLB; each processor's current and last vCPU, hardware TLB, Random, EntryHi and Status;
 * every machine page's owner and memmap entry; and every non-zero word of machine memory. Left
 * out, and why it may be: cycle counts and the scheduler's time marks (the driven scenario's slice
 * and watchdog never expire and no interrupt is taken), statistics, and the caches (off).
 */
public final class ReferenceHarness implements Harness<ReferenceHarness.State, GuestOperation> {
  /** The size of the harness. */
  public record Config(int nodes, int tlbEntries, int l2tlbEntries, int guestPages, List<Integer> vmNodes,
      boolean disk) {
    public Config {
      vmNodes = List.copyOf(vmNodes);
    }

    /**
     * The default: 2 nodes, 2 VMs of 1 vCPU sharing processor 0, 3 guest pages, 2-pair TLBs, 2-entry
     * L2TLBs, a disk.
     */
    public static Config small() {
      return new Config(2, 2, 2, 3, List.of(0, 0), true);
    }

    /**
     * The large configuration for property tests: 4 nodes, 8 VMs of 1 vCPU, two on each processor,
     * 8 guest pages each, 4-pair TLBs, 4-entry L2TLBs, a disk.
     */
    public static Config large() {
      return new Config(4, 4, 4, 8, List.of(0, 0, 1, 1, 2, 2, 3, 3), true);
    }

    /** Without a disk (no file is opened: Java PathFinder models no file system). */
    public Config withoutDisk() {
      return new Config(nodes, tlbEntries, l2tlbEntries, guestPages, vmNodes, false);
    }
  }

  /**
   * A state: the path of operations from the initial state, and what was found when it was
   * reached.
   */
  public record State(List<GuestOperation> path, long[] encoding, GuestViewSpec.State abstraction,
      Map<String, List<String>> violations, List<GuestOperation> enabled, Seen lastSeen) {}

  static final int WINDOW = MonitorInterface.PHYS_BASE;
  static final int PRIV = MonitorInterface.PRIV_PAGE;
  /** The disk's first word: the value the spec's one disk block holds. */
  static final int DISK_WORD = 0x0d15_c000;

  private final Config config;
  private final Disco disco;
  private final OperationDriver driver;
  /** The reference's own view, over which the invariants are checked. */
  private final ReferenceView view;
  /** The view the abstraction function reads (see {@link DrivenView}). */
  private final ReferenceView driven;
  /** The initial state, restored before a path is replayed; null when live. */
  private final Disco.@Nullable Snapshot start;
  /**
   * Live: each step continues from the live Disco as the last step left it, for a driver that walks
   * one path and backtracks by itself, as Java PathFinder does on its own heap.
   */
  private final boolean live;
  private final GuestViewSpec.Shape shape;

  public ReferenceHarness(Config config) {
    this(config, Set.of());
  }

  /** The harness over a monitor with the seeded faults {@code faults} switched on. */
  public ReferenceHarness(Config config, Set<SeededFault> faults) {
    this(config, faults, false);
  }

  private ReferenceHarness(Config config, Set<SeededFault> faults, boolean live) {
    this(config, faults, live, !live);
  }

  /**
   * @param live each step continues from the live Disco (no replay)
   * @param snapshot whether the initial state is snapshot, so that {@link #initial} restores it
   *     (a live harness driven along one path after another, as a property's chains are)
   */
  private ReferenceHarness(Config config, Set<SeededFault> faults, boolean live, boolean snapshot) {
    this.config = config;
    this.live = live;
    try {
      Path disk = config.disk() ? diskImage() : null;
      disco = Disco.boot(DrivenScenario.of(config.nodes(), config.tlbEntries(), config.l2tlbEntries(),
          config.vmNodes(), disk), OutputStream.nullOutputStream(), faults);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InvalidScenarioException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    driver = new OperationDriver(disco);
    // Every vCPU leaves its reset state (BEV, ERL) for kernel mode with interrupts off, as a
    // guest kernel does first; its CPU is given back to the vCPU that had it.
    for (VirtualMachine vm : disco.vms()) {
      VirtualCpu v = vm.vcpus().get(0);
      VirtualCpu before = disco.dispatcher().current(v.physicalCpu());
      if (before != v) {
        driver.perform(new GuestOperation.Switch(vm.id(), 0));
      }
      driver.perform(new GuestOperation.Mtc0(vm.id(), 0, 12, 0));
      if (before != null && before != v) {
        driver.perform(new GuestOperation.Switch(before.vm(), before.number()));
      }
    }
    start = snapshot ? disco.snapshot() : null;
    view = new ReferenceMonitorView(disco);
    driven = new DrivenView(view, disco.port().machine().memory(), (config.guestPages() + 1) & ~1);
    shape = driven.shape().guestView();
  }

  /** A disk of one page whose words count up from {@link #DISK_WORD}, in a temporary file. */
  private static Path diskImage() throws IOException {
    Path disk = Files.createTempFile("disco-check-disk", ".img");
    disk.toFile().deleteOnExit();
    ByteBuffer b = ByteBuffer.allocate(4096);
    for (int i = 0; i < 1024; i++) {
      b.putInt(DISK_WORD + i);
    }
    Files.write(disk, b.array());
    return disk;
  }

  public Config config() {
    return config;
  }

  /**
   * The small configuration without a disk, live (see {@link #live}): for Java PathFinder, which
   * models no file system and backtracks the heap itself. The initial state may be taken once.
   */
  public static ReferenceHarness liveWithoutDisk(java.util.Optional<String> fault) {
    return new ReferenceHarness(Config.small().withoutDisk(),
        fault.map(f -> Set.of(SeededFault.valueOf(f))).orElse(Set.of()), true);
  }

  /**
   * A live harness of {@code config} that restores its initial state at {@link #initial}: for
   * drivers that walk one path at a time from the start, such as a property test's action chains
   * (each step continues from the live Disco, so a chain of n steps costs n operations).
   */
  public static ReferenceHarness sequential(Config config) {
    return sequential(config, java.util.Optional.empty());
  }

  /** {@link #sequential(Config)} with the seeded fault named. */
  public static ReferenceHarness sequential(Config config, java.util.Optional<String> fault) {
    return new ReferenceHarness(config, fault.map(f -> Set.of(SeededFault.valueOf(f))).orElse(Set.of()), true, true);
  }

  /** The small configuration without a disk, as {@link #liveWithoutDisk} but replayed (for the Explorer). */
  public static ReferenceHarness withoutDisk(java.util.Optional<String> fault) {
    return new ReferenceHarness(Config.small().withoutDisk(),
        fault.map(f -> Set.of(SeededFault.valueOf(f))).orElse(Set.of()), false);
  }

  /** The small configuration, unfaulted or with the seeded fault named. */
  public static ReferenceHarness small(java.util.Optional<String> fault) {
    return new ReferenceHarness(Config.small(), fault.map(f -> Set.of(SeededFault.valueOf(f))).orElse(Set.of()));
  }

  /** The seeded faults of the monitor, by name, with what each breaks. */
  public static SortedMap<String, String> faultNames() {
    SortedMap<String, String> out = new TreeMap<>();
    for (SeededFault f : SeededFault.values()) {
      out.put(f.name(), f.description());
    }
    return out;
  }

  /**
   * The guest pages that can have machine pages: those the operations name, rounded up to whole
   * even/odd pairs, since a fill of the supervisor window maps both pages of a pair.
   */
  int mappedPages() {
    return (config.guestPages() + 1) & ~1;
  }

  @Override
  public String name() {
    return "reference";
  }

  @Override
  public State initial() {
    restoreStart();
    return observe(List.of(), Seen.NOTHING);
  }

  @Override
  public List<GuestOperation> enabled(State s) {
    return s.enabled();
  }

  @Override
  public State step(State s, GuestOperation op) {
    replay(s.path());
    OperationResult r = driver.perform(op);
    List<GuestOperation> path = new ArrayList<>(s.path());
    path.add(op);
    return observe(List.copyOf(path), seen(op, r));
  }

  /** Puts the live Disco in the state at the end of {@code path}. */
  private void replay(List<GuestOperation> path) {
    if (live) {
      return;
    }
    restoreStart();
    for (GuestOperation o : path) {
      driver.perform(o);
    }
  }

  private void restoreStart() {
    Disco.Snapshot s = start;
    if (s != null) {
      disco.restore(s);
    }
  }

  private State observe(List<GuestOperation> path, Seen seen) {
    Map<String, List<String>> violations = new LinkedHashMap<>();
    for (Invariant<ReferenceView> i : ReferenceInvariants.CHECKED) {
      violations.put(i.id(), i.violations(view));
    }
    return new State(path, encode(), Abstraction.of(driven), violations, offered(), seen);
  }

  // ---- the operations offered ----------------------------------------------------------------

  private List<GuestOperation> offered() {
    List<GuestOperation> out = new ArrayList<>();
    for (VirtualMachine vm : disco.vms()) {
      int id = vm.id();
      VirtualCpu v = vm.vcpus().get(0);
      GuestOperation.Switch sw = new GuestOperation.Switch(id, 0);
      if (driver.enabled(sw)) {
        out.add(sw);
      }
      if (!driver.runs(id, 0)) {
        continue;
      }
      VirtualCp0 cp0 = v.cp0();
      boolean handler = (cp0.status() & VirtualCp0.ST_EXL) != 0;
      if (handler) {
        out.add(new GuestOperation.Eret(id, 0));
      } else {
        for (int g = 0; g < config.guestPages(); g++) {
          out.add(new GuestOperation.Load(id, 0, WINDOW + (g << 12)));
          out.add(new GuestOperation.Store(id, 0, WINDOW + (g << 12), id + 1));
        }
        for (int va : new int[] {0, 0x1000}) {
          out.add(new GuestOperation.Load(id, 0, va));
          out.add(new GuestOperation.Store(id, 0, va, id + 1));
        }
        out.add(new GuestOperation.Load(id, 0, PRIV));
        out.add(new GuestOperation.Store(id, 0, PRIV, id + 1));
        if (config.disk()) {
          for (int g = 1; g < config.guestPages(); g++) {
            out.add(diskRead(id, g << 12));
          }
          out.add(diskRead(id, (int) vm.memoryBytes()));
        }
      }
      int asid = cp0.asid();
      for (int i = 0; i < config.tlbEntries(); i++) {
        for (int g = 0; g < config.guestPages(); g++) {
          out.add(new GuestOperation.TlbWrite(id, 0, i, asid, lo(g, true), 0));
        }
        out.add(new GuestOperation.TlbWrite(id, 0, i, asid, lo(0, false), 0));
      }
      out.add(new GuestOperation.Mtc0(id, 0, 10, asid ^ 1));
    }
    return out;
  }

  private static GuestOperation diskRead(int vm, int gpa) {
    return new GuestOperation.MonitorCall(vm, 0, MonitorInterface.MC_DISK_READ, 0, 0, 1, gpa);
  }

  /** EntryLo naming guest page {@code gpn}: cacheable, valid, dirty if {@code dirty}. */
  static int lo(int gpn, boolean dirty) {
    return gpn << 6 | 3 << 3 | (dirty ? 4 : 0) | 2;
  }

  @Override
  public String label(GuestOperation op) {
    String who = "vm" + op.vm();
    if (op instanceof GuestOperation.Load l) {
      return who + " load " + where(l.va());
    } else if (op instanceof GuestOperation.Store s) {
      return who + " store " + s.value() + " to " + where(s.va());
    } else if (op instanceof GuestOperation.TlbWrite w) {
      return String.format("%s tlbwi [%d] hi=0x%x lo0=0x%x lo1=0x%x", who, w.index(), w.entryHi(), w.entryLo0(),
          w.entryLo1());
    } else if (op instanceof GuestOperation.Mtc0 m) {
      return String.format("%s mtc0 $%d = 0x%x", who, m.register(), m.value());
    } else if (op instanceof GuestOperation.MonitorCall c) {
      return String.format("%s disk read sector %d to pa 0x%x", who, c.a1(), c.a3());
    } else if (op instanceof GuestOperation.Eret) {
      return who + " eret";
    }
    return "switch to " + who;
  }

  private static String where(int va) {
    if (va == PRIV) {
      return "the privileged-register page";
    }
    return va - WINDOW >= 0 && va - WINDOW < 0x2000_0000 ? String.format("pa 0x%x", va - WINDOW)
        : String.format("va 0x%x", va);
  }

  // ---- what the guest saw, in the spec's terms ---------------------------------------------------

  /**
   * The spec's observation of {@code r}. A fault the guest's handler receives is told, as a guest
   * tells it, by ExcCode and vector: TLBL/TLBS at the refill vector is a refill, at the general
   * vector an invalid entry, Mod a store through a clean entry, MCheck a TLB write duplicating an
   * entry. A store to the privileged-register
   * page is reflected as an Address Error (docs/monitor-interface.md), the reference's way of the
   * spec's refused store (TLB Modified): the spec has one fault for it, so both are that fault.
   */
  private Seen seen(GuestOperation op, OperationResult r) {
    if (r.stopReason() != null) {
      return Seen.STOPPED;
    }
    if (op instanceof GuestOperation.Load l && r.completed()) {
      return l.va() == PRIV ? Seen.PRIVILEGED : new Seen.Value(r.value().orElseThrow());
    }
    if (r.completed() || r.excCode() < 0) {
      return Seen.NOTHING;
    }
    int ebase = disco.vms().get(op.vm()).vcpus().get(op.vcpu()).cp0().ebase() & 0xffff_f000;
    return switch (r.excCode()) {
      case 1 -> new Seen.GuestException(GuestTlbSpec.Fault.TLB_MODIFIED);
      case 2, 3 -> new Seen.GuestException(r.vector() == ebase ? GuestTlbSpec.Fault.TLB_REFILL
          : GuestTlbSpec.Fault.TLB_INVALID);
      case 5 -> new Seen.GuestException(GuestTlbSpec.Fault.TLB_MODIFIED);
      case 24 -> new Seen.GuestException(GuestTlbSpec.Fault.MACHINE_CHECK);
      default -> throw new IllegalStateException(label(op) + " raised ExcCode " + r.excCode()
          + ", which no operation offered should");
    };
  }

  /** The spec's operations for {@code op}, in order; empty for a step no guest can see. */
  static List<GuestViewSpec.Op> specOps(GuestOperation op) {
    int vm = op.vm();
    if (op instanceof GuestOperation.Load l) {
      return List.of(inWindow(l.va()) ? new GuestViewSpec.Memory(new MemorySpec.Read(vm, (l.va() - WINDOW) >>> 12))
          : new GuestViewSpec.Load(vm, op.vcpu(), l.va() >>> 12));
    } else if (op instanceof GuestOperation.Store s) {
      return List.of(inWindow(s.va())
          ? new GuestViewSpec.Memory(new MemorySpec.Write(vm, (s.va() - WINDOW) >>> 12, s.value()))
          : new GuestViewSpec.Store(vm, op.vcpu(), s.va() >>> 12, s.value()));
    } else if (op instanceof GuestOperation.TlbWrite w) {
      List<GuestViewSpec.Op> out = new ArrayList<>();
      int[] lo = {w.entryLo0(), w.entryLo1()};
      boolean global = (lo[0] & lo[1] & 1) != 0;
      for (int half = 0; half < 2; half++) {
        GuestTlbSpec.Entry e = new GuestTlbSpec.Entry((w.entryHi() & 0xffff_e000) >>> 12 | half,
            w.entryHi() & 0xff, global, (lo[half] >>> 6) & 0xfffff, (lo[half] & 2) != 0, (lo[half] & 4) != 0);
        out.add(new GuestViewSpec.Tlb(vm, op.vcpu(), new GuestTlbSpec.WriteIndexed(2 * w.index() + half, e)));
      }
      return out;
    } else if (op instanceof GuestOperation.Mtc0 m && m.register() == 10) {
      return List.of(new GuestViewSpec.Tlb(vm, op.vcpu(), new GuestTlbSpec.SetAsid(m.value() & 0xff)));
    } else if (op instanceof GuestOperation.MonitorCall c && c.number() == MonitorInterface.MC_DISK_READ
        && (c.a3() >>> 12) < 256) {
      return List.of(new GuestViewSpec.Memory(new MemorySpec.DiskRead(vm, c.a3() >>> 12, 0)));
    }
    return List.of();
  }

  private static boolean inWindow(int va) {
    return va != PRIV && va - WINDOW >= 0 && va - WINDOW < 0x2000_0000;
  }

  @Override
  public List<TransitionCheck<State, GuestOperation>> transitionChecks() {
    return List.of(new TransitionCheck<>(Refinement.ID, "each step refines GuestViewSpec",
        (before, op, after) -> Refinement.checkSequence(shape, before.abstraction(), specOps(op), after.lastSeen(),
            after.abstraction())));
  }

  @Override
  public List<Invariant<State>> invariants() {
    List<Invariant<State>> out = new ArrayList<>();
    for (Invariant<ReferenceView> i : ReferenceInvariants.CHECKED) {
      out.add(new Invariant<>(i.id(), i.sentence(), s -> s.violations().getOrDefault(i.id(), List.of())));
    }
    return out;
  }

  // ---- the encoding --------------------------------------------------------------------------

  @Override
  public long[] encode(State s) {
    return s.encoding();
  }

  private long[] encode() {
    LongList e = new LongList();
    for (VirtualMachine vm : disco.vms()) {
      e.add(vm.stopped() ? 1 : 0);
      if (vm.pmap().mappedPages() > countMapped(vm)) {
        throw new IllegalStateException("vm " + vm.id() + " has a page mapped beyond the first " + mappedPages());
      }
      for (int g = 0; g < mappedPages(); g++) {
        e.add(vm.pmap().machinePage(Addresses.guestPage(g)));
      }
      for (VirtualCpu v : vm.vcpus()) {
        boolean live = disco.dispatcher().current(v.physicalCpu()) == v;
        e.add(v.state().ordinal());
        e.add(live ? disco.port().cpu(v.physicalCpu()).pc() : v.pc());
        VirtualCp0.State cp0 = v.cp0().state();
        for (int r : cp0.registers()) {
          e.add(r);
        }
        for (TlbEntry t : cp0.tlb()) {
          entry(e, t);
        }
        for (int w : v.l2tlb().state().slots()) {
          e.add(w);
        }
      }
    }
    int[] lastRan = disco.dispatcher().state().lastRan();
    for (int n = 0; n < disco.port().cpuCount(); n++) {
      CpuPort cpu = disco.port().cpu(n);
      VirtualCpu cur = disco.dispatcher().current(n);
      e.add(cur == null ? -1 : cur.vm() << 16 | cur.number());
      e.add(lastRan[n]);
      for (int i = 0; i < cpu.tlbSize(); i++) {
        entry(e, cpu.tlbRead(i));
      }
      e.add(cpu.readCp0(1, 0));
      e.add(cpu.readCp0(10, 0));
      e.add(cpu.readCp0(12, 0));
    }
    MachinePages pages = disco.pages();
    for (int p = 0; p < pages.totalPages(); p++) {
      @MachineAddr int page = Addresses.machinePage(p);
      if (pages.owner(page) >= 0) {
        e.add(p);
        e.add(pages.owner(page));
        e.add(disco.memmap().vmOf(page));
        e.add(disco.memmap().guestPageOf(page));
      }
    }
    for (int[] free : pages.state().free()) {
      for (int i = 1; i < free.length; i++) {
        if (free[i] < free[i - 1]) {
          throw new IllegalStateException("a free list is out of order: the encoding assumes ascending free lists");
        }
      }
      e.add(free.length);
    }
    for (int p = 0; p < pages.totalPages(); p++) {
      int[] words = disco.port().machine().memory().page(p);
      if (words == null) {
        continue;
      }
      for (int i = 0; i < words.length; i++) {
        if (words[i] != 0) {
          e.add((long) p << 10 | i);
          e.add(words[i]);
        }
      }
    }
    return e.toArray();
  }

  private int countMapped(VirtualMachine vm) {
    int n = 0;
    for (int g = 0; g < mappedPages(); g++) {
      n += vm.pmap().machinePage(Addresses.guestPage(g)) >= 0 ? 1 : 0;
    }
    return n;
  }

  /** A TLB entry's four words. */
  private static void entry(LongList e, TlbEntry t) {
    e.add(t.entryHi());
    e.add(t.pageMask());
    e.add(t.entryLo0());
    e.add(t.entryLo1());
  }

  // ---- description -----------------------------------------------------------------------------

  @Override
  public SortedMap<String, String> describe(State s) {
    replay(s.path());
    SortedMap<String, String> out = new TreeMap<>();
    for (VirtualMachine vm : disco.vms()) {
      StringBuilder pmap = new StringBuilder();
      for (int g = 0; g < mappedPages(); g++) {
        pmap.append(g == 0 ? "" : " ").append(vm.pmap().machinePage(Addresses.guestPage(g)));
      }
      out.put("vm" + vm.id() + ".pmap", pmap.toString());
      out.put("vm" + vm.id() + ".running", String.valueOf(!vm.stopped()));
      VirtualCpu v = vm.vcpus().get(0);
      out.put("vm" + vm.id() + ".vcpu", v.state() + " asid " + v.cp0().asid()
          + ((v.cp0().status() & VirtualCp0.ST_EXL) != 0 ? " in handler" : ""));
      out.put("vm" + vm.id() + ".guestTlb", view.guestTlb(vm.id(), 0).entries().toString());
      out.put("vm" + vm.id() + ".l2tlb", view.l2Tlb(vm.id(), 0).toString());
    }
    for (int n = 0; n < disco.port().cpuCount(); n++) {
      VirtualCpu cur = disco.dispatcher().current(n);
      out.put("cpu" + n + ".runs", cur == null ? "none" : "vm" + cur.vm());
      out.put("cpu" + n + ".tlb", view.hardwareTlb(n).toString());
    }
    out.put("seen", s.lastSeen().toString());
    return out;
  }

  /** For tests: the operations of the path as labels. */
  public List<String> labels(State s) {
    return s.path().stream().map(this::label).toList();
  }

  /** The live Disco, in the state the last step or replay left it (for tests). */
  public Disco disco() {
    return disco;
  }
}
