package disco.hw.cpu;

import static disco.hw.cpu.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import disco.hw.Endianness;
import org.junit.jupiter.api.Test;

/**
 * Byte order. Vol. I-A, "Byte Ordering and Endianness", and Vol. II LB/LH/LWL/LWR/SWL/SWR with
 * their tables "Bytes Loaded by LWL Instruction" etc., for both orders. Memory holds the bytes
 * 0x11 0x22 0x33 ... 0x88 at ascending addresses from D; expected values are written out per
 * order.
 */
class CpuEndiannessTest {
  private static final int D = Rig.KDATA; // 8-aligned
  private static final int OLD = 0xaabb_ccdd;

  private static Rig withBytes(Endianness order) {
    Rig m = new Rig(order).kernel();
    for (int k = 0; k < 8; k++) {
      m.mem.storeByte((D & 0x1fff_ffff) + k, 0x11 * (k + 1));
    }
    return m;
  }

  /** Runs one load into T0 (preset to OLD) from D + offset; returns T0. */
  private static int load(Endianness order, int insn) {
    Rig m = withBytes(order).gpr(T0, OLD).gpr(T1, D);
    m.code(Rig.KCODE, insn).at(Rig.KCODE).run(1);
    assertFalse(m.exl());
    return m.cpu.gpr(T0);
  }

  /** Runs one store of 0x01020304 from T0 at D + offset; returns the two words of memory at D. */
  private static long store(Endianness order, int insn) {
    Rig m = withBytes(order).gpr(T0, 0x0102_0304).gpr(T1, D);
    m.code(Rig.KCODE, insn).at(Rig.KCODE).run(1);
    assertFalse(m.exl());
    long bytes = 0;
    for (int k = 0; k < 8; k++) {
      bytes = (bytes << 8) | m.mem.loadByte((D & 0x1fff_ffff) + k);
    }
    return bytes; // memory bytes D..D+7, first byte most significant
  }

  @Test
  void bytesAndHalves() {
    Endianness le = Endianness.LITTLE;
    Endianness be = Endianness.BIG;
    assertEquals(0x11, load(le, lb(T0, 0, T1)));
    assertEquals(0x44, load(le, lb(T0, 3, T1)));
    assertEquals(0x88, load(le, lbu(T0, 7, T1)));
    assertEquals(0xffff_ff88, load(le, lb(T0, 7, T1)));
    assertEquals(0x2211, load(le, lh(T0, 0, T1)));
    assertEquals(0x4433, load(le, lh(T0, 2, T1)));
    assertEquals(0xffff_8877, load(le, lh(T0, 6, T1)));
    assertEquals(0x4433_2211, load(le, lw(T0, 0, T1)));
    assertEquals(0x1122, load(be, lh(T0, 0, T1)));
    assertEquals(0x1122_3344, load(be, lw(T0, 0, T1)));
    assertEquals(0x7788, load(be, lh(T0, 6, T1)));
    assertEquals(0x5566, load(be, lhu(T0, 4, T1)));
    assertEquals(0xffff_ff88, load(be, lb(T0, 7, T1)));
    assertEquals(0x44, load(be, lbu(T0, 3, T1)));
  }

  @Test
  void lwlLwrLittleEndian() {
    Endianness le = Endianness.LITTLE;
    // LWL: bytes from the word's start up to the address fill the most significant end of rt.
    assertEquals(0x11bb_ccdd, load(le, lwl(T0, 0, T1)));
    assertEquals(0x2211_ccdd, load(le, lwl(T0, 1, T1)));
    assertEquals(0x3322_11dd, load(le, lwl(T0, 2, T1)));
    assertEquals(0x4433_2211, load(le, lwl(T0, 3, T1)));
    // LWR: bytes from the address to the word's end fill the least significant end of rt.
    assertEquals(0x4433_2211, load(le, lwr(T0, 0, T1)));
    assertEquals(0xaa44_3322, load(le, lwr(T0, 1, T1)));
    assertEquals(0xaabb_4433, load(le, lwr(T0, 2, T1)));
    assertEquals(0xaabb_cc44, load(le, lwr(T0, 3, T1)));
  }

  @Test
  void lwlLwrBigEndian() {
    Endianness be = Endianness.BIG;
    assertEquals(0x1122_3344, load(be, lwl(T0, 0, T1)));
    assertEquals(0x2233_44dd, load(be, lwl(T0, 1, T1)));
    assertEquals(0x3344_ccdd, load(be, lwl(T0, 2, T1)));
    assertEquals(0x44bb_ccdd, load(be, lwl(T0, 3, T1)));
    assertEquals(0xaabb_cc11, load(be, lwr(T0, 0, T1)));
    assertEquals(0xaabb_1122, load(be, lwr(T0, 1, T1)));
    assertEquals(0xaa11_2233, load(be, lwr(T0, 2, T1)));
    assertEquals(0x1122_3344, load(be, lwr(T0, 3, T1)));
  }

