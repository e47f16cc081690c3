package disco.hw.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * CFC1/CTC1 and the FCSR views (Vol. I, "FCCR", "FEXR", "FENR", "FCSR"), and what enabled
 * exceptions do to an instruction.
 */
class FpuControlTest {
  private static final int FCSR = 31;
  private static final int FCCR = 25;
  private static final int FEXR = 26;
  private static final int FENR = 28;

  private static int cop1(int fmt, int ft, int fs, int fd, int funct) {
    return (0x11 << 26) | (fmt << 21) | (ft << 16) | (fs << 11) | (fd << 6) | funct;
  }

  private static Fpu withFcsr(int v) {
    Fpu f = new Fpu();
    assertEquals(Fpu.OK, f.writeControl(FCSR, v));
    return f;
  }

  @Test
  void viewsShowTheirFieldsOfFcsr() {
    // FCC7..1 = 1010101, FS, FCC0, Cause V|I, Enables Z, Flags O|U, RM = RP
    Fpu f = withFcsr(0xab80_0000 | (1 << 24) | (0x11 << 12) | (0x08 << 7) | (0x06 << 2) | 2);
    assertEquals(0b1010_1011, f.readControl(FCCR)); // FCC7..FCC1 then FCC0 in bit 0
    assertEquals((0x11 << 12) | (0x06 << 2), f.readControl(FEXR)); // Cause and Flags
    assertEquals((0x08 << 7) | 0x4 | 2, f.readControl(FENR)); // Enables, FS in bit 2, RM
    assertEquals(0x0073_9300, f.readControl(0));
    for (int cc = 0; cc < 8; cc++) {
      assertEquals(((0b1010_1011 >>> cc) & 1) != 0, f.condition(cc), "cc " + cc);
    }
  }

  @Test
  void fcsrBits22To18AreReadOnlyZero() {
    Fpu f = withFcsr(-1 & ~(0x3f << 12)); // everything but Cause (which would trap)
    assertEquals(0xff80_0fff, f.readControl(FCSR));
  }

  @Test
  void fccrWritesOnlyTheConditionCodes() {
    Fpu f = withFcsr(0x0000_0f83);
    assertEquals(Fpu.OK, f.writeControl(FCCR, 0x81)); // FCC7 and FCC0
    assertEquals(0x8080_0f83, f.readControl(FCSR));
    assertEquals(Fpu.OK, f.writeControl(FCCR, 0x100)); // a bit outside the view: ignored whole
    assertEquals(0x8080_0f83, f.readControl(FCSR));
  }

  @Test
  void fexrWritesCauseAndFlags() {
    Fpu f = withFcsr(0xfe80_0003);
    assertEquals(Fpu.OK, f.writeControl(FEXR, 0xffff_ffff & ~0x007c_0000 & ~(0x3f << 12)));
    assertEquals(0xfe80_007f, f.readControl(FCSR)); // only Flags joined
    assertEquals(Fpu.OK, f.writeControl(FEXR, 0x0004_0000)); // bit 18: ignored whole (QEMU)
    assertEquals(0xfe80_007f, f.readControl(FCSR));
  }

  @Test
  void fenrWritesEnablesRoundingModeAndFs() {
    Fpu f = withFcsr(0xfe80_007c);
    assertEquals(Fpu.OK, f.writeControl(FENR, 0xf87));
    assertEquals(0xff80_0fff, f.readControl(FCSR)); // FS came from bit 2
    assertEquals(Fpu.OK, f.writeControl(FENR, 0));
    assertEquals(0xfe80_007c, f.readControl(FCSR));
  }

  @Test
  void ctc1RaisingAnEnabledCauseTrapsAfterWriting() {
    Fpu f = new Fpu();
    int v = (0x08 << 12) | (0x08 << 7); // Cause Z with Enable Z
    assertEquals(Fpu.EXC_FPE, f.writeControl(FCSR, v));
    assertEquals(v, f.readControl(FCSR)); // the write happened
    // Any later CTC1 finds the enabled Cause still there and traps again, as QEMU does.
    assertEquals(Fpu.EXC_FPE, f.writeControl(FCCR, 1));
    assertEquals(Fpu.OK, f.writeControl(FCSR, 0));
  }

  @Test
  void unimplementedOperationCauseAlwaysTraps() {
    Fpu f = new Fpu();
    assertEquals(Fpu.EXC_FPE, f.writeControl(FEXR, 0x0002_0000)); // Cause.E has no Enable
    assertEquals(0x0002_0000, f.readControl(FCSR));
  }

  @Test
  void cfc1OfUnimplementedRegistersAsQemu() {
    Fpu f = withFcsr(0x0000_0003);
    assertEquals(0, f.readControl(1));
    assertEquals(0, f.readControl(5));
    assertEquals(3, f.readControl(7)); // QEMU answers FCSR for the rest
  }

