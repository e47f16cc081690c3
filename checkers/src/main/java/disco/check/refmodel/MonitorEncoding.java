package disco.check.refmodel;

import disco.check.engine.LongList;
import disco.spec.model.GuestTlbSpec;
import java.util.Arrays;

/**
 * The abstract monitor's state as numbers, with its virtual machines renamed by a permutation
 * {@code perm} (old vm to new vm): the explorer's fingerprint and exact-mode key, and, taking the
 * least over all permutations, its canonical form under symmetry. Renaming a virtual machine
 * renames its privileged-register page too. Pool pages are not renamed: allocation chooses the
 * lowest free page, so their numbers matter to the future.
 */
final class MonitorEncoding {
  private MonitorEncoding() {}

  static long[] encode(MonitorState s, int[] perm) {
    MonitorConfig c = s.config;
    int[] inverse = new int[perm.length];
    for (int vm = 0; vm < perm.length; vm++) {
      inverse[perm[vm]] = vm;
    }
    LongList out = new LongList();
    for (int cpu = 0; cpu < c.cpus(); cpu++) {
      out.add(s.running[cpu] < 0 ? -1 : perm[s.running[cpu]]);
      out.add(s.nextVictim[cpu]);
      for (long e : s.hardwareTlb[cpu]) {
        out.add(renameEntry(c, e, perm));
      }
    }
    for (int newVm = 0; newVm < c.vms(); newVm++) {
      int vm = inverse[newVm];
      out.add(s.alive[vm] ? 1 : 0);
      out.add(s.asid[vm]);
      out.add(s.nextRandom[vm]);
      for (GuestTlbSpec.Entry e : s.guestTlb[vm]) {
        out.add(e.vpn() < 0 ? 0 : 1 + (e.vpn() | (long) e.asid() << 16 | (long) e.guestPage() << 32
            | (e.global() ? 1L << 56 : 0) | (e.valid() ? 1L << 57 : 0) | (e.dirty() ? 1L << 58 : 0)));
      }
      for (int gp = 0; gp < c.guestPages(); gp++) {
        out.add(renamePage(c, s.pmap[vm][gp], perm) * 2L + (s.pmapWritable[vm][gp] ? 1 : 0));
      }
      for (long e : s.l2Tlb[vm]) {
        out.add(renameEntry(c, e, perm));
      }
    }
    for (int newPage = 0; newPage < c.machinePages(); newPage++) {
      int p = renamePage(c, newPage, inverse);
      out.add(s.free[p] ? 1 : 0);
      out.add(s.refCount[p]);
      out.add(s.contents[p]);
      out.add(renameBits(s.entitled[p], perm));
      out.add(renamePage(c, s.replicaOf[p], perm));
      int[] keys = new int[s.memmap[p].length];
      for (int i = 0; i < keys.length; i++) {
        int k = s.memmap[p][i];
        keys[i] = perm[k / c.guestPages()] * c.guestPages() + k % c.guestPages();
      }
      Arrays.sort(keys);
      out.add(keys.length);
      for (int k : keys) {
        out.add(k);
      }
    }
    out.add(s.freeCount);
    for (int page : s.diskCache) {
      out.add(page);
    }
    out.add(s.lastDma.length == 0 ? -1 : perm[s.lastDma[0]]);
    for (int i = 1; i < s.lastDma.length; i++) {
      out.add(s.lastDma[i]);
    }
    return out.toArray();
  }

  private static int renamePage(MonitorConfig c, int page, int[] perm) {
    return page >= 1 && page < c.firstPoolPage() ? c.privilegedPage(perm[page - 1]) : page;
  }

  private static long renameEntry(MonitorConfig c, long e, int[] perm) {
    if (e == MonitorState.EMPTY) {
      return e;
    }
    return MonitorState.entry(MonitorState.vpnOf(e), MonitorState.asidOf(e),
        renamePage(c, MonitorState.pageOf(e), perm), MonitorState.writableOf(e));
  }

  private static long renameBits(long bits, int[] perm) {
    if (bits == MonitorState.EVERYONE) {
      return bits;
    }
    long out = 0;
    for (int vm = 0; vm < perm.length; vm++) {
      if ((bits & (1L << vm)) != 0) {
        out |= 1L << perm[vm];
      }
    }
    return out;
  }

}
