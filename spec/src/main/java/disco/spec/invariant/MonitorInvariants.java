package disco.spec.invariant;

import disco.spec.invariant.Mappings.Mapping;
import disco.spec.model.GuestTlbSpec;
import disco.spec.observe.MonitorView;
import disco.spec.observe.MonitorView.BackMapping;
import disco.spec.observe.MonitorView.PmapEntry;
import disco.spec.observe.MonitorView.Role;
import disco.spec.observe.MonitorView.Translation;
import disco.spec.observe.MonitorView.VcpuId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/** The invariants of Disco's memory management, over any {@link MonitorView}. */
public final class MonitorInvariants {
  private MonitorInvariants() {}

  public static final Invariant<MonitorView> SINGLE_WRITER = new Invariant<>(
      "ISO-1", "No machine page is writable by two virtual machines.", MonitorInvariants::singleWriter);

  public static final Invariant<MonitorView> MONITOR_PAGES_PRIVATE = new Invariant<>(
      "ISO-2",
      "No virtual machine maps a page of the monitor or another virtual machine's privileged-register page,"
          + " and it maps its own privileged-register page only read-only.",
      MonitorInvariants::monitorPagesPrivate);

  public static final Invariant<MonitorView> HARDWARE_TLB_EXACT = new Invariant<>(
      "TLB-1",
      "Every hardware TLB entry names the machine page that the running virtual machine's pmap maps, through"
          + " its virtual TLB, at that moment (or a replica of it), with no more permission than both grant.",
      MonitorInvariants::hardwareTlbExact);

  public static final Invariant<MonitorView> L2TLB_EXACT = new Invariant<>(
      "TLB-2",
      "Every L2TLB entry of a virtual CPU names the machine page that its virtual machine's pmap maps, through"
          + " that virtual CPU's TLB, at that moment (or a replica of it), with no more permission than both grant.",
      MonitorInvariants::l2TlbExact);

  public static final Invariant<MonitorView> SHARED_READ_ONLY = new Invariant<>(
      "COW-1",
      "Copy-on-write pages (shared by several guest pages or held by the disk cache), replicas and replicated"
          + " pages are mapped read-only everywhere.",
      MonitorInvariants::sharedReadOnly);

  public static final Invariant<MonitorView> REPLICAS_EQUAL = new Invariant<>(
      "REP-1", "A replica holds the same contents as the page it replicates, which is in use and no replica itself.",
      MonitorInvariants::replicasEqual);

  public static final Invariant<MonitorView> MEMMAP_MATCHES_PMAP = new Invariant<>(
      "MAP-1", "The memmap back-mappings of every machine page are exactly the pmap entries that name it.",
      MonitorInvariants::memmapMatchesPmap);

  public static final Invariant<MonitorView> REFCOUNT_EXACT = new Invariant<>(
      "MAP-2",
      "The reference count of every machine page equals the pmap entries naming it, plus one if the disk cache"
          + " holds it, plus one if it is a replica.",
      MonitorInvariants::refCountExact);

  public static final Invariant<MonitorView> FREE_PLUS_USED = new Invariant<>(
      "MEM-1",
      "Free plus used equals the total of machine pages, and a free page is referenced by nothing.",
      MonitorInvariants::freePlusUsed);

  public static final Invariant<MonitorView> DMA_OWNED = new Invariant<>(
      "DMA-1", "A DMA a virtual machine asks for lands only on a machine page that virtual machine alone maps, writable.",
      MonitorInvariants::dmaOwned);

  public static final Invariant<MonitorView> ZEROED_BEFORE_REUSE = new Invariant<>(
      "CONF-1",
      "A virtual machine maps only machine pages whose contents it is entitled to read: a page that leaves one"
          + " virtual machine is zeroed before another can read it.",
      MonitorInvariants::zeroedBeforeReuse);

  public static final List<Invariant<MonitorView>> ALL = List.of(
      SINGLE_WRITER, MONITOR_PAGES_PRIVATE, HARDWARE_TLB_EXACT, L2TLB_EXACT, SHARED_READ_ONLY, REPLICAS_EQUAL,
      MEMMAP_MATCHES_PMAP, REFCOUNT_EXACT, FREE_PLUS_USED, DMA_OWNED, ZEROED_BEFORE_REUSE);

  // ---- the checks ---------------------------------------------------------------------------------

  private static List<String> singleWriter(MonitorView v) {
    TreeMap<Integer, TreeSet<Integer>> writers = new TreeMap<>();
    for (Mapping m : Mappings.of(v)) {
      if (m.writable() && m.vm() >= 0) {
        writers.computeIfAbsent(m.machinePage(), k -> new TreeSet<>()).add(m.vm());
      }
    }
    List<String> out = new ArrayList<>();
    writers.forEach((page, vms) -> {
      if (vms.size() > 1) {
        out.add("machine page " + page + " is writable by vms " + vms);
      }
    });
    return out;
  }

