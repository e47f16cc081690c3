package disco.check.wiring;

import disco.check.engine.Harness;
import disco.check.engine.Permutations;
import disco.hw.numa.CacheGeometry;
import disco.hw.numa.CoherenceInvariants;
import disco.hw.numa.CoherenceProtocol;
import disco.hw.numa.Latencies;
import disco.hw.numa.MemoryConfig;
import disco.hw.numa.MemorySystem;
import disco.hw.numa.ProtocolFault;
import disco.hw.numa.Topology;
import disco.spec.addr.Addresses;
import disco.spec.invariant.CoherenceInvariant;
import disco.spec.invariant.Invariant;
import disco.spec.observe.CoherenceView;
import disco.spec.observe.CoherenceView.DirectoryRecord;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The machine's coherence directory (hw-model's {@link MemorySystem}, its caches and directory
 * controllers) as a harness: {@code cpus} processors, each on its own node, with one-line caches,
 * and two lines homed on node 0, so that the two lines evict each other. Operations are cached
 * reads and writes by each processor and DMA reads and writes of each line.
 *
 * <p>A memory system is not a value, so a state carries the operations that built it and the
 * memory system they built; a step replays them, plus one, on a fresh memory system. With one-line
 * caches a state is fully described by the line states and directory entries, which is what the
 * encoding holds; processors and lines are interchangeable.
 */
public final class CoherenceHarness implements Harness<CoherenceHarness.State, CoherenceHarness.Op> {
  private static final int LINE_BYTES = 128;
  private static final int LINES = 2;

  private final int cpus;
  private final CoherenceProtocol protocol;
  private final Set<ProtocolFault> faults;
  private final List<int[]> cpuPermutations;

  /** An operation: a cached access by a processor, or a DMA (cpu -1) of a line. */
  public record Op(int cpu, int line, boolean write) {
    String label() {
      String kind = write ? "write" : "read";
      return cpu < 0 ? "dma-" + kind + "(line" + line + ")" : kind + "(cpu" + cpu + ", line" + line + ")";
    }
  }

  /** The operations so far and the memory system they built. */
  public record State(List<Op> history, MemorySystem memory) {}

  public CoherenceHarness(int cpus, CoherenceProtocol protocol, Set<ProtocolFault> faults) {
    this.cpus = cpus;
    this.protocol = protocol;
    this.faults = Set.copyOf(faults);
    this.cpuPermutations = Permutations.of(cpus);
  }

  /** The seeded faults this harness can switch on, by name, with what each breaks. */
  public static SortedMap<String, String> faultNames() {
    SortedMap<String, String> out = new TreeMap<>();
    for (ProtocolFault f : ProtocolFault.values()) {
      out.put(f.name(), describe(f));
    }
    return out;
  }

  private static String describe(ProtocolFault f) {
    return switch (f) {
      case SKIP_SHARER_INVALIDATION -> "a write takes ownership without invalidating the other sharers";
      case SKIP_CLEAN_EVICTION_NOTICE -> "a Shared line's eviction is silent, leaving a stale sharer";
      case SKIP_OWNER_DOWNGRADE -> "a read intervention leaves the owner's copy writable";
      case FORGET_SHARER -> "the directory forgets a sharer: a read miss on a Shared line is not recorded";
      case SKIP_MISS_COUNT -> "misses are not counted in the per-page miss counters";
    };
  }

  /** The MSI protocol on {@code cpus} processors, unfaulted or with the named {@link ProtocolFault}. */
  public static CoherenceHarness msi(int cpus, Optional<String> fault) {
    Set<ProtocolFault> faults = fault.isPresent()
        ? EnumSet.of(ProtocolFault.valueOf(fault.get().toUpperCase(Locale.ROOT).replace('-', '_')))
        : EnumSet.noneOf(ProtocolFault.class);
    return new CoherenceHarness(cpus, CoherenceProtocol.MSI, faults);
  }

  @Override
  public String name() {
    return "coherence-" + cpus;
  }