  @Test
  void enabledExceptionLeavesDestinationAndFlagsAlone() {
    Fpu f = withFcsr(0x08 << 7); // Divide-by-zero enabled
    f.writeWord(2, Float.floatToRawIntBits(1f));
    f.writeWord(4, 0);
    f.writeWord(6, 0x1234_5678);
    assertEquals(Fpu.EXC_FPE, f.execute(cop1(16, 4, 2, 6, 3), 0)); // DIV.S $f6, $f2, $f4
    assertEquals(0x1234_5678, f.readWord(6));
    assertEquals((0x08 << 12) | (0x08 << 7), f.readControl(FCSR)); // Cause Z; Flags untouched
  }

  @Test
  void disabledExceptionsAccumulateFlagsAndReplaceCause() {
    Fpu f = new Fpu();
    f.writeWord(2, Float.floatToRawIntBits(1f));
    f.writeWord(4, 0);
    f.writeWord(8, Float.floatToRawIntBits(3f));
    assertEquals(Fpu.OK, f.execute(cop1(16, 4, 2, 6, 3), 0)); // 1/0: Z
    assertEquals(Float.POSITIVE_INFINITY, Float.intBitsToFloat(f.readWord(6)));
    assertEquals((0x08 << 12) | (0x08 << 2), f.readControl(FCSR));
    assertEquals(Fpu.OK, f.execute(cop1(16, 8, 2, 10, 3), 0)); // 1/3: I
    assertEquals((0x01 << 12) | (0x09 << 2), f.readControl(FCSR)); // Cause I only, Flags Z|I
    assertEquals(Fpu.OK, f.execute(cop1(16, 0, 2, 12, 6), 0)); // MOV.S: Cause untouched
    assertEquals((0x01 << 12) | (0x09 << 2), f.readControl(FCSR));
  }

  @Test
  void signalingCompareWithInvalidEnabledKeepsTheConditionCode() {
    Fpu f = withFcsr((0x10 << 7) | (1 << 23)); // Invalid enabled, FCC0 set
    f.writeWord(2, 0x7f80_0001); // a quiet NaN (legacy encoding: fraction MSB clear)
    f.writeWord(4, 0);
    assertEquals(Fpu.OK, f.execute(cop1(16, 4, 2, 0, 48 + 2), 0)); // C.EQ.S: quiet, false
    assertFalse(f.condition(0));
    assertEquals(Fpu.OK, f.writeControl(FCCR, 1));
    assertEquals(Fpu.EXC_FPE, f.execute(cop1(16, 4, 2, 0, 48 + 10), 0)); // C.SEQ.S traps
    assertTrue(f.condition(0));
    f.writeWord(2, 0x7fc0_0000); // a signaling NaN
    assertEquals(Fpu.EXC_FPE, f.execute(cop1(16, 4, 2, 0, 48 + 2), 0)); // C.EQ.S on sNaN traps
    assertTrue(f.condition(0));
  }

  @Test
  void invalidResultIsTheLegacyDefaultNaN() {
    Fpu f = new Fpu();
    f.writeWord(2, Float.floatToRawIntBits(Float.POSITIVE_INFINITY));
    f.writeWord(4, Float.floatToRawIntBits(Float.NEGATIVE_INFINITY));
    assertEquals(Fpu.OK, f.execute(cop1(16, 4, 2, 6, 0), 0)); // inf + -inf
    assertEquals(0x7fbf_ffff, f.readWord(6));
    f.writeDouble(8, 0x7ff0_0000_0000_0001L); // quiet NaN operand: no Invalid, default NaN out
    f.writeDouble(10, Double.doubleToRawLongBits(1));
    assertEquals(Fpu.OK, f.writeControl(FCSR, 0));
    assertEquals(Fpu.OK, f.execute(cop1(17, 10, 8, 12, 2), 0)); // MUL.D
    assertEquals(0x7ff7_ffff_ffff_ffffL, f.readDouble(12));
    assertEquals(0, f.readControl(FCSR));
  }

  @Test
  void invalidIntegerConversionGivesMaxInt() {
    Fpu f = new Fpu();
    f.writeWord(2, Float.floatToRawIntBits(-1e10f));
    assertEquals(Fpu.OK, f.execute(cop1(16, 0, 2, 4, 13), 0)); // TRUNC.W.S
    assertEquals(Integer.MAX_VALUE, f.readWord(4)); // 2^31-1 even for a negative operand
    assertEquals((0x10 << 12) | (0x10 << 2), f.readControl(FCSR)); // Invalid only
  }
}
