package disco.hw.machine;

import disco.hw.numa.CacheGeometry;
import disco.hw.numa.CoherenceProtocol;
import disco.hw.numa.CpuStatistics;
import disco.hw.numa.HotPage;
import disco.hw.numa.Latencies;
import disco.hw.numa.MemoryConfig;
import disco.hw.numa.MemorySystem;
import disco.hw.numa.PageMisses;
import disco.hw.numa.Topology;
import disco.spec.addr.Addresses;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The {@link MemorySystem} (caches, coherence directory, miss counters) as the machine drives it:
 * configured from the {@link MachineConfig}, it prices each access and DMA transfer in cycles and
 * answers for the miss counters and the per-CPU statistics. With the cache model off,
 * every access costs the miss latency by node and counts as a miss.
 */
final class MemorySystemAdapter implements MemoryModel {
  private final MemorySystem system;

  MemorySystemAdapter(MachineConfig c) {
    Topology topology = new Topology(c.nodes(), c.cpusPerNode(), (long) c.memoryPerNodeMb() << 20);
    MemoryConfig mc = new MemoryConfig(
        topology,
        new CacheGeometry(c.cacheKb() * 1024, c.lineBytes(), c.associativity()),
        new Latencies(c.hitCycles(), c.localMissCycles(), c.remoteMissCycles(), c.localMissCycles(),
            c.localMissCycles()),
        CoherenceProtocol.valueOf(c.protocol()),
        c.cacheEnabled(),
        c.missThreshold());
    system = new MemorySystem(mc);
  }

  MemorySystem system() {
    return system;
  }

  @Override
  public long access(int cpu, long machineAddress, boolean write, boolean cached) {
    return cached
        ? system.access(cpu, Addresses.machine(machineAddress), write)
        : system.uncachedAccess(cpu, Addresses.machine(machineAddress));
  }

  @Override
  public void dma(long machineAddress, int length, boolean toMemory) {
    if (toMemory) {
      system.dmaWrite(Addresses.machine(machineAddress), length);
    } else {
      system.dmaRead(Addresses.machine(machineAddress), length);
    }
  }

  @Override
  public CpuStatistics cpuStats(int cpu) {
    return system.statistics().cpus().get(cpu);
  }

  @Override
  public boolean hasHotPage() {
    return system.missCounters().pending() > 0;
  }

  @Override
  public List<MachineStats.PageCount> hottestPages(int k) {
    return system.hottestPages(k).stream()
        .map((PageMisses p) -> new MachineStats.PageCount(p.page(), p.homeNode(), p.remoteMisses()))
        .toList();
  }

  @Override
  public long misses(long page, int node) {
    return system.misses(page, node);
  }

  @Override
  public void reset(long page) {
    system.resetCounters(page);
  }

  @Override
  public void setThreshold(int threshold) {
    system.setHotPageThreshold(threshold);
  }

  @Override
  public int threshold() {
    return system.hotPageThreshold();
  }

  @Override
  public @Nullable HotPage pollHotPage() {
    return system.pollHotPage();
  }
}
