package disco.hw.cpu;

/**
 * IEEE 754 arithmetic as the MIPS FPU of QEMU's 24Kf does it: all four rounding modes, the five
 * exception flags, legacy NaNs in "default NaN" form, and FCSR.FS flushing.
 *
 * <p>Each operation reads {@link #rm} and {@link #ftz} and ORs the exceptions it signals into
 * {@link #ex} (bits {@link #INEXACT} .. {@link #INVALID}, the order of the FCSR Flag, Enable and
 * Cause fields). {@link Fpu} sets the mode before an instruction and turns {@code ex} into FCSR
 * Cause and Flag bits afterwards.
 *
 * <p>Two paths compute every result. The fast path uses Java's {@code float}/{@code double}
 * arithmetic, which rounds to nearest-even, and decides exactness with an error-free
 * transformation (Fast2Sum, or an FMA residual); it handles round-to-nearest operations whose
 * operands are finite and whose result is a normal number comfortably away from the underflow
 * boundary. Everything else (directed rounding, NaNs, infinities, overflow, results near or below
 * the normal range) takes the exact path: the exact result as an integer significand and a power of
 * two, rounded once by {@link #roundPack}. Single-precision fast paths compute in double: for +, -,
 * *, / and sqrt a double result rounded again to single is still correctly rounded (53 >= 2*24+2,
 * Figueroa's condition), so no double rounding error is possible there.
 *
 * <p>What QEMU does that the manual leaves open or words differently (each checked against qemu-mips
 * 7.2 by the vectors in {@code fpu_vectors_fr*.txt}):
 *
 * <ul>
 *   <li>NaN results are always the default NaN, whatever NaN operands came in (QEMU runs a
 *       pre-NAN2008 MIPS FPU in "default NaN" mode); a signaling NaN operand raises Invalid.
 *   <li>Tininess is detected after rounding, and Underflow is signaled only when the tiny result is
 *       also inexact (Vol. I, "Underflow Exception": the MIPS architecture detects tininess after
 *       rounding and loss of accuracy as an inexact result); with the Underflow enable set an exact
 *       tiny result still does not trap.
 *   <li>FCSR.FS: a result whose exponent <em>before rounding</em> is below the normal range becomes
 *       a zero of the same sign, signaling nothing. Operands are not flushed.
 * </ul>
 */
final class FpArith {
  static final int RN = 0;
  static final int RZ = 1;
  static final int RP = 2;
  static final int RM = 3;

  static final int INEXACT = 1;
  static final int UNDERFLOW = 2;
  static final int OVERFLOW = 4;
  static final int DIVZERO = 8;
  static final int INVALID = 16;

  private static final FpFormat S = FpFormat.SINGLE;
  private static final FpFormat D = FpFormat.DOUBLE;
  private static final long M32 = 0xffff_ffffL;

  /** Results whose magnitude is at least this take the double fast paths (see each method). */
  private static final double D_SAFE = 0x1p-900;

  /** The rounding mode, FCSR.RM. */
  int rm;
  /** FCSR.FS. */
  boolean ftz;
  /** Exceptions signaled since the caller last cleared it. */
  int ex;
  /** For tests: never take a fast path, so both paths can be compared. */
  boolean exactOnly;

  // ---------------------------------------------------------------------------------------------
  // Rounding