  private static List<String> monitorPagesPrivate(MonitorView v) {
    List<String> out = new ArrayList<>();
    for (Mapping m : Mappings.of(v)) {
      Role role = v.role(m.machinePage());
      if (role == Role.MONITOR) {
        out.add(m.where() + " maps monitor page " + m.machinePage());
      } else if (role == Role.PRIVILEGED_REGISTERS) {
        int owner = v.privilegedPageOwner(m.machinePage());
        if (m.where().startsWith("pmap") || owner != m.vm()) {
          out.add(m.where() + " maps the privileged-register page of vm " + owner);
        } else if (m.writable()) {
          out.add(m.where() + " maps its privileged-register page writable");
        }
      }
    }
    return out;
  }

  private static List<String> hardwareTlbExact(MonitorView v) {
    List<String> out = new ArrayList<>();
    for (int cpu = 0; cpu < v.shape().cpus(); cpu++) {
      Optional<VcpuId> on = v.onCpu(cpu);
      for (Translation t : v.hardwareTlb(cpu)) {
        String where = "TLB of cpu " + cpu + " entry vpn " + t.vpn() + " asid " + t.asid();
        if (on.isEmpty()) {
          out.add(where + " is left on an idle processor");
        } else {
          checkTranslation(v, on.get(), t, where, out);
        }
      }
    }
    return out;
  }

  private static List<String> l2TlbExact(MonitorView v) {
    List<String> out = new ArrayList<>();
    for (int vm = 0; vm < v.shape().vms(); vm++) {
      for (int vcpu = 0; vcpu < v.shape().vcpusPerVm(); vcpu++) {
        for (Translation t : v.l2Tlb(vm, vcpu)) {
          String where = "L2TLB of vm " + vm + " vcpu " + vcpu + " entry vpn " + t.vpn() + " asid " + t.asid();
          checkTranslation(v, new VcpuId(vm, vcpu), t, where, out);
        }
      }
    }
    return out;
  }

  /** Checks one virtual-to-machine translation against the virtual TLB and the pmap of its owner. */
  private static void checkTranslation(MonitorView v, VcpuId id, Translation t, String where, List<String> out) {
    if (t.vpn() == v.shape().privilegedVpn()) {
      if (v.privilegedPageOwner(t.machinePage()) != id.vm() || t.writable()) {
        out.add(where + " maps the privileged-register vpn to machine page " + t.machinePage()
            + (t.writable() ? " writable" : ""));
      }
      return;
    }
    GuestTlbSpec.State guest = v.guestTlb(id.vm(), id.vcpu());
    GuestTlbSpec.@Nullable Entry hit = null;
    for (GuestTlbSpec.Entry e : guest.entries()) {
      if (e.matches(t.vpn(), t.asid())) {
        hit = e;
        break;
      }
    }
    if (hit == null || !hit.valid()) {
      out.add(where + " (machine page " + t.machinePage() + ") has no valid entry in the virtual TLB of vm "
          + id.vm() + " vcpu " + id.vcpu());
      return;
    }
    Optional<PmapEntry> p = v.pmap(id.vm(), hit.guestPage());
    if (p.isEmpty()) {
      out.add(where + " names machine page " + t.machinePage() + " but guest page " + hit.guestPage()
          + " of vm " + id.vm() + " is unmapped");
      return;
    }
    int page = p.get().machinePage();
    if (t.machinePage() != page && v.replicaOf(t.machinePage()) != page) {
      out.add(where + " names machine page " + t.machinePage() + " but the pmap maps guest page "
          + hit.guestPage() + " of vm " + id.vm() + " to " + page);
    } else if (t.writable() && !(hit.dirty() && p.get().writable())) {
      out.add(where + " is writable but the " + (hit.dirty() ? "pmap" : "virtual TLB") + " entry is read-only");
    }
  }

  private static List<String> sharedReadOnly(MonitorView v) {
    List<String> out = new ArrayList<>();
    TreeSet<Integer> shared = new TreeSet<>();
    for (int mp = 0; mp < v.shape().machinePages(); mp++) {
      if (v.memmap(mp).size() > 1 || v.replicaOf(mp) >= 0) {
        shared.add(mp);
      }
      if (v.replicaOf(mp) >= 0) {
        shared.add(v.replicaOf(mp));
      }
    }
    for (int b = 0; b < v.shape().diskBlocks(); b++) {
      OptionalInt p = v.diskCachePage(b);
      if (p.isPresent()) {
        shared.add(p.getAsInt());
      }
    }
    for (Mapping m : Mappings.of(v)) {
      if (m.writable() && shared.contains(m.machinePage())) {
        out.add(m.where() + " maps shared machine page " + m.machinePage() + " writable");
      }
    }
    return out;
  }

  private static List<String> replicasEqual(MonitorView v) {
    List<String> out = new ArrayList<>();
    for (int mp = 0; mp < v.shape().machinePages(); mp++) {
      int master = v.replicaOf(mp);
      if (master < 0) {
        continue;
      }
      if (v.contents(mp) != v.contents(master)) {
        out.add("replica " + mp + " holds " + v.contents(mp) + " but page " + master + " holds " + v.contents(master));
      }
      if (v.role(master) != Role.GUEST || v.replicaOf(master) >= 0) {
        out.add("replica " + mp + " replicates page " + master + ", which is " + v.role(master)
            + (v.replicaOf(master) >= 0 ? " and a replica" : ""));
      }
    }
    return out;
  }

