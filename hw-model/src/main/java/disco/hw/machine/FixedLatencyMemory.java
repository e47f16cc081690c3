package disco.hw.machine;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The memory system with the cache model switched off, for speed: every access costs the local
 * or remote miss latency by the node of the CPU and of the page, and every access counts as a
 * miss in the per-page, per-node counters (with no cache, each access goes to memory).
 */
final class FixedLatencyMemory implements MemoryModel {
  private final MachineConfig config;
  private final long pagesPerNode;
  private final long[] accesses;
  private final long[] localMisses;
  private final long[] remoteMisses;
  private final Map<Long, long[]> counters = new HashMap<>();
  private final Map<Long, Long> remoteByPage = new HashMap<>();
  private final ArrayDeque<HotPage> hot = new ArrayDeque<>();
  private int threshold;

  FixedLatencyMemory(MachineConfig config) {
    this.config = config;
    this.pagesPerNode = ((long) config.memoryPerNodeMb() << 20) >>> 12;
    int n = config.cpus();
    accesses = new long[n];
    localMisses = new long[n];
    remoteMisses = new long[n];
    threshold = config.missThreshold();
  }

  @Override
  public long access(int cpu, long machineAddress, boolean write, boolean cached) {
    long page = machineAddress >>> 12;
    int home = (int) Math.min(page / pagesPerNode, config.nodes() - 1);
    int node = cpu / config.cpusPerNode();
    accesses[cpu]++;
    boolean local = home == node;
    if (local) {
      localMisses[cpu]++;
    } else {
      remoteMisses[cpu]++;
      remoteByPage.merge(page, 1L, Long::sum);
    }
    long[] c = counters.computeIfAbsent(page, p -> new long[config.nodes()]);
    c[node]++;
    if (threshold > 0 && c[node] == threshold) {
      hot.add(new HotPage(page, node, c[node]));
    }
    return local ? config.localMissCycles() : config.remoteMissCycles();
  }

  @Override
  public void dma(long machineAddress, int length, boolean toMemory) {
    // no caches to keep coherent
  }

  @Override
  public long misses(long page, int node) {
    long[] c = counters.get(page);
    return c == null ? 0 : c[node];
  }

  @Override
  public void reset(long page) {
    counters.remove(page);
  }

  @Override
  public void setThreshold(int t) {
    threshold = t;
  }

  @Override
  public int threshold() {
    return threshold;
  }

  @Override
  public boolean hasHotPage() {
    return !hot.isEmpty();
  }

  @Override
  public @Nullable HotPage pollHotPage() {
    return hot.poll();
  }

  @Override
  public CpuMemoryStats cpuStats(int cpu) {
    return new CpuMemoryStats(0, localMisses[cpu], remoteMisses[cpu], 0, 0);
  }

  @Override
  public Map<Long, Long> remoteMissesByPage() {
    return Map.copyOf(remoteByPage);
  }
}