  @Test
  void unalignedWordLoadIdiom() {
    // The assemblers' ulw: LE "lwr rt, 1(b); lwl rt, 4(b)"; BE "lwl rt, 1(b); lwr rt, 4(b)".
    Rig le = withBytes(Endianness.LITTLE).gpr(T1, D);
    le.code(Rig.KCODE, lwr(T0, 1, T1), lwl(T0, 4, T1)).at(Rig.KCODE).run(2);
    assertEquals(0x5544_3322, le.cpu.gpr(T0));
    Rig be = withBytes(Endianness.BIG).gpr(T1, D);
    be.code(Rig.KCODE, lwl(T0, 1, T1), lwr(T0, 4, T1)).at(Rig.KCODE).run(2);
    assertEquals(0x2233_4455, be.cpu.gpr(T0));
  }

  @Test
  void swlSwrLittleEndian() {
    Endianness le = Endianness.LITTLE;
    // SWL stores the most significant bytes of rt from the word's start up to the address.
    assertEquals(0x0122_3344_5566_7788L, store(le, swl(T0, 0, T1)));
    assertEquals(0x0201_3344_5566_7788L, store(le, swl(T0, 1, T1)));
    assertEquals(0x0302_0144_5566_7788L, store(le, swl(T0, 2, T1)));
    assertEquals(0x0403_0201_5566_7788L, store(le, swl(T0, 3, T1)));
    // SWR stores the least significant bytes of rt from the address to the word's end.
    assertEquals(0x0403_0201_5566_7788L, store(le, swr(T0, 0, T1)));
    assertEquals(0x1104_0302_5566_7788L, store(le, swr(T0, 1, T1)));
    assertEquals(0x1122_0403_5566_7788L, store(le, swr(T0, 2, T1)));
    assertEquals(0x1122_3304_5566_7788L, store(le, swr(T0, 3, T1)));
  }

  @Test
  void swlSwrBigEndian() {
    Endianness be = Endianness.BIG;
    assertEquals(0x0102_0304_5566_7788L, store(be, swl(T0, 0, T1)));
    assertEquals(0x1101_0203_5566_7788L, store(be, swl(T0, 1, T1)));
    assertEquals(0x1122_0102_5566_7788L, store(be, swl(T0, 2, T1)));
    assertEquals(0x1122_3301_5566_7788L, store(be, swl(T0, 3, T1)));
    assertEquals(0x0422_3344_5566_7788L, store(be, swr(T0, 0, T1)));
    assertEquals(0x0304_3344_5566_7788L, store(be, swr(T0, 1, T1)));
    assertEquals(0x0203_0444_5566_7788L, store(be, swr(T0, 2, T1)));
    assertEquals(0x0102_0304_5566_7788L, store(be, swr(T0, 3, T1)));
  }

  @Test
  void bytesAndHalfStores() {
    assertEquals(0x1122_3304_5566_7788L, store(Endianness.BIG, sb(T0, 3, T1)));
    assertEquals(0x1122_3304_5566_7788L, store(Endianness.LITTLE, sb(T0, 3, T1)));
    assertEquals(0x1122_0304_5566_7788L, store(Endianness.BIG, sh(T0, 2, T1)));
    assertEquals(0x1122_0403_5566_7788L, store(Endianness.LITTLE, sh(T0, 2, T1)));
    assertEquals(0x0403_0201_5566_7788L, store(Endianness.LITTLE, sw(T0, 0, T1)));
  }

  @Test
  void partialWordFaultsReportTheUnalignedAddress() {
    // LWL/SWR translate the effective address itself (Vol. II LWL: AddressTranslation(vAddr)):
    // BadVAddr is the unaligned address, not the word's.
    for (int insn : new int[] {lwl(T0, 3, T1), lwr(T0, 3, T1), swl(T0, 3, T1), swr(T0, 3, T1)}) {
      Rig m = new Rig(Endianness.LITTLE).kernel().gpr(T1, 0x0040_0000);
      m.code(Rig.KCODE, insn).at(Rig.KCODE).run(1);
      assertEquals(0x0040_0003, m.cpu.cp0().badVAddr(), Integer.toHexString(insn));
    }
  }
}
