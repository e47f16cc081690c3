package disco.hw.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of {@link Fpu} and {@link FpArith}: robustness on any instruction word, the fast
 * paths against the exact path, and the exact path against an independent BigDecimal oracle in all
 * four rounding modes.
 *
 * <p>jqwik's edge cases are off: the generators mix the edges in themselves, and jqwik's own
 * combinations of them would outnumber the tries.
 */
class FpuProperties {

  // ---------------------------------------------------------------------------------------------
  // Robustness

  /** Words with primary opcode COP1 or COP1X, biased towards the arithmetic fmts and functs. */
  @Provide
  Arbitrary<Integer> cop1Words() {
    Arbitrary<Integer> anyCop1 = Arbitraries.integers().map(w -> (0x11 << 26) | (w & 0x03ff_ffff));
    Arbitrary<Integer> anyCop1x = Arbitraries.integers().map(w -> (0x13 << 26) | (w & 0x03ff_ffff));
    Arbitrary<Integer> arith =
        Combinators.combine(
                Arbitraries.of(16, 17, 20, 21, 22, 23, 31),
                Arbitraries.integers().between(0, 0x1f_ffff),
                Arbitraries.integers().between(0, 63))
            .as((fmt, mid, funct) -> (0x11 << 26) | (fmt << 21) | (mid << 6) | funct);
    Arbitrary<Integer> madd =
        Arbitraries.integers()
            .map(w -> (0x13 << 26) | (w & 0x03ff_ffc0) | 32 | (w & 31));
    return Arbitraries.frequencyOf(
        Tuple.of(3, arith), Tuple.of(1, madd), Tuple.of(1, anyCop1), Tuple.of(1, anyCop1x));
  }

  @Provide
  Arbitrary<long[]> registers() {
    return interestingDoubles().array(long[].class).ofSize(32);
  }

