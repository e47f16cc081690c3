package disco.monitor.trap;

import disco.hw.port.CpuPort;
import disco.hw.port.TlbEntry;
import disco.monitor.cpu.VirtualCpu;
import java.util.HashMap;
import java.util.Map;

/**
 * Tagging the hardware TLB by vCPU, the option the paper did not take (section 4.2.2 flushes the
 * TLB on every vCPU switch because IRIX's ASIDs are not virtualized). Each CPU gives the pairs
 * (vCPU, guest ASID) it meets real ASIDs 1..255 in turn; when they run out it flushes its TLB and
 * starts again. An entry the monitor writes for a guest's useg mapping carries the real ASID, so a
 * vCPU's entries survive a switch to another vCPU; entries that match every ASID (the physical
 * window, the privileged-register page, the guest's own global entries) are dropped at a switch
 * instead ({@link #dropGlobals}). A real ASID is never shared by two vCPUs, so one vCPU can never
 * hit another's entry, even of its own VM.
 */
final class AsidTags {
  private static final int REAL_ASIDS = 255;

  private final Map<Long, Integer>[] byCpu;
  private final int[] next;

  @SuppressWarnings("unchecked")
  AsidTags(int cpus) {
    byCpu = new Map[cpus];
    next = new int[cpus];
    for (int i = 0; i < cpus; i++) {
      byCpu[i] = new HashMap<>();
      next[i] = 1;
    }
  }

  /** The real ASID of {@code v}'s guest ASID {@code asid} on {@code cpu}, given one if it has none. */
  int real(CpuPort cpu, VirtualCpu v, int asid) {
    int n = cpu.number();
    long key = ((long) v.vm() << 40) | ((long) v.number() << 8) | (asid & 0xff);
    Integer r = byCpu[n].get(key);
    if (r != null) {
      return r;
    }
    if (next[n] > REAL_ASIDS) {
      cpu.tlbFlush(); // every real ASID is taken: start a new generation
      byCpu[n].clear();
      next[n] = 1;
    }
    int given = next[n]++;
    byCpu[n].put(key, given);
    return given;
  }

  /** Drops every entry of {@code cpu}'s TLB with the global bit set: they would match the next vCPU. */
  static void dropGlobals(CpuPort cpu) {
    for (int i = 0; i < cpu.tlbSize(); i++) {
      TlbEntry e = cpu.tlbRead(i);
      if ((e.entryLo0() & e.entryLo1() & 1) != 0) {
        cpu.tlbInvalidate(e.entryHi() & 0xffff_e000, 0); // global: it matches under any ASID
      }
    }
  }
}
