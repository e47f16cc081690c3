package disco.hw.port;

import static disco.hw.port.Bare.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The TLB operations of the port behave as TLBWI, TLBWR and TLBP do, and keep the fetch cache honest. */
class TlbOperationsTest {
  private static final int VA = 0x0040_0000;

  @Test
  void writeProbeInvalidateFlush() {
    CpuPort p = new Bare().port;
    TlbEntry e = TlbEntry.of(VA, 3, TlbEntry.entryLo(0x1000_0000L, V | D), TlbEntry.entryLo(0x1000_1000L, V));
    assertTrue(p.tlbWriteIndexed(4, e));
    assertEquals(e, p.tlbRead(4));
    assertEquals(4, p.tlbProbe(VA | 3));
    assertEquals(-1, p.tlbProbe(VA | 4), "another ASID");
    assertFalse(p.tlbWriteIndexed(6, e), "a duplicate is refused, as TLBWI raises Machine Check");
    assertEquals(e, p.tlbRead(4));
    assertFalse(p.tlbInvalidate(VA + 0x1000, 4));
    assertTrue(p.tlbInvalidate(VA + 0x1000, 3), "the odd page of the pair");
    assertEquals(-1, p.tlbProbe(VA | 3));
    assertTrue(p.tlbWriteIndexed(6, e), "no longer a duplicate");
    p.tlbFlush();
    for (int i = 0; i < p.tlbSize(); i++) {
      assertEquals(0, p.tlbRead(i).entryLo0() & 2, "entry " + i + " invalid");
    }
  }

  @Test
  void writeRandomUsesRandomAboveWired() {
    Bare b = new Bare();
    b.cpu.writeCp0(6, 0, 10); // Wired = 10
    int i = b.port.tlbWriteRandom(TlbEntry.of(VA, 0, TlbEntry.entryLo(0, V), 0));
    assertTrue(i >= 10 && i < 16, "index " + i);
    assertEquals(i, b.port.tlbProbe(VA));
  }

  /** Remapping the page the CPU is executing from takes effect at the next fetch. */
  @Test
  void aTlbWriteInvalidatesTheFetchCache() {
    Bare b = new Bare().supervisor(addiu(T1, 0, 1), addiu(T1, 0, 1), addiu(T1, 0, 1));
    b.mem.storeWord(0x0030_0008, addiu(T1, 0, 9)); // the same offset in another frame
    b.cpu.run(2);
    assertTrue(b.port.tlbWriteIndexed(0, TlbEntry.of(SCODE, 0, TlbEntry.entryLo(0x0030_0000L, G | V),
        TlbEntry.entryLo(0x0030_1000L, G | V))));
    b.cpu.run(1);
    assertEquals(9, b.cpu.gpr(T1));
  }
}