  private MemorySystem fresh() {
    Topology topology = new Topology(cpus, 1, Topology.PAGE_BYTES);
    MemoryConfig config = MemoryConfig.flash(topology)
        .withCache(new CacheGeometry(LINE_BYTES, LINE_BYTES, 1))
        .withLatencies(Latencies.flash())
        .withProtocol(protocol);
    return MemorySystem.withSeededFaults(config, faults);
  }

  @Override
  public State initial() {
    return new State(List.of(), fresh());
  }

  @Override
  public List<Op> enabled(State s) {
    List<Op> out = new ArrayList<>();
    for (int cpu = -1; cpu < cpus; cpu++) {
      for (int line = 0; line < LINES; line++) {
        out.add(new Op(cpu, line, false));
        out.add(new Op(cpu, line, true));
      }
    }
    return out;
  }

  @Override
  public State step(State s, Op op) {
    List<Op> history = new ArrayList<>(s.history());
    history.add(op);
    MemorySystem m = fresh();
    for (Op o : history) {
      long address = (long) o.line() * LINE_BYTES;
      if (o.cpu() < 0) {
        if (o.write()) {
          m.dmaWrite(Addresses.machine(address), LINE_BYTES);
        } else {
          m.dmaRead(Addresses.machine(address), LINE_BYTES);
        }
      } else {
        m.access(o.cpu(), Addresses.machine(address), o.write());
      }
    }
    return new State(List.copyOf(history), m);
  }

  @Override
  public String label(Op op) {
    return op.label();
  }

  static CoherenceView view(State s) {
    return new MemorySystemView(s.memory(), List.of(0L, 1L));
  }

  @Override
  public long[] encode(State s) {
    return encode(s, Permutations.identity(cpus), false);
  }

  private long[] encode(State s, int[] perm, boolean swapLines) {
    CoherenceView v = view(s);
    long[] out = new long[LINES * (cpus + 3)];
    int[] inverse = new int[cpus];
    for (int c = 0; c < cpus; c++) {
      inverse[perm[c]] = c;
    }
    int i = 0;
    for (int newLine = 0; newLine < LINES; newLine++) {
      long line = swapLines ? 1 - newLine : newLine;
      for (int c = 0; c < cpus; c++) {
        out[i++] = v.state(inverse[c], line).ordinal();
      }
      DirectoryRecord d = v.directory(line);
      long sharers = 0;
      for (int sh : d.sharers()) {
        sharers |= 1L << perm[sh];
      }
      out[i++] = d.kind().ordinal();
      out[i++] = d.owner() < 0 ? -1 : perm[d.owner()];
      out[i++] = sharers;
    }
    return out;
  }

  @Override
  public boolean symmetric() {
    return true;
  }

  @Override
  public long[] canonical(State s) {
    List<long[]> all = new ArrayList<>();
    for (int[] p : cpuPermutations) {
      all.add(encode(s, p, false));
      all.add(encode(s, p, true));
    }
    return Permutations.least(all);
  }

  @Override
  public List<Invariant<State>> invariants() {
    List<Invariant<State>> out = new ArrayList<>();
    for (Invariant<CoherenceView> i : CoherenceInvariant.ALL) {
      out.add(i.over(CoherenceHarness::view));
    }
    out.add(new Invariant<>("HW-COH", "hw-model's own coherence and counter checks hold.",
        s -> CoherenceInvariants.check(s.memory())));
    return out;
  }

  @Override
  public SortedMap<String, String> describe(State s) {
    CoherenceView v = view(s);
    SortedMap<String, String> m = new TreeMap<>();
    for (long line = 0; line < LINES; line++) {
      List<String> states = new ArrayList<>();
      for (int c = 0; c < cpus; c++) {
        states.add("cpu" + c + " " + v.state(c, line));
      }
      m.put("line" + line + ".caches", String.join(", ", states));
      DirectoryRecord d = v.directory(line);
      m.put("line" + line + ".directory", d.kind() + (d.owner() >= 0 ? " owner " + d.owner() : "")
          + (d.sharers().isEmpty() ? "" : " sharers " + d.sharers()));
    }
    return m;
  }
}
