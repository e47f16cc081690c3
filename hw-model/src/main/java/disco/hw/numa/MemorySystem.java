package disco.hw.numa;

import disco.spec.addr.MachineAddr;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The memory system of the CC-NUMA machine: every processor's cache, the directory at every node,
 * the access latencies and the per-page miss counters, behind one call per access.
 *
 * <p>It models timing and coherence, never data: the machine keeps the bytes in its {@code Memory}
 * and asks this class only what each access costs, in processor cycles. An access is a hit (the
 * hit latency), or a miss served by the line's home node, local or remote according to whether the
 * home is the processor's own node, plus a surcharge when the home must first invalidate other
 * copies or fetch the line from an owning cache (see {@link Latencies}). A write to a line held
 * Shared is an upgrade: it asks the home for ownership and costs a miss.
 *
 * <p>Every miss (upgrades included) is counted in the {@link MissCounterTable} against the page and
 * the requester's node, and may queue a {@link HotPage} event for the machine to deliver as an
 * interrupt. Uncached accesses bypass caches and directory and are not cache misses, so they only
 * cost (by node) and count in {@link CpuStatistics#uncachedAccesses()}.
 *
 * <p>DMA goes through the directories line by line: a write invalidates every cached copy (a
 * Modified one is written back first), a read makes an owner write back and keep a Shared copy.
 * A device is taken to sit at the home node of the memory it moves, so each line costs a local
 * miss plus any coherence surcharge: a conservative figure, since real DMA engines pipeline lines.
 *
 * <p>Single-threaded and deterministic: the result of any sequence of calls depends on nothing
 * else.
 */
public final class MemorySystem {
  private final MemoryConfig config;
  private final Topology topology;
  private final Latencies latencies;
  private final boolean cachesEnabled;
  private final int lineShift;
  /** A line number shifted right by this is its page number. */
  private final int linesPerPageShift;
  private final long pagesPerNode;
  private final long memoryBytes;
  private final int[] nodeOfCpu;
  private final CacheModel[] caches;
  private final DirectoryController[] controllers;
  private final MissCounterTable counters;
  private final Tally tally;
  private final boolean countMisses;
  /** Misses not expected in the counters: those before the last full reset, or in pages reset. */
  private long uncountedMisses;

  public MemorySystem(MemoryConfig config) {
    this(config, EnumSet.noneOf(ProtocolFault.class));
  }

  /**
   * A memory system with deliberate protocol bugs, so that a checker can show it catches them (the
   * model checker's coherence harness does). Never used by a machine.
   */
  public static MemorySystem withSeededFaults(MemoryConfig config, Set<ProtocolFault> faults) {
    return new MemorySystem(config, faults);
  }

  /** A memory system with deliberate bugs, for tests of the invariant checker. */
  MemorySystem(MemoryConfig config, Set<ProtocolFault> faults) {
    this.config = config;
    this.topology = config.topology();
    this.latencies = config.latencies();
    this.cachesEnabled = config.cachesEnabled();
    this.lineShift = config.cache().lineShift();
    this.linesPerPageShift = Topology.PAGE_SHIFT - lineShift;
    this.pagesPerNode = topology.pagesPerNode();
    this.memoryBytes = topology.totalMemoryBytes();
    int cpus = topology.cpus();
    this.nodeOfCpu = new int[cpus];
    for (int cpu = 0; cpu < cpus; cpu++) {
      nodeOfCpu[cpu] = topology.nodeOfCpu(cpu);
    }
    // Caches are allocated only when modelled: 1 MB caches on 512 CPUs are 70 MB of tags.
    this.caches = new CacheModel[cachesEnabled ? cpus : 0];
    for (int cpu = 0; cpu < caches.length; cpu++) {
      caches[cpu] = new CacheModel(cpu, config.cache());
    }
    this.tally = new Tally(cpus);
    this.controllers = new DirectoryController[topology.nodes()];
    for (int node = 0; node < controllers.length; node++) {
      controllers[node] =
          new DirectoryController(new Directory(node), caches, config.protocol(), tally, faults);
    }
    this.counters = new MissCounterTable(topology, config.hotPageThreshold());
    this.countMisses = !faults.contains(ProtocolFault.SKIP_MISS_COUNT);
  }

  // ---- accesses ---------------------------------------------------------------------------------

  /**
   * A cached read or write of {@code machineAddress} by {@code cpu}: updates the caches, the
   * directory and the counters, and returns what it cost in cycles.
   */
  public long access(int cpu, @MachineAddr long machineAddress, boolean write) {
    checkCpu(cpu);
    checkAddress(machineAddress);
    tally.accesses[cpu]++;
    long line = machineAddress >>> lineShift;
    long cost;
    if (!cachesEnabled) {
      cost = miss(cpu, line);
    } else {
      CacheModel cache = caches[cpu];
      int slot = cache.find(line);
      if (slot >= 0) {
        cost = present(cpu, cache, slot, line, write);
      } else {
        DirectoryController home = homeOf(line);
        Reply reply = write ? home.writeMiss(cpu, line) : home.readMiss(cpu, line);
        CacheModel.Eviction victim = cache.fill(line, reply.granted);
        if (victim != null) {
          homeOf(victim.line()).evicted(cpu, victim.line(), victim.state());
        }
        cost = miss(cpu, line) + reply.surcharge(latencies);
      }
    }
    tally.cycles[cpu] += cost;
    return cost;
  }

  /** An access to a line present in {@code cpu}'s cache: a hit, or an upgrade for a Shared write. */
  private long present(int cpu, CacheModel cache, int slot, long line, boolean write) {
    cache.touch(slot);
    LineState state = cache.stateAt(slot);
    if (write && state == LineState.SHARED) {
      Reply reply = homeOf(line).upgrade(cpu, line);
      cache.setStateAt(slot, LineState.MODIFIED);
      tally.upgrades[cpu]++;
      return miss(cpu, line) + reply.surcharge(latencies);
    }
    if (write && state == LineState.EXCLUSIVE) {
      cache.setStateAt(slot, LineState.MODIFIED); // silent: the directory already names the owner
    }
    tally.hits[cpu]++;
    return latencies.hit();
  }

  /**
   * An access by {@code cpu} through the uncached segment: no cache or directory is involved and
   * it is not a cache miss, so it is not counted per page; it costs a miss by node.
   */
  public long uncachedAccess(int cpu, @MachineAddr long machineAddress) {
    checkCpu(cpu);
    checkAddress(machineAddress);
    long cost = latencies.miss(nodeOfCpu[cpu], home(machineAddress >>> lineShift));
    tally.uncached[cpu]++;
    tally.cycles[cpu] += cost;
    return cost;
  }

  /** A device reads {@code length} bytes from {@code machineAddress}; returns the cycles it cost. */
  public long dmaRead(@MachineAddr long machineAddress, int length) {
    return dma(machineAddress, length, false);
  }

  /** A device writes {@code length} bytes at {@code machineAddress}; returns the cycles it cost. */
  public long dmaWrite(@MachineAddr long machineAddress, int length) {
    return dma(machineAddress, length, true);
  }

  private long dma(long machineAddress, int length, boolean write) {
    if (length < 0) {
      throw new IllegalArgumentException("length must be >= 0, got " + length);
    }
    checkAddress(machineAddress);
    if (length == 0) {
      return 0;
    }
    checkAddress(machineAddress + length - 1);
    long first = machineAddress >>> lineShift;
    long last = (machineAddress + length - 1) >>> lineShift;
    long cost = 0;
    for (long line = first; line <= last; line++) {
      DirectoryController home = homeOf(line);
      Reply reply = write ? home.dmaWrite(line) : home.dmaRead(line);
      cost += latencies.localMiss() + reply.surcharge(latencies);
    }
    long lines = last - first + 1;
    if (write) {
      tally.dmaLinesWritten += lines;
    } else {
      tally.dmaLinesRead += lines;
    }
    tally.dmaCycles += cost;
    return cost;
  }

  /** Charges a miss to {@code line} by {@code cpu}: counts it and returns the latency by node. */
  private long miss(int cpu, long line) {
    long page = line >>> linesPerPageShift;
    int node = nodeOfCpu[cpu];
    if (countMisses) {
      counters.record(page, node);
    }
    if (node == home(line)) {
      tally.localMisses[cpu]++;
      return latencies.localMiss();
    }
    tally.remoteMisses[cpu]++;
    return latencies.remoteMiss();
  }

  private DirectoryController homeOf(long line) {
    return controllers[home(line)];
  }

  /** The home node of a line already known to be inside memory. */
  private int home(long line) {
    return (int) ((line >>> linesPerPageShift) / pagesPerNode);
  }

  // ---- observation ------------------------------------------------------------------------------

  public MemoryConfig config() {
    return config;
  }

  public Topology topology() {
    return topology;
  }

  /** The line number of a machine address. */
  public long lineOf(@MachineAddr long machineAddress) {
    return machineAddress >>> lineShift;
  }

  /** The machine page holding {@code line}. */
  public long pageOfLine(long line) {
    return line >>> linesPerPageShift;
  }

  /** The node whose memory and directory hold {@code line}. */
  public int homeNode(long line) {
    checkLine(line);
    return home(line);
  }

  /** The state of {@code line} in {@code cpu}'s cache (always Invalid with caches disabled). */
  public LineState lineState(int cpu, long line) {
    checkCpu(cpu);
    return cachesEnabled ? caches[cpu].state(line) : LineState.INVALID;
  }

  /** The cache of {@code cpu}; its public methods only read. Absent with caches disabled. */
  public @Nullable CacheModel cache(int cpu) {
    checkCpu(cpu);
    return cachesEnabled ? caches[cpu] : null;
  }

  /** The directory at {@code node}; its public methods only read. */
  public Directory directory(int node) {
    if (node < 0 || node >= controllers.length) {
      throw new IllegalArgumentException("node must be 0.." + (controllers.length - 1) + ", got " + node);
    }
    return controllers[node].directory();
  }

  /** What {@code line}'s home directory records for it. */
  public DirectoryEntry directoryEntry(long line) {
    return controllers[homeNode(line)].directory().entry(line);
  }

  public MemoryStatistics statistics() {
    return tally.snapshot();
  }

  // ---- state as data ----------------------------------------------------------------------------

  /** The whole state: caches, directories, miss counters and statistics. */
  public MemorySystemState state() {
    List<MemorySystemState.Cache> cs = new ArrayList<>(caches.length);
    for (CacheModel c : caches) {
      cs.add(c.state());
    }
    List<DirectoryEntry> entries = new ArrayList<>();
    for (DirectoryController c : controllers) {
      for (long line : c.directory().lines()) {
        entries.add(c.directory().entry(line));
      }
    }
    return new MemorySystemState(cs, entries, counters.state(), tally.state(), uncountedMisses);
  }

  /** Puts this memory system in {@code s}, which must come from one of the same configuration. */
  public void restore(MemorySystemState s) {
    if (s.caches().size() != caches.length) {
      throw new IllegalArgumentException("state has " + s.caches().size() + " caches, this system " + caches.length);
    }
    for (int cpu = 0; cpu < caches.length; cpu++) {
      caches[cpu].restore(s.caches().get(cpu));
    }
    List<List<DirectoryEntry>> byNode = new ArrayList<>();
    for (int node = 0; node < controllers.length; node++) {
      byNode.add(new ArrayList<>());
    }
    for (DirectoryEntry e : s.directory()) {
      byNode.get(homeNode(e.line())).add(e);
    }
    for (int node = 0; node < controllers.length; node++) {
      controllers[node].directory().restore(byNode.get(node));
    }
    counters.restore(s.counters());
    tally.restore(s.statistics());
    uncountedMisses = s.uncountedMisses();
  }

  // ---- miss counters ----------------------------------------------------------------------------

  /** Misses to machine page {@code page} from processors of {@code node} since the last reset. */
  public int misses(long page, int node) {
    return counters.misses(page, node);
  }

  /** Clears the miss counters of {@code page}. */
  public void resetCounters(long page) {
    topology.nodeOfPage(page); // validates the page
    uncountedMisses += counters.reset(page);
  }

  /** Clears every miss counter. */
  public void resetCounters() {
    counters.resetAll();
    uncountedMisses = tally.totalMisses();
  }

  /**
   * The misses that the counters should hold: every miss since the last full reset, less the
   * counts of pages reset individually since. {@link CoherenceInvariants} checks the counters
   * against it.
   */
  public long missesSinceCounterReset() {
    return tally.totalMisses() - uncountedMisses;
  }

  public int hotPageThreshold() {
    return counters.threshold();
  }

  /** Sets the per-page per-node miss count that queues a {@link HotPage} event; 0 disables. */
  public void setHotPageThreshold(int threshold) {
    counters.setThreshold(threshold);
  }

  /** The oldest hot-page event not yet taken, or null. */
  public @Nullable HotPage pollHotPage() {
    return counters.poll();
  }

  /** The {@code k} pages with the most remote misses since their last reset (ties: lower page). */
  public List<PageMisses> hottestPages(int k) {
    return counters.hottest(k);
  }

  /** The counters themselves, read-only from outside this package. */
  public MissCounterTable missCounters() {
    return counters;
  }

  // ---- validation -------------------------------------------------------------------------------

  private void checkCpu(int cpu) {
    if (cpu < 0 || cpu >= nodeOfCpu.length) {
      throw new IllegalArgumentException("cpu must be 0.." + (nodeOfCpu.length - 1) + ", got " + cpu);
    }
  }

  private void checkLine(long line) {
    long lines = memoryBytes >>> lineShift;
    if (line < 0 || line >= lines) {
      throw new IllegalArgumentException("line must be 0.." + (lines - 1) + ", got " + line);
    }
  }

  private void checkAddress(long machineAddress) {
    if (machineAddress < 0 || machineAddress >= memoryBytes) {
      throw new IllegalArgumentException(
          "machineAddress must be below 0x"
              + Long.toHexString(memoryBytes)
              + ", got 0x"
              + Long.toHexString(machineAddress));
    }
  }
}
