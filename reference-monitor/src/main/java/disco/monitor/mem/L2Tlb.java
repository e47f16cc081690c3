package disco.monitor.mem;

import disco.spec.addr.MachineAddr;
import disco.spec.addr.GuestVirtual;
import disco.hw.port.TlbEntry;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A vCPU's second-level software TLB (paper 4.2.2): a direct-mapped cache of guest-virtual to
 * machine translations, consulted on a hardware TLB miss before the guest's TLB is searched and the
 * miss forwarded to the guest. An entry exists only while the guest's own TLB holds the entry it
 * was made from: every guest TLB write and every flush removes what it replaced, so the cache
 * never answers for a translation the guest has taken away.
 */
public final class L2Tlb {
  private final @Nullable TlbEntry[] entries;
  private final int mask;
  private long hits;
  private long misses;

  /** @param size entries, a power of two */
  public L2Tlb(int size) {
    if (size <= 0 || Integer.bitCount(size) != 1) {
      throw new IllegalArgumentException("the L2TLB size must be a power of two, got " + size);
    }
    entries = new TlbEntry[size];
    mask = size - 1;
  }

  private int slot(int vpn2Address, int asid) {
    int v = vpn2Address >>> 13;
    return (v ^ (v >>> 7) ^ (asid * 0x9e37)) & mask;
  }

  private static boolean matches(TlbEntry e, int vpn2Address, int asid) {
    boolean global = (e.entryLo0() & e.entryLo1() & 1) != 0;
    return (e.entryHi() & 0xffff_e000) == (vpn2Address & 0xffff_e000)
        && (global || (e.entryHi() & 0xff) == asid);
  }

  /** The machine-terms entry for the page pair of {@code vpn2Address} under {@code asid}, or null. */
  public @Nullable TlbEntry lookup(@GuestVirtual int vpn2Address, int asid) {
    TlbEntry e = entries[slot(vpn2Address, asid)];
    if (e != null && matches(e, vpn2Address, asid)) {
      hits++;
      return e;
    }
    misses++;
    return null;
  }

  /** Keeps {@code e} (machine terms), replacing whatever shared its slot. */
  public void insert(TlbEntry e) {
    entries[slot(e.entryHi(), e.entryHi() & 0xff)] = e;
  }

  /** Forgets the entry for the page pair of {@code entryHi} (VPN2 and ASID), if any. */
  public void invalidate(@GuestVirtual int entryHi, boolean global) {
    if (global) {
      for (int i = 0; i < entries.length; i++) {
        TlbEntry e = entries[i];
        if (e != null && (e.entryHi() & 0xffff_e000) == (entryHi & 0xffff_e000)) {
          entries[i] = null;
        }
      }
      return;
    }
    int s = slot(entryHi, entryHi & 0xff);
    TlbEntry e = entries[s];
    if (e != null && matches(e, entryHi, entryHi & 0xff)) {
      entries[s] = null;
    }
  }

  /** Forgets every entry that names machine page {@code page} (a shootdown). Returns how many. */
  public int invalidateMachinePage(@MachineAddr int page) {
    int n = 0;
    for (int i = 0; i < entries.length; i++) {
      TlbEntry e = entries[i];
      if (e != null && (names(e.entryLo0(), page) || names(e.entryLo1(), page))) {
        entries[i] = null;
        n++;
      }
    }
    return n;
  }

  private static boolean names(int entryLo, int page) {
    return (entryLo & 2) != 0 && (entryLo >>> 6) == page;
  }

  public void flush() {
    java.util.Arrays.fill(entries, null);
  }

  public int size() {
    return entries.length;
  }

  /** The entries held now, for the checkers. */
  public java.util.List<TlbEntry> entries() {
    java.util.List<TlbEntry> out = new java.util.ArrayList<>();
    for (TlbEntry e : entries) {
      if (e != null) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * The L2TLB as data: five words per slot (1 if it holds an entry, then EntryHi, PageMask,
   * EntryLo0, EntryLo1; zeros for an empty slot), and the hit and miss counts.
   */
  public record State(int[] slots, long hits, long misses) {}

  public State state() {
    int[] w = new int[entries.length * 5];
    for (int i = 0; i < entries.length; i++) {
      TlbEntry e = entries[i];
      if (e != null) {
        w[i * 5] = 1;
        w[i * 5 + 1] = e.entryHi();
        w[i * 5 + 2] = e.pageMask();
        w[i * 5 + 3] = e.entryLo0();
        w[i * 5 + 4] = e.entryLo1();
      }
    }
    return new State(w, hits, misses);
  }

  public void restore(State s) {
    int[] w = s.slots();
    for (int i = 0; i < entries.length; i++) {
      entries[i] = w[i * 5] == 0 ? null : new TlbEntry(w[i * 5 + 1], w[i * 5 + 2], w[i * 5 + 3], w[i * 5 + 4]);
    }
    hits = s.hits();
    misses = s.misses();
  }

  public long hits() {
    return hits;
  }

  public long misses() {
    return misses;
  }
}
