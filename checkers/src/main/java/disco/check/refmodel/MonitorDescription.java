package disco.check.refmodel;

import disco.spec.model.GuestTlbSpec;
import disco.spec.observe.MonitorView;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** The abstract monitor's state as named fields, for the state changes a counterexample prints. */
final class MonitorDescription {
  private MonitorDescription() {}

  static SortedMap<String, String> of(MonitorState s) {
    MonitorConfig c = s.config;
    SortedMap<String, String> m = new TreeMap<>();
    for (int cpu = 0; cpu < c.cpus(); cpu++) {
      m.put("cpu" + cpu + ".vm", s.running[cpu] < 0 ? "idle" : "vm" + s.running[cpu]);
      m.put("cpu" + cpu + ".tlb", translations(s.hardwareTlb(cpu)));
    }
    for (int vm = 0; vm < c.vms(); vm++) {
      String p = "vm" + vm + ".";
      m.put(p + "state", s.alive[vm] ? "running asid " + s.asid[vm] : "stopped");
      List<String> v = new ArrayList<>();
      for (GuestTlbSpec.Entry e : s.guestTlb[vm]) {
        v.add(e.vpn() < 0 ? "-" : "vpn" + e.vpn() + "/" + e.asid() + "->gp" + e.guestPage()
            + (e.valid() ? " V" : "") + (e.dirty() ? " D" : ""));
      }
      m.put(p + "vtlb", String.join(", ", v));
      List<String> pm = new ArrayList<>();
      for (int gp = 0; gp < c.guestPages(); gp++) {
        pm.add("gp" + gp + (s.pmap[vm][gp] < 0 ? "->-" : "->m" + s.pmap[vm][gp] + (s.pmapWritable[vm][gp] ? " rw" : " ro")));
      }
      m.put(p + "pmap", String.join(", ", pm));
      m.put(p + "l2tlb", translations(s.l2Tlb(vm, 0)));
    }
    for (int page = 0; page < c.machinePages(); page++) {
      if (s.free[page] && s.contents[page] == 0) {
        continue;
      }
      StringBuilder b = new StringBuilder(s.free[page] ? "free" : s.role(page).toString().toLowerCase(java.util.Locale.ROOT));
      b.append(" value ").append(s.contents[page]);
      if (s.role(page) == MonitorView.Role.GUEST) {
        b.append(" ref ").append(s.refCount[page]).append(" map ").append(s.memmap(page));
        b.append(" readers ").append(s.entitled[page] == MonitorState.EVERYONE ? "all" : Long.toBinaryString(s.entitled[page]));
        if (s.replicaOf[page] >= 0) {
          b.append(" replica of m").append(s.replicaOf[page]);
        }
      }
      m.put(String.format(java.util.Locale.ROOT, "m%03d", page), b.toString());
    }
    m.put("free", Integer.toString(s.freeCount));
    List<String> cache = new ArrayList<>();
    for (int b = 0; b < s.diskCache.length; b++) {
      cache.add("block" + b + (s.diskCache[b] < 0 ? "->-" : "->m" + s.diskCache[b]));
    }
    m.put("disk cache", String.join(", ", cache));
    m.put("seen", s.lastSeen.toString());
    m.put("dma", s.lastDma().map(Object::toString).orElse("-"));
    return m;
  }

  private static String translations(List<MonitorView.Translation> ts) {
    List<String> out = new ArrayList<>();
    for (MonitorView.Translation t : ts) {
      out.add("vpn" + t.vpn() + "/" + t.asid() + "->m" + t.machinePage() + (t.writable() ? " rw" : " ro"));
    }
    return out.isEmpty() ? "-" : String.join(", ", out);
  }
}
