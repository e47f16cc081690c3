package disco.hw.cpu;

/**
 * The R4000-style, software-managed joint TLB of MIPS32 (Vol. III, chapter "Memory Management",
 * section on the TLB): each entry maps an even/odd pair of virtual pages (VPN2) of a size set by
 * its PageMask, tagged by an ASID unless global, with PFN/C/D/V per half.
 *
 * <p>Entries are stored in the CP0 register formats so that TLBR returns exactly what TLBWI wrote:
 * {@code entryHi} (VPN2 and ASID), {@code pageMask}, and each half's EntryLo (PFN, C, D, V; G is kept
 * once, as the AND of the two halves' G bits, as the manual prescribes for TLBWI/TLBWR).
 */
public final class Tlb {
  private final int size;
  final int[] entryHi;
  final int[] pageMask;
  final int[] lo0;
  final int[] lo1;
  final boolean[] global;

  /** Incremented by every write, so translation caches know when they are stale. */
  private int generation;

  public Tlb(int size) {
    if (size < 1 || size > 64) {
      throw new IllegalArgumentException("TLB size must be 1..64, got " + size);
    }
    this.size = size;
    entryHi = new int[size];
    pageMask = new int[size];
    lo0 = new int[size];
    lo1 = new int[size];
    global = new boolean[size];
    // Distinct, unmatchable-in-practice reset contents: VPN2s in kseg0, which is never mapped, so
    // that no two entries match the same address after reset.
    for (int i = 0; i < size; i++) {
      entryHi[i] = 0x8000_0000 + (i << 13);
    }
  }

  public int size() {
    return size;
  }

  public int generation() {
    return generation;
  }

  /** The index of the entry that matches {@code vaddr} under {@code asid}, or -1. */
  public int find(int vaddr, int asid) {
    for (int i = 0; i < size; i++) {
      int mask = ~(pageMask[i] | 0x1fff);
      if (((entryHi[i] ^ vaddr) & mask) == 0 && (global[i] || (entryHi[i] & 0xff) == asid)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The EntryLo of the half of entry {@code i} that {@code vaddr} falls in: the bit just above the
   * page offset (bit 12 for 4 KB pages) selects the odd page.
   */
  public int halfFor(int i, int vaddr) {
    int oddBit = (pageMask[i] | 0x1fff) + 1 >>> 1;
    return (vaddr & oddBit) == 0 ? lo0[i] : lo1[i];
  }

  /** The page-offset mask of entry {@code i}: 0xfff for 4 KB pages, up to 0xffffff for 16 MB. */
  public int offsetMask(int i) {
    return (pageMask[i] | 0x1fff) >>> 1;
  }

  /**
   * Whether writing an entry with these fields at {@code index} would make two entries match one
   * address (Vol. III: the result of such a TLB is undefined; implementations raise Machine Check).
   */
  public boolean wouldDuplicate(int index, int hi, int mask, boolean g) {
    for (int i = 0; i < size; i++) {
      if (i == index) {
        continue;
      }
      int common = ~(pageMask[i] | mask | 0x1fff);
      boolean sameVpn = ((entryHi[i] ^ hi) & common) == 0;
      boolean asidOverlap = g || global[i] || ((entryHi[i] ^ hi) & 0xff) == 0;
      if (sameVpn && asidOverlap) {
        return true;
      }
    }
    return false;
  }

  public void write(int index, int hi, int mask, int entryLo0, int entryLo1) {
    pageMask[index] = mask & 0x1fff_e000;
    entryHi[index] = hi & 0xffff_e0ff;
    global[index] = (entryLo0 & entryLo1 & 1) != 0;
    lo0[index] = entryLo0 & 0x3fff_fffe;
    lo1[index] = entryLo1 & 0x3fff_fffe;
    generation++;
  }

  TlbState state() {
    return new TlbState(entryHi.clone(), pageMask.clone(), lo0.clone(), lo1.clone(), global.clone(), generation);
  }

  void restore(TlbState s) {
    System.arraycopy(s.entryHi(), 0, entryHi, 0, size);
    System.arraycopy(s.pageMask(), 0, pageMask, 0, size);
    System.arraycopy(s.lo0(), 0, lo0, 0, size);
    System.arraycopy(s.lo1(), 0, lo1, 0, size);
    System.arraycopy(s.global(), 0, global, 0, size);
    generation = s.generation();
  }

  public int entryHi(int i) {
    return entryHi[i];
  }

  public int pageMask(int i) {
    return pageMask[i];
  }

  /** EntryLo0 as TLBR returns it: the stored half with G set from the entry's global bit. */
  public int entryLo0(int i) {
    return lo0[i] | (global[i] ? 1 : 0);
  }

  public int entryLo1(int i) {
    return lo1[i] | (global[i] ? 1 : 0);
  }
}
