package disco.monitor.observe;

import disco.spec.invariant.Invariant;
import disco.spec.invariant.MonitorInvariants;
import disco.spec.observe.MonitorView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The invariants of {@link MonitorInvariants} as they apply to the reference monitor, over a
 * {@link ReferenceView} of it ({@link ReferenceMonitorView}, or a view wrapping one), under their
 * catalogue ids. Three things the reference does differ from what the catalogue's checks assume,
 * and are handled here, not hidden in the view:
 *
 * <ul>
 *   <li><b>The supervisor physical window.</b> The reference maps the window (virtual pages from
 *       {@link ReferenceMonitorView#WINDOW_VPN}, 512 MB) straight from the pmap, with no entry in
 *       the guest's TLB (the guest sees the window as fixed, as kseg0 is). TLB-1 applies the
 *       catalogue's check to every other hardware entry; a window entry must name the machine page
 *       the running VM's pmap gives guest page {@code vpn - WINDOW_VPN}, with no more permission
 *       than the pmap grants.
 *   <li><b>Idle processors keep their TLB.</b> When a processor has no runnable vCPU left, the
 *       reference idles it without flushing its hardware TLB: if the vCPU it idled from is the next
 *       to run there, it resumes with the TLB as it was; any other vCPU gets a flushed TLB ({@code
 *       TrapDispatcher.schedule}). The idle processor itself runs only the monitor's wait loop in
 *       kseg0, which no entry translates. The catalogue's TLB-1 forbids any entry on an idle
 *       processor, and ISO-2 then counts those entries as mappings of no VM. On the reference, the
 *       catalogue's checks are applied to a projection in which an idle processor's TLB is empty,
 *       and TLB-1 adds: the entries left on an idle processor are exact (as above, privileged page
 *       included) for one of the vCPUs that processor hosts, so they give no VM anything its own
 *       pmap and TLB do not. (Which vCPU it idled from is private to the dispatcher; were the
 *       entries exact for another hosted vCPU than the one that resumes, the first trap after the
 *       resume would fail TLB-1 for the running vCPU.)
 *   <li><b>Several DMAs.</b> DMA-1 applies the catalogue's check to every disk transfer in flight
 *       (each as the "last DMA"), not only the latest.
 * </ul>
 *
 * <p>{@link #CHECKED} are the invariants that say something about the reference; {@link #VACUOUS}
 * those that cannot fail on it because it has none of what they are about (see {@link
 * ReferenceMonitorView}): REP-1 (no replicas) and COW-1 (no page is shared, cached or replicated,
 * so no page is required to be read-only). CONF-1 is in {@link #CHECKED} only in a reduced form:
 * each VM reaches only guest pages the owner table gives it; its "zeroed before reuse" half is not
 * checked, since the reference never reuses a page.
 */
public final class ReferenceInvariants {
  private ReferenceInvariants() {}

  public static final Invariant<ReferenceView> SINGLE_WRITER = onActive(MonitorInvariants.SINGLE_WRITER);
  public static final Invariant<ReferenceView> MONITOR_PAGES_PRIVATE = onActive(MonitorInvariants.MONITOR_PAGES_PRIVATE);
  public static final Invariant<ReferenceView> HARDWARE_TLB_EXACT = new Invariant<>(
      MonitorInvariants.HARDWARE_TLB_EXACT.id(),
      MonitorInvariants.HARDWARE_TLB_EXACT.sentence() + " (Reference: window entries are checked against the pmap;"
          + " an idle processor's entries must be exact for a vCPU it hosts.)",
      ReferenceInvariants::hardwareTlbExact);
  public static final Invariant<ReferenceView> L2TLB_EXACT = direct(MonitorInvariants.L2TLB_EXACT);
  public static final Invariant<ReferenceView> SHARED_READ_ONLY = onActive(MonitorInvariants.SHARED_READ_ONLY);
  public static final Invariant<ReferenceView> REPLICAS_EQUAL = direct(MonitorInvariants.REPLICAS_EQUAL);
  public static final Invariant<ReferenceView> MEMMAP_MATCHES_PMAP = direct(MonitorInvariants.MEMMAP_MATCHES_PMAP);
  public static final Invariant<ReferenceView> REFCOUNT_EXACT = direct(MonitorInvariants.REFCOUNT_EXACT);
  public static final Invariant<ReferenceView> FREE_PLUS_USED = direct(MonitorInvariants.FREE_PLUS_USED);
  public static final Invariant<ReferenceView> DMA_OWNED = new Invariant<>(
      MonitorInvariants.DMA_OWNED.id(),
      MonitorInvariants.DMA_OWNED.sentence() + " (Reference: every disk transfer in flight.)",
      ReferenceInvariants::dmaOwned);
  public static final Invariant<ReferenceView> ZEROED_BEFORE_REUSE = onActive(MonitorInvariants.ZEROED_BEFORE_REUSE);

  /** The invariants checked on the reference, in catalogue order. */
  public static final List<Invariant<ReferenceView>> CHECKED = List.of(
      SINGLE_WRITER, MONITOR_PAGES_PRIVATE, HARDWARE_TLB_EXACT, L2TLB_EXACT, MEMMAP_MATCHES_PMAP, REFCOUNT_EXACT,
      FREE_PLUS_USED, DMA_OWNED, ZEROED_BEFORE_REUSE);

  /** The invariants that hold vacuously on the reference (nothing they speak of exists there). */
  public static final List<Invariant<ReferenceView>> VACUOUS = List.of(SHARED_READ_ONLY, REPLICAS_EQUAL);

  /** {@link #CHECKED}, then {@link #VACUOUS}. */
  public static final List<Invariant<ReferenceView>> ALL = concat(CHECKED, VACUOUS);

  private static List<Invariant<ReferenceView>> concat(List<Invariant<ReferenceView>> a,
      List<Invariant<ReferenceView>> b) {
    List<Invariant<ReferenceView>> out = new ArrayList<>(a);
    out.addAll(b);
    return List.copyOf(out);
  }

  /** The catalogue's invariant, over the view itself (for those that do not read the hardware TLB). */
  private static Invariant<ReferenceView> direct(Invariant<MonitorView> i) {
    return i.over((ReferenceView v) -> v);
  }

  /** The catalogue's invariant, over the projection {@link #active} (for those that read the hardware TLB). */
  private static Invariant<ReferenceView> onActive(Invariant<MonitorView> i) {
    return i.over(ReferenceInvariants::active);
  }

  /** {@code v} with the TLB of every processor that runs no vCPU reported empty. */
  public static ReferenceView active(ReferenceView v) {
    return new ActiveView(v);
  }

  /**
   * The projection {@link #active}. The projections are named classes rather than anonymous ones:
   * Java PathFinder, which runs this code in the checkers, names its lambda classes as javac names
   * anonymous classes and confuses the two.
   */
  private static final class ActiveView extends ForwardingMonitorView {
    ActiveView(ReferenceView inner) {
      super(inner);
    }

    @Override
    public List<Translation> hardwareTlb(int cpu) {
      return inner.onCpu(cpu).isPresent() ? inner.hardwareTlb(cpu) : List.of();
    }
  }

  /** {@code inner} as if processor {@code cpu} ran vCPU {@code id}, its window entries left out (TLB-1). */
  private static final class OneCpuView extends ForwardingMonitorView {
    private final int cpu;
    private final MonitorView.VcpuId id;

    OneCpuView(ReferenceView inner, int cpu, MonitorView.VcpuId id) {
      super(inner);
      this.cpu = cpu;
      this.id = id;
    }

    @Override
    public Optional<VcpuId> onCpu(int c) {
      return c == cpu ? Optional.of(id) : Optional.empty();
    }

    @Override
    public List<Translation> hardwareTlb(int c) {
      List<Translation> kept = new ArrayList<>();
      if (c == cpu) {
        for (Translation t : inner.hardwareTlb(c)) {
          if (!inWindow(inner, t.vpn())) {
            kept.add(t);
          }
        }
      }
      return kept;
    }
  }

  /** {@code inner} with DMA {@code dma} as the last one (DMA-1 over every transfer in flight). */
  private static final class OneDmaView extends ForwardingMonitorView {
    private final MonitorView.Dma dma;

    OneDmaView(ReferenceView inner, MonitorView.Dma dma) {
      super(inner);
      this.dma = dma;
    }

    @Override
    public Optional<Dma> lastDma() {
      return Optional.of(dma);
    }
  }

  /** Whether virtual page {@code vpn} lies in the supervisor physical window of {@code v}'s guests. */
  public static boolean inWindow(MonitorView v, int vpn) {
    return vpn != v.shape().privilegedVpn() && vpn - ReferenceMonitorView.WINDOW_VPN >= 0
        && vpn - ReferenceMonitorView.WINDOW_VPN < ReferenceMonitorView.WINDOW_PAGES;
  }

  private static List<String> hardwareTlbExact(ReferenceView v) {
    List<String> out = new ArrayList<>();
    for (int cpu = 0; cpu < v.shape().cpus(); cpu++) {
      Optional<MonitorView.VcpuId> on = v.onCpu(cpu);
      if (on.isPresent()) {
        out.addAll(exactFor(v, cpu, on.get()));
        continue;
      }
      List<MonitorView.VcpuId> hosts = v.hostedOn(cpu);
      if (v.hardwareTlb(cpu).isEmpty()) {
        continue;
      }
      List<String> first = List.of();
      boolean someone = false;
      for (MonitorView.VcpuId h : hosts) {
        List<String> problems = exactFor(v, cpu, h);
        if (problems.isEmpty()) {
          someone = true;
          break;
        }
        if (first.isEmpty()) {
          first = problems;
        }
      }
      if (!someone) {
        out.add("TLB of idle cpu " + cpu + " holds entries exact for none of the vCPUs it hosts " + hosts
            + (first.isEmpty() ? "" : "; as vm " + hosts.get(0).vm() + " vcpu " + hosts.get(0).vcpu() + "'s: "
                + String.join("; ", first)));
      }
    }
    return out;
  }

  /** The TLB-1 problems of processor {@code cpu}'s entries, taken as vCPU {@code id}'s. */
  private static List<String> exactFor(ReferenceView v, int cpu, MonitorView.VcpuId id) {
    ReferenceView one = new OneCpuView(v, cpu, id);
    List<String> out = new ArrayList<>(MonitorInvariants.HARDWARE_TLB_EXACT.violations(one));
    for (MonitorView.Translation t : v.hardwareTlb(cpu)) {
      if (!inWindow(v, t.vpn())) {
        continue;
      }
      String where = "TLB of cpu " + cpu + " window entry vpn " + t.vpn();
      int guestPage = t.vpn() - ReferenceMonitorView.WINDOW_VPN;
      Optional<MonitorView.PmapEntry> p = v.pmap(id.vm(), guestPage);
      if (p.isEmpty()) {
        out.add(where + " names machine page " + t.machinePage() + " but guest page " + guestPage + " of vm "
            + id.vm() + " is unmapped");
      } else if (p.get().machinePage() != t.machinePage() && v.replicaOf(t.machinePage()) != p.get().machinePage()) {
        out.add(where + " names machine page " + t.machinePage() + " but the pmap maps guest page " + guestPage
            + " of vm " + id.vm() + " to " + p.get().machinePage());
      } else if (t.writable() && !p.get().writable()) {
        out.add(where + " is writable but the pmap entry is read-only");
      }
    }
    return out;
  }

  private static List<String> dmaOwned(ReferenceView v) {
    List<String> out = new ArrayList<>();
    for (MonitorView.Dma d : v.dmasInFlight()) {
      out.addAll(MonitorInvariants.DMA_OWNED.violations(new OneDmaView(v, d)));
    }
    return out;
  }
}
