package disco.monitor.observe;

import disco.spec.observe.MonitorView;
import java.util.List;

/**
 * A {@link MonitorView} of the reference monitor, with the two things of the reference the
 * catalogue's view has no words for: which vCPUs each processor hosts, and every disk transfer in
 * flight (the catalogue's view has only the last DMA).
 */
public interface ReferenceView extends MonitorView {
  /** The vCPUs that processor {@code cpu} runs (one at a time), in the monitor's order. */
  List<VcpuId> hostedOn(int cpu);

  /** Every disk transfer the machine has in flight, in the order they were started. */
  List<Dma> dmasInFlight();
}