  /**
   * Rounds +-m * 2^e (m >= 0, any long) to format f under {@link #rm}, signaling Inexact,
   * Underflow and Overflow, and returns the bits. The caller has dealt with NaNs and infinities.
   *
   * <p>m may carry a "sticky" 1 in its least significant bit standing for discarded nonzero bits
   * below it, as long as m then has at least p+2 significant bits (the rounding position is then at
   * least two bits above the sticky bit, so the rounding is that of the exact value).
   */
  long roundPack(FpFormat f, boolean neg, long m, int e) {
    if (m == 0) {
      return f.zero(neg);
    }
    if (m < 0) { // 64 significant bits: keep 63, jam the last into the sticky bit
      m = (m >>> 1) | (m & 1);
      e++;
    }
    int n = 64 - Long.numberOfLeadingZeros(m);
    int top = e + n - 1; // exponent of the leading bit, before rounding
    if (top < f.emin && ftz) {
      // FCSR.FS (Vol. I, FCSR "FS" field): a tiny result is replaced by zero. QEMU decides
      // "tiny" on the unrounded exponent and raises no MIPS-visible flag for the flush.
      return f.zero(neg);
    }
    int q = Math.max(top, f.emin) - (f.p - 1); // exponent of the result's last place
    long mant = roundAt(neg, m, e, q);
    boolean inexact = q > e && (m & lowMask(q - e)) != 0;
    if (mant == 1L << f.p) { // rounding carried into a new leading bit
      mant >>>= 1;
      q++;
    }
    if (q + f.p - 1 > f.emax) {
      ex |= OVERFLOW | INEXACT;
      boolean toInf = rm == RN || (rm == RP && !neg) || (rm == RM && neg);
      return f.zero(neg) | (toInf ? f.infBits : f.maxFinite);
    }
    if (inexact) {
      ex |= INEXACT;
      // Tiny after rounding: rounded to p bits with an unbounded exponent, still below 2^emin.
      if (top < f.emin - 1
          || (top == f.emin - 1 && roundAt(neg, m, e, top - (f.p - 1)) < 1L << f.p)) {
        ex |= UNDERFLOW;
      }
    }
    // The hidden bit of a normal mant adds the 1 that makes the biased exponent; a subnormal has
    // q = emin - p + 1, which makes the exponent field 0.
    return f.zero(neg) | ((((long) (q + f.p - 2 + f.bias)) << (f.p - 1)) + mant);
  }

  /** m * 2^e rounded under rm to a multiple of 2^q, as a count of 2^q units. */
  private long roundAt(boolean neg, long m, int e, int q) {
    if (q <= e) {
      return m << (e - q);
    }
    int sh = q - e;
    long kept;
    boolean half;
    boolean sticky;
    if (sh >= 64) {
      kept = 0;
      half = false;
      sticky = true; // m != 0
    } else {
      kept = m >>> sh;
      half = ((m >>> (sh - 1)) & 1) != 0;
      sticky = (m & lowMask(sh - 1)) != 0;
    }
    if (!half && !sticky) {
      return kept;
    }
    boolean up =
        switch (rm) {
          case RN -> half && (sticky || (kept & 1) != 0);
          case RZ -> false;
          case RP -> !neg;
          default -> neg;
        };
    return up ? kept + 1 : kept;
  }

  private static long lowMask(int bits) {
    return bits >= 64 ? -1L : (1L << bits) - 1;
  }

  private long invalid(FpFormat f) {
    ex |= INVALID;
    return f.defaultNaN;
  }

  /** Any NaN operand gives the default NaN; a signaling one also raises Invalid. */
  private long nanResult(FpFormat f, long a, long b) {
    if (f.isSignalingNaN(a) || f.isSignalingNaN(b)) {
      ex |= INVALID;
    }
    return f.defaultNaN;
  }

  // ---------------------------------------------------------------------------------------------
  // Exact paths, both formats (bits in a long, singles zero-extended)

  long add(FpFormat f, long a, long b) {
    if (f.isNaN(a) || f.isNaN(b)) {
      return nanResult(f, a, b);
    }
    boolean na = f.isNeg(a);
    boolean nb = f.isNeg(b);
    if (f.isInf(a)) {
      return f.isInf(b) && na != nb ? invalid(f) : a;
    }
    if (f.isInf(b)) {
      return b;
    }
    long ma = f.significand(a);
    long mb = f.significand(b);
    if (ma == 0 && mb == 0) {
      // IEEE 754 6.3: x + x keeps the sign of x; +0 + -0 is +0 except when rounding down.
      return f.zero(na == nb ? na : rm == RM);
    }
    if (ma == 0) {
      return roundPack(f, nb, mb, f.lsbExponent(b)); // FS may still flush a denormal b
    }
    if (mb == 0) {
      return roundPack(f, na, ma, f.lsbExponent(a));
    }
    int ea = f.lsbExponent(a);
    int eb = f.lsbExponent(b);
    if (ea < eb) {
      long t = ma;
      ma = mb;
      mb = t;
      int te = ea;
      ea = eb;
      eb = te;
      boolean tn = na;
      na = nb;
      nb = tn;
    }
    int d = ea - eb;
    long x;
    long y;
    int e;
    if (d <= 9) { // exact: 53 + 9 bits fit
      x = ma << d;
      y = mb;
      e = eb;
    } else {
      // The smaller operand lies wholly below the larger one's 9 guard bits: shift it there and
      // jam what falls off into a sticky bit. Cancellation is then at most one bit, so the sticky
      // bit stays two or more places below the rounding position.
      x = ma << 9;
      e = ea - 9;
      int sh = d - 9;
      y = sh >= 63 ? 1 : (mb >>> sh) | ((mb & lowMask(sh)) != 0 ? 1 : 0);
    }
    if (na == nb) {
      return roundPack(f, na, x + y, e);
    }
    if (x == y) {
      return f.zero(rm == RM); // exact cancellation: +0, or -0 when rounding down
    }
    return x > y ? roundPack(f, na, x - y, e) : roundPack(f, nb, y - x, e);
  }