  @Property(tries = 4000, edgeCases = EdgeCasesMode.NONE)
  void executeNeverThrowsAndAnswersAStatus(
      @ForAll("cop1Words") int insn,
      @ForAll("registers") long[] regs,
      @ForAll int fcsr,
      @ForAll boolean fr,
      @ForAll int gpr) {
    Fpu f = new Fpu();
    f.setFr(fr);
    for (int r = 0; r < 32; r++) {
      f.writeDouble(r, regs[r]);
    }
    f.writeControl(31, fcsr); // may answer EXC_FPE; the state is set either way
    long[] before = f.snapshotRegisters();
    int fcsrBefore = f.readControl(31);
    int s = f.execute(insn, gpr);
    assertTrue(s == Fpu.OK || s == Fpu.EXC_FPE || s == Fpu.EXC_RI, "status " + s);
    assertEquals(0, f.readControl(31) & 0x007c_0000, "FCSR bits 22..18 stay 0");
    if (s == Fpu.EXC_RI) {
      assertEquals(fcsrBefore, f.readControl(31), "RI changes nothing");
      assertTrue(Arrays.equals(before, f.snapshotRegisters()), "RI changes nothing");
    }
    if (s == Fpu.EXC_FPE) {
      assertTrue(Arrays.equals(before, f.snapshotRegisters()), "FPE writes nothing");
      int fcsrNow = f.readControl(31);
      assertEquals(fcsrBefore & 0x7c, fcsrNow & 0x7c, "FPE leaves the Flags");
      int cause = (fcsrNow >>> 12) & 0x1f;
      assertTrue((cause & (fcsrNow >>> 7)) != 0, "FPE only for an enabled Cause");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Operands

  private static final Integer[] S_EDGES = {
    0, 0x8000_0000, 0x3f80_0000, 0xbf80_0000, 1, 0x8000_0001, 0x007f_ffff, 0x0080_0000, 0x0080_0001,
    0x7f7f_ffff, 0xff7f_ffff, 0x7f80_0000, 0xff80_0000, 0x7fbf_ffff, 0x7fc0_0000, 0x7f80_0001,
    0x4f00_0000, 0xcf00_0000, 0x5f00_0000, 0x3400_0000, 0x0100_0000,
  };

  /** Floats of every shape: any bits, edges, few-bit mantissas, and the exponent extremes. */
  @Provide
  Arbitrary<Integer> interestingFloats() {
    Arbitrary<Integer> sign = Arbitraries.of(0, 0x8000_0000);
    Arbitrary<Integer> mid =
        Combinators.combine(sign, Arbitraries.integers().between(100, 154), Arbitraries.integers())
            .as((s, e, m) -> s | (e << 23) | (m & 0x7f_ffff));
    Arbitrary<Integer> fewBits =
        Combinators.combine(
                sign,
                Arbitraries.integers().between(1, 254),
                Arbitraries.integers(),
                Arbitraries.integers().between(0, 23))
            .as((s, e, m, k) -> s | (e << 23) | (m & 0x7f_ffff & -(1 << k)));
    Arbitrary<Integer> extremes =
        Combinators.combine(sign, Arbitraries.of(0, 1, 2, 3, 252, 253, 254), Arbitraries.integers())
            .as((s, e, m) -> s | (e << 23) | (m & 0x7f_ffff));
    return Arbitraries.oneOf(
        Arbitraries.integers(), Arbitraries.of(S_EDGES), mid, fewBits, extremes);
  }

  @Provide
  Arbitrary<Long> interestingDoubles() {
    Arbitrary<Long> sign = Arbitraries.of(0L, Long.MIN_VALUE);
    Arbitrary<Long> mid =
        Combinators.combine(sign, Arbitraries.longs().between(900, 1150), Arbitraries.longs())
            .as((s, e, m) -> s | (e << 52) | (m & 0xf_ffff_ffff_ffffL));
    Arbitrary<Long> fewBits =
        Combinators.combine(
                sign,
                Arbitraries.longs().between(1, 2046),
                Arbitraries.longs(),
                Arbitraries.integers().between(0, 52))
            .as((s, e, m, k) -> s | (e << 52) | (m & 0xf_ffff_ffff_ffffL & -(1L << k)));
    Arbitrary<Long> extremes =
        Combinators.combine(
                sign, Arbitraries.of(0L, 1L, 2L, 60L, 1990L, 2045L, 2046L), Arbitraries.longs())
            .as((s, e, m) -> s | (e << 52) | (m & 0xf_ffff_ffff_ffffL));
    Arbitrary<Long> singlesAsDoubles =
        interestingFloats().map(x -> Double.doubleToRawLongBits(Float.intBitsToFloat(x)));
    Arbitrary<Long> edges =
        Arbitraries.of(
            0L, Long.MIN_VALUE, 1L, 0x000f_ffff_ffff_ffffL, 0x0010_0000_0000_0000L,
            0x7fef_ffff_ffff_ffffL, 0x7ff0_0000_0000_0000L, 0xfff0_0000_0000_0000L,
            0x7ff7_ffff_ffff_ffffL, 0x7ff8_0000_0000_0000L, 0x3ff0_0000_0000_0000L,
            0x43e0_0000_0000_0000L, 0xc3e0_0000_0000_0000L, 0x41e0_0000_0000_0000L);
    return Arbitraries.oneOf(Arbitraries.longs(), edges, mid, fewBits, extremes, singlesAsDoubles);
  }

  // ---------------------------------------------------------------------------------------------
  // Fast paths = exact path (round to nearest, where the fast paths apply)

  private static FpArith arith(int rm, boolean ftz, boolean exact) {
    FpArith a = new FpArith();
    a.rm = rm;
    a.ftz = ftz;
    a.exactOnly = exact;
    return a;
  }

  private static void sameS(String what, int a, int b, boolean ftz, Function<FpArith, Integer> op) {
    FpArith fast = arith(FpArith.RN, ftz, false);
    FpArith slow = arith(FpArith.RN, ftz, true);
    int rf = op.apply(fast);
    int rs = op.apply(slow);
    String ctx = String.format("%s %08x %08x ftz=%b", what, a, b, ftz);
    assertEquals(Integer.toHexString(rs), Integer.toHexString(rf), ctx);
    assertEquals(slow.ex, fast.ex, ctx + " exceptions");
  }

  private static void sameD(String what, long a, long b, boolean ftz, Function<FpArith, Long> op) {
    FpArith fast = arith(FpArith.RN, ftz, false);
    FpArith slow = arith(FpArith.RN, ftz, true);
    long rf = op.apply(fast);
    long rs = op.apply(slow);
    String ctx = String.format("%s %016x %016x ftz=%b", what, a, b, ftz);
    assertEquals(Long.toHexString(rs), Long.toHexString(rf), ctx);
    assertEquals(slow.ex, fast.ex, ctx + " exceptions");
  }

  @Property(tries = 4000, edgeCases = EdgeCasesMode.NONE)
  void singleFastPathsAgreeWithExactArithmetic(
      @ForAll("interestingFloats") int a, @ForAll("interestingFloats") int b, @ForAll boolean ftz) {
    sameS("add", a, b, ftz, x -> x.addS(a, b));
    sameS("sub", a, b, ftz, x -> x.subS(a, b));
    sameS("mul", a, b, ftz, x -> x.mulS(a, b));
    sameS("div", a, b, ftz, x -> x.divS(a, b));
    sameS("sqrt", a, 0, ftz, x -> x.sqrtS(a));
    sameS("cvt.s.w", a, 0, ftz, x -> x.cvtSfromInt(a));
    sameD("cvt.d.s", a, 0, ftz, x -> x.cvtDS(a));
  }

  @Property(tries = 4000, edgeCases = EdgeCasesMode.NONE)
  void doubleFastPathsAgreeWithExactArithmetic(
      @ForAll("interestingDoubles") long a, @ForAll("interestingDoubles") long b, @ForAll boolean ftz) {
    sameD("add", a, b, ftz, x -> x.addD(a, b));
    sameD("sub", a, b, ftz, x -> x.subD(a, b));
    sameD("mul", a, b, ftz, x -> x.mulD(a, b));
    sameD("div", a, b, ftz, x -> x.divD(a, b));
    sameD("sqrt", a, 0, ftz, x -> x.sqrtD(a));
    sameS("cvt.s.d", (int) (a >>> 32), (int) a, ftz, x -> x.cvtSD(a));
    sameS("cvt.s.l", (int) (a >>> 32), (int) a, ftz, x -> x.cvtSfromInt(a));
    sameD("cvt.d.l", a, 0, ftz, x -> x.cvtDfromInt(a));
  }

  // ---------------------------------------------------------------------------------------------
  // Exact path = BigDecimal oracle, all rounding modes (results in the normal range)

  /** Doubles with moderate exponents, so that most results stay normal. */
  @Provide
  Arbitrary<Double> moderateDoubles() {
    return Combinators.combine(
            Arbitraries.of(0L, Long.MIN_VALUE),
            Arbitraries.longs().between(1023 - 80, 1023 + 80),
            Arbitraries.longs(),
            Arbitraries.integers().between(0, 52))
        .as((s, e, m, k) -> Double.longBitsToDouble(s | (e << 52) | (m & 0xf_ffff_ffff_ffffL & -(1L << k))));
  }

  @Provide
  Arbitrary<Float> moderateFloats() {
    return Combinators.combine(
            Arbitraries.of(0, 0x8000_0000),
            Arbitraries.integers().between(127 - 30, 127 + 30),
            Arbitraries.integers(),
            Arbitraries.integers().between(0, 23))
        .as((s, e, m, k) -> Float.intBitsToFloat(s | (e << 23) | (m & 0x7f_ffff & -(1 << k))));
  }

  /**
   * The sign of (x - exact result), for x a BigDecimal; computed from the operands without ever
   * forming an inexact quotient or root.
   */
  private static Function<BigDecimal, Integer> exactOrder(int op, double a, double b) {
    BigDecimal x = new BigDecimal(a);
    BigDecimal y = new BigDecimal(b);
    return switch (op) {
      case 0 -> r -> r.compareTo(x.add(y));
      case 1 -> r -> r.compareTo(x.subtract(y));
      case 2 -> r -> r.compareTo(x.multiply(y));
      case 3 -> r -> r.multiply(y).compareTo(x) * y.signum(); // r - a/b has the sign of (rb - a)/b
      default -> r -> r.signum() < 0 ? -1 : r.multiply(r).compareTo(x); // r >= 0 vs sqrt(a)
    };
  }

  /**
   * Checks r against the exact result in mode rm: r is on the right side, its neighbour one unit
   * further the other way is on the other side (so r is the nearest in that direction), and
   * Inexact is signaled exactly when r is not the exact result.
   */
  private static void checkRounding(
      String ctx, int rm, BigDecimal r, BigDecimal up, BigDecimal down, int exFlags,
      Function<BigDecimal, Integer> order) {
    int c = order.apply(r);
    assertEquals(c != 0, (exFlags & FpArith.INEXACT) != 0, ctx + ": Inexact");
    boolean ok =
        switch (rm) {
          case FpArith.RN -> {
            // Not beyond either midpoint with a neighbour.
            BigDecimal two = BigDecimal.valueOf(2);
            int cu = order.apply(r.add(up).divide(two));
            int cd = order.apply(r.add(down).divide(two));
            yield cu >= 0 && cd <= 0;
          }
          case FpArith.RZ ->
              r.signum() >= 0
                  ? c <= 0 && order.apply(up) > 0
                  : c >= 0 && order.apply(down) < 0;
          case FpArith.RP -> c >= 0 && order.apply(down) < 0;
          default -> c <= 0 && order.apply(up) > 0;
        };
    assertTrue(ok, ctx + ": not the correctly rounded result");
  }

  @Property(tries = 3000, edgeCases = EdgeCasesMode.NONE)
  void doubleArithmeticRoundsCorrectlyInEveryMode(
      @ForAll("moderateDoubles") double a,
      @ForAll("moderateDoubles") double b,
      @ForAll @IntRange(min = 0, max = 3) int rm,
      @ForAll @IntRange(min = 0, max = 4) int op) {
    if (op == 4) {
      a = Math.abs(a);
    }
    FpArith x = arith(rm, false, false);
    long ab = Double.doubleToRawLongBits(a);
    long bb = Double.doubleToRawLongBits(b);
    long rbits =
        switch (op) {
          case 0 -> x.addD(ab, bb);
          case 1 -> x.subD(ab, bb);
          case 2 -> x.mulD(ab, bb);
          case 3 -> x.divD(ab, bb);
          default -> x.sqrtD(ab);
        };
    double r = Double.longBitsToDouble(rbits);
    Assume.that(Double.isFinite(r) && Math.abs(r) > 0x1p-1000 && Math.abs(r) < 0x1p1000);
    String ctx = String.format("op %d rm %d: %s, %s -> %s", op, rm, a, b, r);
    assertEquals(0, x.ex & ~FpArith.INEXACT, ctx + ": only Inexact can happen here");
    checkRounding(
        ctx, rm, new BigDecimal(r), new BigDecimal(Math.nextUp(r)), new BigDecimal(Math.nextDown(r)),
        x.ex, exactOrder(op, a, b));
  }

  @Property(tries = 3000, edgeCases = EdgeCasesMode.NONE)
  void singleArithmeticRoundsCorrectlyInEveryMode(
      @ForAll("moderateFloats") float a,
      @ForAll("moderateFloats") float b,
      @ForAll @IntRange(min = 0, max = 3) int rm,
      @ForAll @IntRange(min = 0, max = 4) int op) {
    if (op == 4) {
      a = Math.abs(a);
    }
    FpArith x = arith(rm, false, false);
    int ab = Float.floatToRawIntBits(a);
    int bb = Float.floatToRawIntBits(b);
    int rbits =
        switch (op) {
          case 0 -> x.addS(ab, bb);
          case 1 -> x.subS(ab, bb);
          case 2 -> x.mulS(ab, bb);
          case 3 -> x.divS(ab, bb);
          default -> x.sqrtS(ab);
        };
    float r = Float.intBitsToFloat(rbits);
    Assume.that(Float.isFinite(r) && Math.abs(r) > 0x1p-120f && Math.abs(r) < 0x1p120f);
    String ctx = String.format("op %d rm %d: %s, %s -> %s", op, rm, a, b, r);
    assertEquals(0, x.ex & ~FpArith.INEXACT, ctx + ": only Inexact can happen here");
    checkRounding(
        ctx, rm, new BigDecimal(r), new BigDecimal(Math.nextUp(r)), new BigDecimal(Math.nextDown(r)),
        x.ex, exactOrder(op, a, b));
  }
}
