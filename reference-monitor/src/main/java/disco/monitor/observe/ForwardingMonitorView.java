package disco.monitor.observe;

import disco.spec.model.GuestTlbSpec;
import disco.spec.observe.MonitorView;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A {@link ReferenceView} that answers every question by asking another; subclasses change the
 * answers they override (a projection of the view for one check, or, in tests, a deliberately
 * wrong view to show that a check fails).
 */
public class ForwardingMonitorView implements ReferenceView {
  protected final ReferenceView inner;

  public ForwardingMonitorView(ReferenceView inner) {
    this.inner = inner;
  }

  @Override
  public List<VcpuId> hostedOn(int cpu) {
    return inner.hostedOn(cpu);
  }

  @Override
  public List<Dma> dmasInFlight() {
    return inner.dmasInFlight();
  }

  @Override
  public Shape shape() {
    return inner.shape();
  }

  @Override
  public boolean running(int vm) {
    return inner.running(vm);
  }

  @Override
  public Optional<VcpuId> onCpu(int cpu) {
    return inner.onCpu(cpu);
  }

  @Override
  public int nodeOfCpu(int cpu) {
    return inner.nodeOfCpu(cpu);
  }

  @Override
  public int nodeOfPage(int machinePage) {
    return inner.nodeOfPage(machinePage);
  }

  @Override
  public Optional<PmapEntry> pmap(int vm, int guestPage) {
    return inner.pmap(vm, guestPage);
  }

  @Override
  public List<BackMapping> memmap(int machinePage) {
    return inner.memmap(machinePage);
  }

  @Override
  public int refCount(int machinePage) {
    return inner.refCount(machinePage);
  }

  @Override
  public Role role(int machinePage) {
    return inner.role(machinePage);
  }

  @Override
  public int privilegedPageOwner(int machinePage) {
    return inner.privilegedPageOwner(machinePage);
  }

  @Override
  public int freeCount() {
    return inner.freeCount();
  }

  @Override
  public int contents(int machinePage) {
    return inner.contents(machinePage);
  }

  @Override
  public long entitledReaders(int machinePage) {
    return inner.entitledReaders(machinePage);
  }

  @Override
  public int replicaOf(int machinePage) {
    return inner.replicaOf(machinePage);
  }

  @Override
  public OptionalInt diskCachePage(int block) {
    return inner.diskCachePage(block);
  }

  @Override
  public int diskBlock(int block) {
    return inner.diskBlock(block);
  }

  @Override
  public List<Translation> hardwareTlb(int cpu) {
    return inner.hardwareTlb(cpu);
  }

  @Override
  public List<Translation> l2Tlb(int vm, int vcpu) {
    return inner.l2Tlb(vm, vcpu);
  }

  @Override
  public GuestTlbSpec.State guestTlb(int vm, int vcpu) {
    return inner.guestTlb(vm, vcpu);
  }

  @Override
  public Optional<Dma> lastDma() {
    return inner.lastDma();
  }
}
