package disco.check.catalogue;

import disco.check.engine.Options;
import disco.check.harness.SpecHarness;
import disco.check.refmodel.MonitorConfig;
import disco.check.refmodel.MonitorFault;
import disco.check.refmodel.MonitorHarness;
import disco.check.wiring.CoherenceHarness;
import disco.check.wiring.ReferenceHarness;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** The configurations {@code disco check} knows, in a fixed order; the first is the default. */
public final class Configurations {
  private Configurations() {}

  /** The depth the abstract monitor is explored to by default (its full state space is far larger). */
  public static final int MONITOR_DEPTH = 5;
  /** The depth the reference monitor is explored to by default (every seeded fault shows by then). */
  public static final int REFERENCE_DEPTH = 4;

  public static List<Configuration> all() {
    SortedMap<String, String> monitorFaults = new TreeMap<>();
    for (MonitorFault f : MonitorFault.values()) {
      monitorFaults.put(f.name(), f.description());
    }
    return List.of(
        new Configuration("monitor",
            "the abstract monitor: 2 VMs, 1 processor, 2 nodes, 2 guest pages, 6 pool pages, 1 disk block;"
                + " every invariant and refinement, to depth " + MONITOR_DEPTH,
            Options.DEFAULT.withMaxDepth(MONITOR_DEPTH), monitorFaults,
            fault -> new MonitorHarness(MonitorConfig.small(),
                fault.map(f -> Set.of(MonitorFault.valueOf(f))).orElse(Set.of()))),
        new Configuration("reference",
            "the reference monitor through its operation-level API: 2 nodes, 2 VMs of 1 vCPU on processor 0,"
                + " 3 guest pages each, 2-pair TLBs, 2-entry L2TLBs, 1 disk; every checked invariant and"
                + " refinement, to depth " + REFERENCE_DEPTH,
            Options.DEFAULT.withMaxDepth(REFERENCE_DEPTH), ReferenceHarness.faultNames(),
            fault -> ReferenceHarness.small(fault)),
        new Configuration("spec",
            "the abstract spec against itself: 2 VMs, 2 guest pages, 1 virtual page, 1 disk block; complete",
            Options.DEFAULT, new TreeMap<>(), fault -> SpecHarness.small()),
        coherence(2),
        coherence(3));
  }

  private static Configuration coherence(int cpus) {
    return new Configuration("coherence-" + cpus,
        "hw-model's directory protocol (MSI): " + cpus + " processors with one-line caches, 2 lines; complete",
        Options.DEFAULT, CoherenceHarness.faultNames(),
        fault -> CoherenceHarness.msi(cpus, fault));
  }

  public static Optional<Configuration> named(String name) {
    return all().stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