  long mul(FpFormat f, long a, long b) {
    if (f.isNaN(a) || f.isNaN(b)) {
      return nanResult(f, a, b);
    }
    boolean neg = f.isNeg(a) != f.isNeg(b);
    if (f.isInf(a) || f.isInf(b)) {
      return f.isZero(a) || f.isZero(b) ? invalid(f) : f.zero(neg) | f.infBits;
    }
    long ma = f.significand(a);
    long mb = f.significand(b);
    int e = f.lsbExponent(a) + f.lsbExponent(b);
    long hi = Math.multiplyHigh(ma, mb);
    long lo = ma * mb;
    if (hi == 0) {
      return roundPack(f, neg, lo, e); // roundPack copes with a 64-bit lo
    }
    // At most 106 bits: keep the top 62 and a sticky bit.
    int n = 128 - Long.numberOfLeadingZeros(hi);
    int sh = n - 62; // 3..44
    long kept = (hi << (64 - sh)) | (lo >>> sh);
    if ((lo & lowMask(sh)) != 0) {
      kept |= 1;
    }
    return roundPack(f, neg, kept, e + sh);
  }

  long div(FpFormat f, long a, long b) {
    if (f.isNaN(a) || f.isNaN(b)) {
      return nanResult(f, a, b);
    }
    boolean neg = f.isNeg(a) != f.isNeg(b);
    if (f.isInf(a)) {
      return f.isInf(b) ? invalid(f) : f.zero(neg) | f.infBits;
    }
    if (f.isInf(b)) {
      return f.zero(neg);
    }
    if (f.isZero(b)) {
      if (f.isZero(a)) {
        return invalid(f);
      }
      ex |= DIVZERO;
      return f.zero(neg) | f.infBits;
    }
    if (f.isZero(a)) {
      return f.zero(neg);
    }
    long ma = f.significand(a);
    long mb = f.significand(b);
    int ea = f.lsbExponent(a);
    int eb = f.lsbExponent(b);
    // Normalize both to a leading bit at 52, then ma to [mb, 2*mb): the quotient is in [1, 2).
    int la = Long.numberOfLeadingZeros(ma) - 11;
    int lb = Long.numberOfLeadingZeros(mb) - 11;
    ma <<= la;
    ea -= la;
    mb <<= lb;
    eb -= lb;
    if (ma < mb) {
      ma <<= 1;
      ea--;
    }
    // q = floor(ma * 2^61 / mb), 62 bits, and the remainder as a sticky bit. The double quotient
    // is within a few hundred units of q at this scale; the exact 128-bit remainder corrects it.
    long q = (long) ((double) ma / (double) mb * 0x1p61);
    long pHi = Math.multiplyHigh(q, mb);
    long pLo = q * mb;
    long nHi = ma >>> 3;
    long nLo = ma << 61;
    long rLo = nLo - pLo;
    long rHi = nHi - pHi - (Long.compareUnsigned(nLo, pLo) < 0 ? 1 : 0);
    // |remainder| < 2^62 here, so rHi is only its sign extension and rLo the value.
    assert rHi == (rLo >> 63) : "quotient estimate too far off";
    q += Math.floorDiv(rLo, mb);
    long r = Math.floorMod(rLo, mb);
    if (r != 0) {
      q |= 1;
    }
    return roundPack(f, neg, q, ea - eb - 61);
  }

