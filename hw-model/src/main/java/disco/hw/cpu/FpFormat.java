package disco.hw.cpu;

/**
 * The two IEEE 754 binary formats of the MIPS FPU (Vol. I, "Floating Point Data Types": single,
 * S, binary32; double, D, binary64) with the legacy MIPS NaN encoding of a MIPS32 Release 2 FPU
 * whose FCSR.NAN2008 is 0.
 *
 * <p>Values travel as raw bit patterns in a {@code long}; a single's 32 bits are zero-extended.
 *
 * <p>Legacy NaNs (Vol. I, "Floating Point Data Types", table of quiet and signaling NaN
 * encodings): the most significant fraction bit is 1 in a <em>signaling</em> NaN and 0 in a quiet
 * one, the opposite of IEEE 754-2008. The default NaN, produced by every invalid operation, is
 * 0x7fbfffff (single) and 0x7ff7ffffffffffff (double).
 */
final class FpFormat {
  static final FpFormat SINGLE = new FpFormat(24, 8);
  static final FpFormat DOUBLE = new FpFormat(53, 11);

  /** Precision in bits, the hidden bit included. */
  final int p;

  final int bias;
  /** The exponent of the smallest normal number, 2^emin. */
  final int emin;
  /** The exponent of the largest finite numbers. */
  final int emax;

  final long signBit;
  final long infBits;
  final long fracMask;
  final long hiddenBit;
  /** The fraction bit that marks a NaN as signaling (legacy MIPS). */
  final long snanBit;

  final long defaultNaN;
  final long maxFinite;

  private FpFormat(int p, int expBits) {
    this.p = p;
    int width = p + expBits;
    bias = (1 << (expBits - 1)) - 1;
    emin = 1 - bias;
    emax = bias;
    signBit = 1L << (width - 1);
    hiddenBit = 1L << (p - 1);
    fracMask = hiddenBit - 1;
    infBits = ((1L << expBits) - 1) << (p - 1);
    snanBit = hiddenBit >>> 1;
    defaultNaN = infBits | (fracMask >>> 1);
    maxFinite = infBits - 1;
  }

  boolean isNaN(long b) {
    return (b & ~signBit) > infBits;
  }

  boolean isSignalingNaN(long b) {
    return isNaN(b) && (b & snanBit) != 0;
  }

  boolean isInf(long b) {
    return (b & ~signBit) == infBits;
  }

  /** Neither NaN nor infinity. */
  boolean isFinite(long b) {
    return (b & infBits) != infBits;
  }

  boolean isZero(long b) {
    return (b & ~signBit) == 0;
  }

  boolean isNeg(long b) {
    return (b & signBit) != 0;
  }

  /** The integer significand: the fraction with the hidden bit for a normal number. */
  long significand(long b) {
    long frac = b & fracMask;
    return (b & infBits) == 0 ? frac : frac | hiddenBit;
  }

  /** The exponent of the significand's least significant bit: value = significand * 2^this. */
  int lsbExponent(long b) {
    int e = (int) ((b & ~signBit) >>> (p - 1));
    return (e == 0 ? 1 : e) - bias - (p - 1);
  }

  long zero(boolean neg) {
    return neg ? signBit : 0;
  }
}