  private static List<String> memmapMatchesPmap(MonitorView v) {
    List<String> out = new ArrayList<>();
    for (int vm = 0; vm < v.shape().vms(); vm++) {
      for (int gp = 0; gp < v.shape().guestPages(); gp++) {
        Optional<PmapEntry> e = v.pmap(vm, gp);
        if (e.isPresent() && !v.memmap(e.get().machinePage()).contains(new BackMapping(vm, gp))) {
          out.add("pmap of vm " + vm + " maps page " + gp + " to " + e.get().machinePage()
              + " but its memmap has no back-mapping");
        }
      }
    }
    for (int mp = 0; mp < v.shape().machinePages(); mp++) {
      for (BackMapping b : v.memmap(mp)) {
        Optional<PmapEntry> e = v.pmap(b.vm(), b.guestPage());
        if (e.isEmpty() || e.get().machinePage() != mp) {
          out.add("memmap of machine page " + mp + " names vm " + b.vm() + " page " + b.guestPage()
              + ", whose pmap entry is " + (e.isEmpty() ? "empty" : "page " + e.get().machinePage()));
        }
      }
    }
    return out;
  }

  private static int[] expectedRefCounts(MonitorView v) {
    int[] expected = new int[v.shape().machinePages()];
    for (int vm = 0; vm < v.shape().vms(); vm++) {
      for (int gp = 0; gp < v.shape().guestPages(); gp++) {
        Optional<PmapEntry> e = v.pmap(vm, gp);
        if (e.isPresent()) {
          expected[e.get().machinePage()]++;
        }
      }
    }
    for (int b = 0; b < v.shape().diskBlocks(); b++) {
      OptionalInt p = v.diskCachePage(b);
      if (p.isPresent()) {
        expected[p.getAsInt()]++;
      }
    }
    for (int mp = 0; mp < expected.length; mp++) {
      if (v.replicaOf(mp) >= 0) {
        expected[mp]++;
      }
    }
    return expected;
  }

  private static List<String> refCountExact(MonitorView v) {
    List<String> out = new ArrayList<>();
    int[] expected = expectedRefCounts(v);
    for (int mp = 0; mp < expected.length; mp++) {
      if (v.role(mp) == Role.GUEST || v.role(mp) == Role.FREE) {
        if (v.refCount(mp) != expected[mp]) {
          out.add("machine page " + mp + " has reference count " + v.refCount(mp) + " but " + expected[mp] + " references");
        }
      }
    }
    return out;
  }

  private static List<String> freePlusUsed(MonitorView v) {
    List<String> out = new ArrayList<>();
    int free = 0;
    int used = 0;
    int[] references = expectedRefCounts(v);
    for (int mp = 0; mp < references.length; mp++) {
      if (v.role(mp) == Role.FREE) {
        free++;
        if (references[mp] != 0 || v.refCount(mp) != 0) {
          out.add("free machine page " + mp + " is still referenced");
        }
      } else {
        used++;
        if (v.role(mp) == Role.GUEST && references[mp] == 0) {
          out.add("machine page " + mp + " is in use but referenced by nothing (leaked)");
        }
      }
    }
    if (v.freeCount() != free || free + used != v.shape().machinePages()) {
      out.add("free count " + v.freeCount() + ", free pages " + free + ", used " + used + ", total "
          + v.shape().machinePages());
    }
    return out;
  }

  private static List<String> dmaOwned(MonitorView v) {
    Optional<MonitorView.Dma> d = v.lastDma();
    if (d.isEmpty()) {
      return List.of();
    }
    MonitorView.Dma dma = d.get();
    Optional<PmapEntry> e = v.pmap(dma.vm(), dma.guestPage());
    boolean owned = e.isPresent() && e.get().machinePage() == dma.machinePage() && e.get().writable()
        && v.memmap(dma.machinePage()).equals(List.of(new BackMapping(dma.vm(), dma.guestPage())));
    return owned ? List.of() : List.of("a DMA for vm " + dma.vm() + " guest page " + dma.guestPage()
        + " landed on machine page " + dma.machinePage() + " (" + v.role(dma.machinePage()) + "), which vm "
        + dma.vm() + " does not own alone");
  }

  private static List<String> zeroedBeforeReuse(MonitorView v) {
    List<String> out = new ArrayList<>();
    for (Mapping m : Mappings.of(v)) {
      if (m.vm() >= 0 && v.role(m.machinePage()) == Role.GUEST
          && (v.entitledReaders(m.machinePage()) & (1L << m.vm())) == 0) {
        out.add(m.where() + " reaches machine page " + m.machinePage()
            + ", which holds data vm " + m.vm() + " may not read");
      }
    }
    return out;
  }
}