  long sqrt(FpFormat f, long a) {
    if (f.isNaN(a)) {
      return nanResult(f, a, a);
    }
    if (f.isZero(a)) {
      return a; // sqrt(-0) = -0
    }
    if (f.isNeg(a)) {
      return invalid(f);
    }
    if (f.isInf(a)) {
      return a;
    }
    long m = f.significand(a);
    int e = f.lsbExponent(a);
    // Normalize to 53 or 54 bits with an even exponent: value = m * 2^e, sqrt = sqrt(m) * 2^(e/2).
    int l = Long.numberOfLeadingZeros(m) - 11;
    m <<= l;
    e -= l;
    if ((e & 1) != 0) {
      m <<= 1;
      e--;
    }
    // R = floor(sqrt(m * 2^60)), 57 bits, and whether the root is exact. Math.sqrt of m (exact in
    // a double: at most 54 bits, the last one 0 when there are 54) is within half a unit of 2^-26
    // of sqrt(m); scaled by 2^30 that is within 8 units of R, and the exact 128-bit square of the
    // candidate against m * 2^60 settles it.
    long r = (long) (Math.sqrt((double) m) * 0x1p30);
    long nHi = m >>> 4;
    long nLo = m << 60;
    while (cmpSquare(r, nHi, nLo) > 0) {
      r--;
    }
    while (cmpSquare(r + 1, nHi, nLo) < 0) {
      r++;
    }
    long s = cmpSquare(r, nHi, nLo) == 0 ? r : r | 1;
    return roundPack(f, false, s, (e - 60) / 2);
  }

  /** The sign of r*r - (nHi:nLo), 128-bit unsigned, for 0 <= r < 2^63. */
  private static int cmpSquare(long r, long nHi, long nLo) {
    long hi = Math.multiplyHigh(r, r);
    long lo = r * r;
    int c = Long.compare(hi, nHi);
    return c != 0 ? c : Long.compareUnsigned(lo, nLo);
  }

  /** CVT.S.D and CVT.D.S. */
  long convert(FpFormat from, FpFormat to, long a) {
    if (from.isNaN(a)) {
      if (from.isSignalingNaN(a)) {
        ex |= INVALID;
      }
      return to.defaultNaN;
    }
    boolean neg = from.isNeg(a);
    if (from.isInf(a)) {
      return to.zero(neg) | to.infBits;
    }
    return roundPack(to, neg, from.significand(a), from.lsbExponent(a));
  }

  /** CVT.fmt.W and CVT.fmt.L: a signed integer to a format. */
  long fromInteger(FpFormat to, long v) {
    if (v == Long.MIN_VALUE) {
      return roundPack(to, true, 1L << 62, 1);
    }
    return roundPack(to, v < 0, Math.abs(v), 0);
  }

  /**
   * CVT.W/.L, ROUND, TRUNC, CEIL, FLOOR: a format to a 32- or 64-bit signed integer, rounding in
   * mode {@code mode}. NaN, infinity and out-of-range values signal Invalid (and not Inexact) and
   * give 2^31-1 or 2^63-1 whatever the sign: the legacy MIPS "default result" for an invalid
   * integer conversion (Vol. II, CVT.W.fmt: "the default result is 2^31-1"), which QEMU
   * produces too.
   */
  long toInteger(FpFormat f, long a, int mode, boolean wide) {
    long max = wide ? Long.MAX_VALUE : Integer.MAX_VALUE;
    if (!f.isFinite(a)) {
      ex |= INVALID;
      return max;
    }
    long m = f.significand(a);
    if (m == 0) {
      return 0;
    }
    boolean neg = f.isNeg(a);
    int e = f.lsbExponent(a);
    int bits = 64 - Long.numberOfLeadingZeros(m);
    long mag;
    boolean inexact = false;
    if (e >= 0) {
      if (bits + e > 63) { // |value| >= 2^63: only -2^63 itself fits, and only in 64 bits
        if (wide && neg && bits + e == 64 && m == Long.lowestOneBit(m)) {
          return Long.MIN_VALUE;
        }
        ex |= INVALID;
        return max;
      }
      mag = m << e;
    } else {
      int saved = rm;
      rm = mode;
      mag = roundAt(neg, m, e, 0); // < 2^54
      rm = saved;
      inexact = (m & lowMask(-e)) != 0;
    }
    if (!wide && mag > (neg ? 1L << 31 : Integer.MAX_VALUE)) {
      ex |= INVALID;
      return max;
    }
    if (inexact) {
      ex |= INEXACT;
    }
    return neg ? -mag : mag;
  }

