package disco.hw.cpu;

import static disco.hw.cpu.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/**
 * The processor's one-entry load and store translation caches are no architectural state: after
 * anything that changes a translation, the next access to the same virtual page is translated
 * again, exactly as if nothing had been cached (MIPS32 Vol. III, "TLB-Based Virtual Address
 * Translation"; Vol. II TLBWI, MTC0). Each test first touches the page, so that its translation is
 * cached, then changes the translation with an instruction and touches the page again.
 */
class DataTranslationCacheTest {
  private static final int VA = 0x0050_0000;
  private static final int PA = 0x0060_0000;
  private static final int PA2 = 0x0070_0000;

  /** Kernel-mode rig with entry 5 mapping VA's even page to PA with {@code flags}, t1 = VA. */
  private static Rig mapped(int flags) {
    Rig m = new Rig().kernel();
    m.map(5, VA, 0, PA, flags, PA + 0x1000, flags, 0);
    m.gpr(T1, VA);
    m.mem.storeWord(PA, 0x1111);
    m.mem.storeWord(PA2, 0x2222);
    return m;
  }

  /** Code that rewrites entry 5 (Index in s0) with EntryHi = VA and EntryLo0 = s1, EntryLo1 = s2. */
  private static int[] rewriteEntry() {
    return new int[] {mtc0(S0, 0), mtc0(T1, 10), mtc0(S1, 2), mtc0(S2, 3), tlbwi()};
  }

  private static Rig runWith(Rig m, int first, int last, int lo0, int lo1) {
    int[] rewrite = rewriteEntry();
    int[] code = new int[rewrite.length + 2];
    code[0] = first;
    System.arraycopy(rewrite, 0, code, 1, rewrite.length);
    code[code.length - 1] = last;
    m.gpr(S0, 5).gpr(S1, lo0).gpr(S2, lo1);
    return m.code(Rig.KCODE, code).at(Rig.KCODE).run(code.length);
  }

  @Test
  void aLoadAfterTlbwiSeesTheNewPage() {
    Rig m = runWith(mapped(Rig.V | Rig.D), lw(T2, 0, T1), lw(T3, 0, T1),
        Rig.lo(PA2, Rig.V | Rig.D), Rig.lo(PA2 + 0x1000, Rig.V | Rig.D));
    assertFalse(m.exl());
    assertEquals(0x1111, m.cpu.gpr(T2));
    assertEquals(0x2222, m.cpu.gpr(T3), "the load went to the old page");
  }

  @Test
  void aStoreAfterTlbwiGoesToTheNewPage() {
    Rig m = mapped(Rig.V | Rig.D).gpr(T0, 0x99);
    runWith(m, sw(T0, 4, T1), sw(T0, 8, T1),
        Rig.lo(PA2, Rig.V | Rig.D), Rig.lo(PA2 + 0x1000, Rig.V | Rig.D));
    assertFalse(m.exl());
    assertEquals(0x99, m.mem.loadWord(PA + 4));
    assertEquals(0x99, m.mem.loadWord(PA2 + 8), "the store went to the old page");
    assertEquals(0, m.mem.loadWord(PA + 8));
  }

  @Test
  void aStoreAfterTheDirtyBitIsClearedIsTlbModified() {
    Rig m = mapped(Rig.V | Rig.D).gpr(T0, 0x99);
    runWith(m, sw(T0, 4, T1), sw(T0, 8, T1), Rig.lo(PA, Rig.V), Rig.lo(PA + 0x1000, Rig.V));
    assertEquals(ExcCode.MOD, m.excCode());
    assertEquals(0, m.mem.loadWord(PA + 8), "the store happened through a stale translation");
  }

  @Test
  void aLoadAfterTheEntryIsInvalidatedIsTlbl() {
    Rig m = runWith(mapped(Rig.V | Rig.D), lw(T2, 0, T1), lw(T3, 0, T1), Rig.lo(PA, 0), Rig.lo(PA + 0x1000, 0));
    assertEquals(ExcCode.TLBL, m.excCode());
    assertEquals(VA, m.cpu.cp0().badVAddr());
  }

  @Test
  void aLoadAfterAnAsidChangeMissesANonGlobalEntry() {
    // The entry carries ASID 0; after EntryHi.ASID = 7 it no longer matches: TLB refill.
    Rig m = mapped(Rig.V | Rig.D).gpr(T0, 7);
    m.code(Rig.KCODE, lw(T2, 0, T1), mtc0(T0, 10), lw(T3, 0, T1)).at(Rig.KCODE).run(3);
    assertEquals(ExcCode.TLBL, m.excCode());
    assertEquals(0x8000_0000, m.cpu.pc(), "a TLB refill with EXL=0 uses the refill vector");
  }
}
