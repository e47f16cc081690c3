package disco.hw.isa;

/**
 * Field extraction for MIPS32 instruction words (MIPS32 Architecture for Programmers, Vol. II,
 * chapter 2: the R, I and J formats). Names are the manual's.
 */
public final class Insn {
  private Insn() {}

  public static int opcode(int w) {
    return w >>> 26;
  }

  public static int rs(int w) {
    return (w >>> 21) & 31;
  }

  public static int rt(int w) {
    return (w >>> 16) & 31;
  }

  public static int rd(int w) {
    return (w >>> 11) & 31;
  }

  public static int sa(int w) {
    return (w >>> 6) & 31;
  }

  public static int funct(int w) {
    return w & 63;
  }

  /** The 16-bit immediate, sign-extended. */
  public static int simm(int w) {
    return (short) w;
  }

  /** The 16-bit immediate, zero-extended. */
  public static int uimm(int w) {
    return w & 0xffff;
  }

  /** The 26-bit jump target field. */
  public static int target(int w) {
    return w & 0x03ff_ffff;
  }

  // COP1 fields share positions with the R format: fmt = rs, ft = rt, fs = rd, fd = sa.
  public static int fmt(int w) {
    return rs(w);
  }

  public static int ft(int w) {
    return rt(w);
  }

  public static int fs(int w) {
    return rd(w);
  }

  public static int fd(int w) {
    return sa(w);
  }
}
