package disco.hw.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The FR=0 and FR=1 register models and the accessors the interpreter uses. */
class FpuRegistersTest {
  private static final long V = 0x1122_3344_5566_7788L;

  // Encodings (Vol. II): COP1 = 0x11, fmt in bits 25..21, ft 20..16, fs 15..11, fd 10..6.
  private static int cop1(int fmt, int ft, int fs, int fd, int funct) {
    return (0x11 << 26) | (fmt << 21) | (ft << 16) | (fs << 11) | (fd << 6) | funct;
  }

  @Test
  void resetStateIsAllZeroWithFrClear() {
    Fpu f = new Fpu();
    assertFalse(f.fr());
    assertArrayEquals(new long[32], f.snapshotRegisters());
    assertEquals(0, f.readControl(31));
    assertEquals(0x0073_9300, f.readControl(0)); // FIR of QEMU's 24Kf
    for (int cc = 0; cc < 8; cc++) {
      assertFalse(f.condition(cc));
    }
  }

  @Test
  void fr0DoubleIsAnEvenOddPair() {
    Fpu f = new Fpu();
    f.writeDouble(2, V);
    assertEquals(0x5566_7788, f.readWord(2)); // low word in the even register
    assertEquals(0x1122_3344, f.readWord(3)); // high word in the odd one
    assertEquals(0x1122_3344, f.readHighWord(2)); // MFHC1 of the pair
    assertEquals(0x1122_3344, f.readHighWord(3)); // odd fs: the same odd register
    assertEquals(V, f.readDouble(2));
    assertEquals(V, f.readDouble(3)); // odd fs: the pair fs & ~1
    f.writeWord(3, 0xcafe_f00d);
    assertEquals(0xcafe_f00d_5566_7788L, f.readDouble(2));
  }

  @Test
  void fr0HighWordWritesTheOddRegister() {
    Fpu f = new Fpu();
    f.writeWord(4, 1);
    f.writeHighWord(4, 0xabcd);
    assertEquals(0xabcd, f.readWord(5));
    assertEquals(1, f.readWord(4));
    assertEquals(0x0000_abcd_0000_0001L, f.readDouble(4));
    f.writeHighWord(5, 7); // odd fd also names the odd register
    assertEquals(7, f.readWord(5));
  }

  @Test
  void fr1RegistersAreSixtyFourBitsEach() {
    Fpu f = new Fpu();
    f.setFr(true);
    f.writeDouble(3, V); // odd registers are whole 64-bit registers
    f.writeDouble(2, 0);
    assertEquals(V, f.readDouble(3));
    assertEquals(0x5566_7788, f.readWord(3));
    assertEquals(0x1122_3344, f.readHighWord(3));
    assertEquals(0, f.readWord(2));
    f.writeHighWord(2, 0x99);
    assertEquals(0x0000_0099_0000_0000L, f.readDouble(2));
    f.writeWord(3, 0x1234); // a 32-bit write keeps the high half, as QEMU does
    assertEquals(0x1122_3344_0000_1234L, f.readDouble(3));
  }

  @Test
  void switchingFrReinterpretsTheSameStorage() {
    Fpu f = new Fpu();
    f.setFr(true);
    f.writeDouble(0, V);
    f.writeDouble(1, 0xaaaa_bbbb_cccc_ddddL);
    f.setFr(false);
    assertEquals(0x5566_7788, f.readWord(0));
    assertEquals(0xcccc_dddd, f.readWord(1));
    assertEquals(0xcccc_dddd_5566_7788L, f.readDouble(0));
    long[] snap = f.snapshotRegisters();
    assertEquals(V, snap[0]); // the hidden upper half is still there
    f.writeWord(0, 5);
    assertEquals(0x1122_3344_0000_0005L, f.snapshotRegisters()[0]);
  }

  @Test
  void snapshotIsACopy() {
    Fpu f = new Fpu();
    f.snapshotRegisters()[0] = 42;
    assertEquals(0, f.readDouble(0));
  }

  @Test
  void singleResultsWithFr1KeepTheHighHalf() {
    Fpu f = new Fpu();
    f.setFr(true);
    f.writeDouble(4, 0x7777_7777_0000_0000L | Float.floatToRawIntBits(1.5f));
    f.writeWord(6, Float.floatToRawIntBits(2.0f));
    f.writeDouble(8, 0x5555_5555_0000_0000L);
    assertEquals(Fpu.OK, f.execute(cop1(16, 6, 4, 8, 0), 0)); // ADD.S $f8, $f4, $f6
    assertEquals(0x5555_5555_0000_0000L | Float.floatToRawIntBits(3.5f), f.readDouble(8));
  }

  @Test
  void doubleOpsInOddRegistersNeedFr1() {
    int addD = cop1(17, 4, 3, 6, 0); // ADD.D $f6, $f3, $f4
    Fpu f = new Fpu();
    assertEquals(Fpu.EXC_RI, f.execute(addD, 0));
    f.setFr(true);
    f.writeDouble(3, Double.doubleToRawLongBits(1.25));
    f.writeDouble(4, Double.doubleToRawLongBits(2.5));
    assertEquals(Fpu.OK, f.execute(addD, 0));
    assertEquals(3.75, Double.longBitsToDouble(f.readDouble(6)));
  }

  @Test
  void longFormatNeedsFr1() {
    int cvtLD = cop1(17, 0, 2, 4, 37); // CVT.L.D $f4, $f2
    int cvtDL = cop1(21, 0, 4, 6, 33); // CVT.D.L $f6, $f4
    Fpu f = new Fpu();
    f.writeDouble(2, Double.doubleToRawLongBits(-3e12));
    assertEquals(Fpu.EXC_RI, f.execute(cvtLD, 0));
    assertEquals(Fpu.EXC_RI, f.execute(cvtDL, 0));
    f.setFr(true);
    f.writeDouble(2, Double.doubleToRawLongBits(-3e12));
    assertEquals(Fpu.OK, f.execute(cvtLD, 0));
    assertEquals(-3_000_000_000_000L, f.readDouble(4));
    assertEquals(Fpu.OK, f.execute(cvtDL, 0));
    assertEquals(-3e12, Double.longBitsToDouble(f.readDouble(6)));
  }

  @Test
  void conditionalMovesUseTheConditionCodesAndTheGpr() {
    Fpu f = new Fpu();
    f.writeWord(2, 0x1111);
    f.writeWord(4, 0x2222);
    assertEquals(Fpu.OK, f.writeControl(25, 0b0000_0100)); // FCC2 set, others clear
    assertEquals(Fpu.OK, f.execute(cop1(16, (2 << 2) | 1, 2, 4, 17), 0)); // MOVT.S cc2: moves
    assertEquals(0x1111, f.readWord(4));
    f.writeWord(4, 0x2222);
    assertEquals(Fpu.OK, f.execute(cop1(16, (2 << 2), 2, 4, 17), 0)); // MOVF.S cc2: does not
    assertEquals(0x2222, f.readWord(4));
    assertEquals(Fpu.OK, f.execute(cop1(16, 8, 2, 4, 18), 5)); // MOVZ.S with GPR != 0: no
    assertEquals(0x2222, f.readWord(4));
    assertEquals(Fpu.OK, f.execute(cop1(16, 8, 2, 4, 19), 5)); // MOVN.S with GPR != 0: yes
    assertEquals(0x1111, f.readWord(4));
  }
}