  /**
   * C.cond.fmt (Vol. II, C.cond.fmt): cond bit 0 = true if unordered, bit 1 = if equal, bit 2 = if
   * less than, bit 3 = signaling (Invalid on any NaN; the quiet conditions raise Invalid only for a
   * signaling NaN).
   */
  boolean compare(FpFormat f, long a, long b, int cond) {
    if (f.isNaN(a) || f.isNaN(b)) {
      if ((cond & 8) != 0 || f.isSignalingNaN(a) || f.isSignalingNaN(b)) {
        ex |= INVALID;
      }
      return (cond & 1) != 0;
    }
    long ka = orderKey(f, a);
    long kb = orderKey(f, b);
    return ((cond & 2) != 0 && ka == kb) || ((cond & 4) != 0 && ka < kb);
  }

  /** Sign-magnitude to a two's complement order; +0 and -0 both map to 0. */
  private static long orderKey(FpFormat f, long b) {
    long mag = b & ~f.signBit;
    return f.isNeg(b) ? -mag : mag;
  }

  // ---------------------------------------------------------------------------------------------
  // Single precision, with round-to-nearest fast paths

  private boolean fast() {
    return rm == RN && !exactOnly;
  }

  private static boolean finiteS(int a) {
    return (a & 0x7f80_0000) != 0x7f80_0000;
  }

  /** |r| is a normal float strictly above the smallest one: no underflow or flushing concerns. */
  private static boolean safeS(float r) {
    float m = Math.abs(r);
    return m > Float.MIN_NORMAL && m != Float.POSITIVE_INFINITY;
  }

  /**
   * Whether s = x + y (rounded to nearest, finite) is the exact sum. Fast2Sum (Dekker): with
   * |big| >= |small|, s - big is computed exactly and the rounding error is small - (s - big).
   */
  private static boolean exactSum(double x, double y, double s) {
    return Math.abs(x) >= Math.abs(y) ? s - x == y : s - y == x;
  }

  int addS(int a, int b) {
    if (fast() && finiteS(a) && finiteS(b)) {
      double x = Float.intBitsToFloat(a);
      double y = Float.intBitsToFloat(b);
      double s = x + y;
      float r = (float) s;
      if (safeS(r)) {
        // The float result is exact iff the double sum and its rounding to float both were.
        if (!exactSum(x, y, s) || r != s) {
          ex |= INEXACT;
        }
        return Float.floatToRawIntBits(r);
      }
      if (r == 0 || (Math.abs(r) < Float.MIN_NORMAL && !ftz)) {
        // A zero or subnormal sum of floats is exact (a multiple of 2^-149 this small fits).
        return Float.floatToRawIntBits(r);
      }
    }
    return (int) add(S, a & M32, b & M32);
  }

  int subS(int a, int b) {
    // a - b = a + (-b), exactly, zeros' signs included; NaN operands give the default NaN anyway.
    return addS(a, b ^ 0x8000_0000);
  }

  int mulS(int a, int b) {
    if (fast() && finiteS(a) && finiteS(b)) {
      double p = (double) Float.intBitsToFloat(a) * Float.intBitsToFloat(b); // exact: 48 bits
      float r = (float) p;
      if (safeS(r)) {
        if (r != p) {
          ex |= INEXACT;
        }
        return Float.floatToRawIntBits(r);
      }
      if (p == 0) { // only when an operand is zero: exact, sign from the operands
        return Float.floatToRawIntBits(r);
      }
    }
    return (int) mul(S, a & M32, b & M32);
  }

  int divS(int a, int b) {
    if (fast() && finiteS(a) && finiteS(b) && (b & 0x7fff_ffff) != 0) {
      double x = Float.intBitsToFloat(a);
      double y = Float.intBitsToFloat(b);
      float r = (float) (x / y);
      if (safeS(r)) {
        if ((double) r * y != x) { // r*y is exact (48 bits); equal iff the quotient is r
          ex |= INEXACT;
        }
        return Float.floatToRawIntBits(r);
      }
      if (x == 0) {
        return Float.floatToRawIntBits(r);
      }
    }
    return (int) div(S, a & M32, b & M32);
  }

  int sqrtS(int a) {
    if (fast() && a >= 0 && a < 0x7f80_0000) { // +0, denormals and positive normals
      double x = Float.intBitsToFloat(a);
      float r = (float) Math.sqrt(x);
      if ((double) r * r != x) {
        ex |= INEXACT;
      }
      return Float.floatToRawIntBits(r);
    }
    return (int) sqrt(S, a & M32);
  }

  // ---------------------------------------------------------------------------------------------
  // Double precision, with round-to-nearest fast paths

  private static boolean finiteD(long a) {
    return (a & 0x7ff0_0000_0000_0000L) != 0x7ff0_0000_0000_0000L;
  }

