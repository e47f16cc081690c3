package disco.check.refmodel;

import disco.spec.model.GuestTlbSpec;
import java.util.List;

/**
 * A family of operations the harness offers at a state. A harness is built from a list of
 * families, so a new kind of operation (a new policy, a binding to another implementation's
 * operations) comes in as one more family, without touching the explorer.
 */
@FunctionalInterface
public interface Operations {
  /** Adds the family's operations enabled at {@code s} to {@code out}, in a fixed order. */
  void offer(MonitorState s, List<MonitorOp> out);

  /** Every family of the abstract monitor, in the order the harness offers them. */
  static List<Operations> standard() {
    return List.of(
        Operations::scheduling, Operations::guestAccesses, Operations::guestTlb, Operations::disks,
        Operations::network, Operations::discards, Operations::placement, Operations::crashes);
  }

  /** Operations that may need a free machine page wait while there is none. */
  private static boolean canAllocate(MonitorState s) {
    return s.freeCount > 0;
  }

  static void scheduling(MonitorState s, List<MonitorOp> out) {
    for (int cpu = 0; cpu < s.config.cpus(); cpu++) {
      for (int vm = 0; vm < s.config.vms(); vm++) {
        if (s.alive[vm] && !isRunning(s, vm)) {
          out.add(new MonitorOp.Run(cpu, vm));
        }
      }
    }
  }

  private static boolean isRunning(MonitorState s, int vm) {
    for (int v : s.running) {
      if (v == vm) {
        return true;
      }
    }
    return false;
  }

  static void guestAccesses(MonitorState s, List<MonitorOp> out) {
    if (!canAllocate(s)) {
      return;
    }
    for (int cpu = 0; cpu < s.config.cpus(); cpu++) {
      if (s.running[cpu] == MonitorState.NONE) {
        continue;
      }
      for (int vpn = 0; vpn <= s.config.vpns(); vpn++) {
        out.add(new MonitorOp.Load(cpu, vpn));
        for (int value : s.config.values()) {
          out.add(new MonitorOp.Store(cpu, vpn, value));
        }
      }
    }
  }

  /** TLBWI of every entry (and an invalid one) at every index; TLBWR and ASID changes when they differ from it. */
  static void guestTlb(MonitorState s, List<MonitorOp> out) {
    MonitorConfig c = s.config;
    for (int cpu = 0; cpu < c.cpus(); cpu++) {
      int vm = s.running[cpu];
      if (vm == MonitorState.NONE) {
        continue;
      }
      for (int vpn = 0; vpn < c.vpns(); vpn++) {
        out.add(new MonitorOp.GuestTlb(cpu, new GuestTlbSpec.Probe(vpn)));
        for (int gp = 0; gp < c.guestPages(); gp++) {
          for (boolean dirty : new boolean[] {false, true}) {
            GuestTlbSpec.Entry e = new GuestTlbSpec.Entry(vpn, s.asid[vm], false, gp, true, dirty);
            for (int i = 0; i < c.tlbEntries(); i++) {
              out.add(new MonitorOp.GuestTlb(cpu, new GuestTlbSpec.WriteIndexed(i, e)));
            }
            if (c.tlbEntries() > 1) {
              out.add(new MonitorOp.GuestTlb(cpu, new GuestTlbSpec.WriteRandom(e)));
            }
          }
        }
      }
      for (int i = 0; i < c.tlbEntries(); i++) {
        out.add(new MonitorOp.GuestTlb(cpu, new GuestTlbSpec.WriteIndexed(i, GuestTlbSpec.Entry.EMPTY)));
      }
      for (int a = 0; a < c.asids(); a++) {
        if (a != s.asid[vm]) {
          out.add(new MonitorOp.GuestTlb(cpu, new GuestTlbSpec.SetAsid(a)));
        }
      }
    }
  }

  static void disks(MonitorState s, List<MonitorOp> out) {
    if (!canAllocate(s)) {
      return;
    }
    forEachGuestPage(s, (cpu, gp) -> {
      for (int b = 0; b < s.config.disk().size(); b++) {
        out.add(new MonitorOp.DiskRead(cpu, gp, b));
        out.add(new MonitorOp.DmaRead(cpu, gp, b));
      }
    });
  }

  static void network(MonitorState s, List<MonitorOp> out) {
    if (!canAllocate(s)) {
      return;
    }
    forEachGuestPage(s, (cpu, gp) -> {
      for (int to = 0; to < s.config.vms(); to++) {
        if (to != s.running[cpu] && s.alive[to]) {
          for (int tp = 0; tp < s.config.guestPages(); tp++) {
            out.add(new MonitorOp.Send(cpu, gp, to, tp));
          }
        }
      }
    });
  }

  static void discards(MonitorState s, List<MonitorOp> out) {
    forEachGuestPage(s, (cpu, gp) -> {
      if (s.pmap[s.running[cpu]][gp] != MonitorState.NONE) {
        out.add(new MonitorOp.Discard(cpu, gp));
      }
    });
  }

  /** Migration of private pages, replication to nodes without a copy, collapse of replicated pages. */
  static void placement(MonitorState s, List<MonitorOp> out) {
    MonitorConfig c = s.config;
    for (int vm = 0; vm < c.vms(); vm++) {
      for (int gp = 0; gp < c.guestPages(); gp++) {
        int page = s.pmap[vm][gp];
        if (page == MonitorState.NONE) {
          continue;
        }
        boolean replicated = false;
        long nodesWithCopy = 1L << c.nodeOfPage(page);
        for (int p = c.firstPoolPage(); p < c.machinePages(); p++) {
          if (s.replicaOf[p] == page) {
            replicated = true;
            nodesWithCopy |= 1L << c.nodeOfPage(p);
          }
        }
        boolean cached = false;
        for (int d : s.diskCache) {
          cached |= d == page;
        }
        int target = (c.nodeOfPage(page) + 1) % c.nodes();
        if (!replicated && !cached && s.memmap[page].length == 1 && target != c.nodeOfPage(page) && hasFreeOn(s, target)) {
          out.add(new MonitorOp.Migrate(vm, gp));
        }
        for (int node = 0; node < c.nodes(); node++) {
          if ((nodesWithCopy & (1L << node)) == 0 && hasFreeOn(s, node)) {
            out.add(new MonitorOp.Replicate(vm, gp, node));
          }
        }
        if (replicated) {
          out.add(new MonitorOp.Collapse(vm, gp));
        }
      }
    }
  }

  private static boolean hasFreeOn(MonitorState s, int node) {
    for (int p = s.config.firstPoolPage(); p < s.config.machinePages(); p++) {
      if (s.free[p] && s.config.nodeOfPage(p) == node) {
        return true;
      }
    }
    return false;
  }

  static void crashes(MonitorState s, List<MonitorOp> out) {
    for (int vm = 0; vm < s.config.vms(); vm++) {
      if (s.alive[vm]) {
        out.add(new MonitorOp.Crash(vm));
      }
    }
  }

  /** Calls {@code body} for each processor running a virtual machine and each guest page. */
  private static void forEachGuestPage(MonitorState s, PageVisitor body) {
    for (int cpu = 0; cpu < s.config.cpus(); cpu++) {
      if (s.running[cpu] != MonitorState.NONE) {
        for (int gp = 0; gp < s.config.guestPages(); gp++) {
          body.visit(cpu, gp);
        }
      }
    }
  }

  /** A visit of one guest page from one processor. */
  @FunctionalInterface
  interface PageVisitor {
    void visit(int cpu, int guestPage);
  }
}
