package disco.hw.cpu;

import static disco.hw.cpu.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The joint TLB: lookups, the TLB exceptions and the TLB instructions. Vol. III, 4.8 (in some
 * revisions 4.9) "TLB-Based Virtual Address Translation" (match on VPN2 under PageMask and on ASID
 * unless G; the bit above the page offset selects EntryLo0/EntryLo1; V=0 is TLB Invalid; a store to
 * a D=0 page is TLB Modified), 6.2.8-6.2.10 for the exceptions, 6.2.x "Machine Check Exception"
 * (multiple matching entries; Status.TS), and Vol. II TLBP, TLBR, TLBWI ("the G bit of the entry is
 * the logical AND of EntryLo0.G and EntryLo1.G").
 */
class TlbTranslationTest {
  private static final int VA = 0x0050_0000;
  private static final int PA = 0x0060_0000;

  private static Rig withEntry(int asid, int flags0, int flags1) {
    Rig m = new Rig().kernel();
    m.map(5, VA, asid, PA, flags0, PA + 0x1000, flags1, 0);
    return m;
  }

  private static Rig runAt(Rig m, int... code) {
    return m.code(Rig.KCODE, code).at(Rig.KCODE).run(code.length);
  }

  @Test
  void storeToCleanPageIsTlbModified() {
    Rig m = withEntry(0x11, Rig.V | Rig.C, Rig.V | Rig.C).asid(0x11);
    m.mem.storeWord(PA + 0x20, 0x77);
    m.gpr(T1, VA + 0x20).gpr(T0, 0x99);
    runAt(m, lw(T2, 0, T1), sw(T0, 0, T1));
    assertEquals(0x77, m.cpu.gpr(T2), "loads from a clean page are fine");
    assertEquals(ExcCode.MOD, m.excCode());
    assertEquals(0x8000_0180, m.cpu.pc(), "TLB Modified uses the general vector");
    assertEquals(Rig.KCODE + 4, m.cpu.cp0().epc());
    assertEquals(VA + 0x20, m.cpu.cp0().badVAddr());
    assertEquals(VA | 0x11, m.cpu.cp0().entryHi());
    assertEquals(0x77, m.mem.loadWord(PA + 0x20), "the store did not happen");
  }

  @Test
  void storeToDirtyPageWorks() {
    Rig m = withEntry(0, Rig.V | Rig.D, Rig.V | Rig.D);
    m.gpr(T1, VA + 0x1020).gpr(T0, 0x99);
    runAt(m, sw(T0, 0, T1));
    assertFalse(m.exl());
    assertEquals(0x99, m.mem.loadWord(PA + 0x1020), "the odd page maps to EntryLo1's PFN");
  }

  @Test
  void invalidPageLoadIsTlblAndStoreIsTlbs() {
    Rig m = withEntry(0, Rig.V | Rig.D, Rig.D); // odd half invalid
    m.gpr(T1, VA + 0x1000);
    runAt(m, lw(T0, 0, T1));
    assertEquals(ExcCode.TLBL, m.excCode());
    assertEquals(0x8000_0180, m.cpu.pc());

    Rig s = withEntry(0, Rig.V | Rig.D, Rig.D);
    s.gpr(T1, VA + 0x1000);
    runAt(s, sw(T0, 0, T1));
    assertEquals(ExcCode.TLBS, s.excCode());
    assertEquals(0x8000_0180, s.cpu.pc());
    assertEquals(VA + 0x1000, s.cpu.cp0().badVAddr());
  }

  @Test
  void invalidBeatsDirtyOnStore() {
    // V is checked before D: a store to a V=0, D=0 page is TLBS, not Mod (Vol. III, TLB pseudocode).
    Rig m = withEntry(0, 0, 0);
    m.gpr(T1, VA);
    runAt(m, sw(T0, 0, T1));
    assertEquals(ExcCode.TLBS, m.excCode());
  }

  @Test
  void asidMismatchIsARefill() {
    Rig m = withEntry(0x30, Rig.V, Rig.V).asid(0x31);
    m.gpr(T1, VA);
    runAt(m, lw(T0, 0, T1));
    assertEquals(ExcCode.TLBL, m.excCode());
    assertEquals(0x8000_0000, m.cpu.pc(), "no entry matches: refill vector");
    assertEquals(VA | 0x31, m.cpu.cp0().entryHi());
  }

  @Test
  void asidMatchTranslates() {
    Rig m = withEntry(0x30, Rig.V, Rig.V).asid(0x30);
    m.mem.storeWord(PA + 4, 0x4444);
    m.gpr(T1, VA + 4);
    runAt(m, lw(T0, 0, T1));
    assertFalse(m.exl());
    assertEquals(0x4444, m.cpu.gpr(T0));
  }

  @Test
  void globalEntryMatchesAnyAsid() {
    for (int asid : new int[] {0, 0x31, 0xff}) {
      Rig m = withEntry(0x30, Rig.V | Rig.G, Rig.V | Rig.G).asid(asid);
      m.mem.storeWord(PA + 4, 0x4444);
      m.gpr(T1, VA + 4);
      runAt(m, lw(T0, 0, T1));
      assertFalse(m.exl(), "ASID " + asid);
      assertEquals(0x4444, m.cpu.gpr(T0));
    }
  }

  @Test
  void gInOnlyOneHalfIsNotGlobal() {
    Rig m = withEntry(0x30, Rig.V | Rig.G, Rig.V).asid(0x31);
    m.gpr(T1, VA);
    runAt(m, lw(T0, 0, T1));
    assertEquals(ExcCode.TLBL, m.excCode());
    assertEquals(0x8000_0000, m.cpu.pc());
  }

  /**
   * Large pages (Vol. III, PageMask register: 0x6000 for 16 KB, 0x1E000 for 64 KB, 0x1FE000 for 1
   * MB, 0x1FFE000 for 16 MB): VPN2 compares above the pair, the bit just above the page offset
   * picks the odd page, and the offset comes from the VA.
   */
  @ParameterizedTest
  @CsvSource({
    "0x00006000, 0x4000",
    "0x0001e000, 0x10000",
    "0x001fe000, 0x100000",
    "0x01ffe000, 0x1000000",
  })
  void largePages(String maskText, String sizeText) {
    int mask = Integer.decode(maskText);
    int size = Integer.decode(sizeText);
    int va = 0x1000_0000; // aligned to every pair size here
    int pa0 = 0x0400_0000;
    int pa1 = 0x0800_0000;
    Rig m = new Rig().kernel();
    m.map(7, va, 0, pa0, Rig.V | Rig.D | Rig.G, pa1, Rig.V | Rig.D | Rig.G, mask);
    int evenOffset = size - 8; // last word of the even page: same VPN2 as the base
    int oddOffset = 12; // just inside the odd page
    m.mem.storeWord(pa0 + evenOffset, 0xeeee);
    m.mem.storeWord(pa1 + oddOffset, 0x0dd0);
    m.mem.storeWord(pa0 + 16, 0xf00d);
    m.gpr(T1, va + evenOffset).gpr(T2, va + size + oddOffset).gpr(T3, va + 16).gpr(A0, va + 2 * size);
    runAt(m, lw(T0, 0, T1), lw(S0, 0, T2), lw(V0, 0, T3), lw(V1, 0, A0));
    assertEquals(0xeeee, m.cpu.gpr(T0));
    assertEquals(0x0dd0, m.cpu.gpr(S0));
    assertEquals(0xf00d, m.cpu.gpr(V0));
    assertEquals(ExcCode.TLBL, m.excCode(), "the address past the pair misses");
    assertEquals(va + 2 * size, m.cpu.cp0().badVAddr());
    assertEquals(0x8000_0000, m.cpu.pc());
  }

  @Test
  void fetchThroughTheTlb() {
    Rig m = new Rig().kernel();
    m.map(2, 0x0070_0000, 0, 0x0010_0000, Rig.V | Rig.G, 0x0011_0000, Rig.V | Rig.G, 0);
    m.code(0x0011_0000, ori(T0, ZERO, 0x42)); // the odd page
    m.at(0x0070_1000).run(1);
    assertEquals(0x42, m.cpu.gpr(T0));
    assertEquals(0x0070_1004, m.cpu.pc());
  }

  // ---- TLB instructions ----

  /** Loads EntryHi, EntryLo0/1, PageMask and Index, then TLBWI. */
  private static int[] writeIndexed(int index, int hi, int lo0, int lo1, int mask) {
    return new int[] {
      lui(T0, hi >>> 16), ori(T0, T0, hi), mtc0(T0, C0_ENTRYHI),
      lui(T0, lo0 >>> 16), ori(T0, T0, lo0), mtc0(T0, C0_ENTRYLO0),
      lui(T0, lo1 >>> 16), ori(T0, T0, lo1), mtc0(T0, C0_ENTRYLO1),
      lui(T0, mask >>> 16), ori(T0, T0, mask), mtc0(T0, C0_PAGEMASK),
      ori(T0, ZERO, index), mtc0(T0, C0_INDEX),
      tlbwi(),
    };
  }

  private static int[] concat(int[]... parts) {
    int n = 0;
    for (int[] p : parts) {
      n += p.length;
    }
    int[] out = new int[n];
    int k = 0;
    for (int[] p : parts) {
      System.arraycopy(p, 0, out, k, p.length);
      k += p.length;
    }
    return out;
  }

  @Test
  void tlbrReadsBackWhatTlbwiWrote() {
    // VPN2 bits under PageMask are left clear: what TLBWI keeps of them is implementation dependent.
    int hi = 0x1234_8000 | 0x5a;
    int lo0 = Rig.lo(0x0abc_d000, Rig.C | Rig.D | Rig.V | Rig.G);
    int lo1 = Rig.lo(0x0123_4000, Rig.C | Rig.V); // G clear: the entry is not global
    int mask = 0x0000_6000;
    Rig m = new Rig().kernel();
    int[] code = concat(writeIndexed(9, hi, lo0, lo1, mask), new int[] {
      // scribble over the registers, then read entry 9 back
      mtc0(ZERO, C0_ENTRYHI), mtc0(ZERO, C0_ENTRYLO0), mtc0(ZERO, C0_ENTRYLO1), mtc0(ZERO, C0_PAGEMASK),
      tlbr(),
      mfc0(S0, C0_ENTRYHI), mfc0(A0, C0_ENTRYLO0), mfc0(A1, C0_ENTRYLO1), mfc0(V0, C0_PAGEMASK),
    });
    runAt(m, code);
    assertFalse(m.exl());
    assertEquals(hi, m.cpu.gpr(S0), "EntryHi");
    assertEquals(lo0 & ~1, m.cpu.gpr(A0), "EntryLo0 with G = G0 AND G1 = 0");
    assertEquals(lo1, m.cpu.gpr(A1), "EntryLo1");
    assertEquals(mask, m.cpu.gpr(V0), "PageMask");
  }

  @Test
  void tlbrOfAGlobalEntrySetsGInBothHalves() {
    int lo0 = Rig.lo(0x0010_0000, Rig.V | Rig.G);
    int lo1 = Rig.lo(0x0020_0000, Rig.G);
    Rig m = new Rig().kernel();
    runAt(m, concat(writeIndexed(3, 0x0040_0000, lo0, lo1, 0),
        new int[] {mtc0(ZERO, C0_ENTRYLO0), mtc0(ZERO, C0_ENTRYLO1), tlbr(),
          mfc0(A0, C0_ENTRYLO0), mfc0(A1, C0_ENTRYLO1)}));
    assertEquals(lo0, m.cpu.gpr(A0));
    assertEquals(lo1, m.cpu.gpr(A1));
    assertEquals(0x0040_0000, m.cpu.tlb().entryHi(3));
  }

  @Test
  void tlbpHitAndMiss() {
    Rig m = new Rig().kernel();
    m.map(6, VA, 0x12, PA, Rig.V, PA + 0x1000, Rig.V, 0);
    m.map(8, 0x0090_0000, 0x99, PA, Rig.V | Rig.G, PA + 0x1000, Rig.V | Rig.G, 0);
    runAt(m,
        lui(T0, VA >>> 16), ori(T0, T0, 0x12), mtc0(T0, C0_ENTRYHI), tlbp(), mfc0(S0, C0_INDEX),
        ori(T0, T0, 0x13), mtc0(T0, C0_ENTRYHI), tlbp(), mfc0(A0, C0_INDEX), // other ASID: miss
        lui(T0, 0x0090), ori(T0, T0, 0x1000 | 0x13), mtc0(T0, C0_ENTRYHI), tlbp(), mfc0(A1, C0_INDEX));
    assertEquals(6, m.cpu.gpr(S0), "hit: Index = 6, P = 0");
    assertTrue(m.cpu.gpr(A0) < 0, "miss: Index.P = 1");
    assertEquals(8, m.cpu.gpr(A1), "hit on a global entry under any ASID (odd page VA in EntryHi)");
  }

  @Test
  void duplicateEntryIsAMachineCheck() {
    Rig m = new Rig().kernel();
    m.map(4, VA, 0x10, PA, Rig.V, PA + 0x1000, Rig.V, 0);
    int lo = Rig.lo(0x0070_0000, Rig.V);
    runAt(m, writeIndexed(5, VA | 0x10, lo, lo, 0));
    assertEquals(ExcCode.MCHECK, m.excCode());
    assertTrue((m.cpu.cp0().status() & Cp0.ST_TS) != 0, "Status.TS");
    assertEquals(0x8000_0180, m.cpu.pc());
    assertEquals(Rig.KCODE + 14 * 4, m.cpu.cp0().epc(), "EPC names the TLBWI");
    assertEquals(0x8000_0000 + (5 << 13), m.cpu.tlb().entryHi(5), "entry 5 left as it was");
  }

  @Test
  void overlappingLargePageIsAMachineCheckToo() {
    Rig m = new Rig().kernel();
    m.map(4, VA + 0x6000, 0, PA, Rig.V | Rig.G, PA + 0x1000, Rig.V | Rig.G, 0); // 4 KB pair
    int lo = Rig.lo(0x0070_0000, Rig.V);
    runAt(m, writeIndexed(5, VA | 0x44, lo, lo, 0x1e000)); // 64 KB pair covering it
    assertEquals(ExcCode.MCHECK, m.excCode());
  }

  @Test
  void sameVpnWithOtherAsidOrRewritingTheSameIndexIsFine() {
    Rig m = new Rig().kernel();
    m.map(4, VA, 0x10, PA, Rig.V, PA + 0x1000, Rig.V, 0);
    int lo = Rig.lo(0x0070_0000, Rig.V);
    runAt(m, concat(writeIndexed(5, VA | 0x11, lo, lo, 0), writeIndexed(4, VA | 0x10, lo, lo, 0)));
    assertFalse(m.exl());
    assertEquals(VA | 0x11, m.cpu.tlb().entryHi(5));
    assertEquals(lo & ~1, m.cpu.tlb().entryLo0(4));
  }

  @Test
  void tlbWriteTakesEffectForTheNextFetch() {
    // Map the page the CPU is about to fetch from only by executing TLBWI: the fetch must see it.
    Rig m = new Rig().kernel();
    m.code(0x0030_0000, ori(S0, ZERO, 0x55));
    int lo = Rig.lo(0x0030_0000, Rig.V | Rig.G);
    int[] code = concat(writeIndexed(1, 0x0100_0000, lo, lo, 0),
        new int[] {lui(T1, 0x0100), jr(T1), nop()});
    m.code(Rig.KCODE, code).at(Rig.KCODE).run(code.length + 1);
    assertEquals(0x55, m.cpu.gpr(S0));
  }
}