  private static boolean safeD(double r) {
    double m = Math.abs(r);
    return m > Double.MIN_NORMAL && m != Double.POSITIVE_INFINITY;
  }

  long addD(long a, long b) {
    if (fast() && finiteD(a) && finiteD(b)) {
      double x = Double.longBitsToDouble(a);
      double y = Double.longBitsToDouble(b);
      double s = x + y;
      if (safeD(s)) {
        if (!exactSum(x, y, s)) {
          ex |= INEXACT;
        }
        return Double.doubleToRawLongBits(s);
      }
      if (s == 0 || (Math.abs(s) < Double.MIN_NORMAL && !ftz)) {
        return Double.doubleToRawLongBits(s); // exact, as for singles
      }
    }
    return add(D, a, b);
  }

  long subD(long a, long b) {
    return addD(a, b ^ Long.MIN_VALUE);
  }

  long mulD(long a, long b) {
    if (fast() && finiteD(a) && finiteD(b)) {
      double x = Double.longBitsToDouble(a);
      double y = Double.longBitsToDouble(b);
      double p = x * y;
      double m = Math.abs(p);
      if (m >= D_SAFE && m != Double.POSITIVE_INFINITY) {
        // The product's exact low part x*y - p is representable here (its last bit is above
        // 2^-1074), so the FMA computes it exactly.
        if (Math.fma(x, y, -p) != 0) {
          ex |= INEXACT;
        }
        return Double.doubleToRawLongBits(p);
      }
      if (x == 0 || y == 0) {
        return Double.doubleToRawLongBits(p);
      }
    }
    return mul(D, a, b);
  }

  long divD(long a, long b) {
    if (fast() && finiteD(a) && finiteD(b) && (b & Long.MAX_VALUE) != 0) {
      double x = Double.longBitsToDouble(a);
      double y = Double.longBitsToDouble(b);
      double q = x / y;
      if (safeD(q) && Math.abs(x) >= D_SAFE) {
        // The remainder x - q*y of a correctly rounded quotient is representable when nothing
        // is near the bottom of the range, so the FMA gives it exactly.
        if (Math.fma(-q, y, x) != 0) {
          ex |= INEXACT;
        }
        return Double.doubleToRawLongBits(q);
      }
      if (x == 0) {
        return Double.doubleToRawLongBits(q);
      }
    }
    return div(D, a, b);
  }

  long sqrtD(long a) {
    if (fast() && a >= 0 && a < 0x7ff0_0000_0000_0000L) {
      double x = Double.longBitsToDouble(a);
      if (x >= D_SAFE || x == 0) {
        double r = Math.sqrt(x);
        if (Math.fma(-r, r, x) != 0) {
          ex |= INEXACT;
        }
        return Double.doubleToRawLongBits(r);
      }
    }
    return sqrt(D, a);
  }

  // ---------------------------------------------------------------------------------------------
  // Conversions between formats

  /** CVT.D.S: always exact for numbers. */
  long cvtDS(int a) {
    if ((a & 0x7fff_ffff) > 0x7f80_0000) {
      return convert(S, D, a & M32);
    }
    return Double.doubleToRawLongBits(Float.intBitsToFloat(a));
  }

  /** CVT.S.D. */
  int cvtSD(long a) {
    if (fast() && finiteD(a)) {
      double x = Double.longBitsToDouble(a);
      float r = (float) x;
      if (safeS(r)) {
        if (r != x) {
          ex |= INEXACT;
        }
        return Float.floatToRawIntBits(r);
      }
      if (x == 0) {
        return Float.floatToRawIntBits(r);
      }
    }
    return (int) convert(D, S, a);
  }

  /** CVT.S.W, CVT.S.L. */
  int cvtSfromInt(long v) {
    if (fast()) {
      float r = (float) v; // Java rounds to nearest-even here (JLS 5.1.2)
      if (r == 0x1p63f || (long) r != v) {
        ex |= INEXACT;
      }
      return Float.floatToRawIntBits(r);
    }
    return (int) fromInteger(S, v);
  }

  /** CVT.D.W, CVT.D.L. */
  long cvtDfromInt(long v) {
    if (fast()) {
      double r = (double) v;
      if (r == 0x1p63 || (long) r != v) {
        ex |= INEXACT;
      }
      return Double.doubleToRawLongBits(r);
    }
    return fromInteger(D, v);
  }
}
