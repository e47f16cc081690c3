package disco.hw.cpu;

/**
 * CP1, the floating-point unit of a MIPS32 Release 2 processor, as QEMU models the 24Kf: a 64-bit
 * FPU (FIR.F64) with single, double, word and long formats and no paired single, MIPS-3D or
 * IEEE 754-2008 NaN mode (FCSR.NAN2008 = ABS2008 = 0).
 *
 * <p>The CPU interpreter decodes loads, stores, MFC1/MTC1, CFC1/CTC1 and BC1 itself and uses the
 * accessors here; everything else with primary opcode COP1 (fmt S, D, W, L, PS) or COP1X
 * (MADD/MSUB/NMADD/NMSUB) goes to {@link #execute}.
 *
 * <p><b>Registers</b> (Vol. I, "Floating Point Registers", the FR=0 and FR=1 models). The state is
 * 32 64-bit registers, laid out as QEMU lays them out, so that switching Status.FR shows the same
 * (architecturally UNPREDICTABLE) values QEMU shows:
 *
 * <ul>
 *   <li>FR=1: register i is {@code fpr[i]}; a 32-bit value lives in its low half, and writing one
 *       leaves the high half as it was.
 *   <li>FR=0: 32-bit register i is the low half of {@code fpr[i]}; the upper halves are not
 *       visible. A 64-bit value in register i is the even/odd pair: low word in register {@code
 *       i & ~1}, high word in {@code i | 1}.
 * </ul>
 *
 * <p><b>Exceptions</b> (Vol. I, "FPU Exceptions"; Vol. II, each instruction's "Exceptions"). An
 * arithmetic instruction sets FCSR.Cause to exactly the exceptions it signaled. If one of them is
 * enabled the instruction returns {@link #EXC_FPE}: the destination (or condition code) is not
 * written and the Flags are not updated, as in QEMU. Otherwise the Cause bits are ORed into the
 * Flags and the result written. MOV, ABS, NEG and the conditional moves are bit copies that leave
 * FCSR alone (QEMU: ABS and NEG of a NaN only change its sign bit and signal nothing).
 *
 * <p><b>Which FR QEMU runs with.</b> qemu-mips (user mode) takes Status.FR from the binary's o32
 * FP ABI: "double precision" ({@code gcc -mfp32}) runs with FR=0, while FPXX, the default of
 * Debian's {@code mips-linux-gnu-gcc -march=mips32r2}, and FP64 run with FR=1. Whoever compares
 * the model with QEMU on a binary must call {@link #setFr} to match.
 *
 * <p><b>Reserved encodings.</b> Besides the encodings the manual leaves unassigned, QEMU raises
 * Reserved Instruction for a 64-bit operand in an odd register when FR=0 (Vol. I: "the result is
 * UNPREDICTABLE"; the conditional moves are exempt and use the pair), and for every instruction
 * with an L-format operand or result when FR=0. Conversely QEMU executes two MIPS-3D forms a 24Kf
 * does not have, and so does this model: functs 28..31 of fmt S and D when FR=1, and C.cond.fmt
 * with bit 6 set (CABS). Loads, stores and the other non-arithmetic COP1X functs are
 * {@link #EXC_RI} here because the interpreter handles them.
 */
public final class Fpu {
  public static final int OK = 0;
  public static final int EXC_FPE = 15;
  public static final int EXC_RI = 10;

  /**
   * FIR (CP1 control register 0) of QEMU's 24Kf: F64, L, W, D, S implemented; processor ID 0x93,
   * revision 0.
   */
  static final int FIR = 0x0073_9300;

  // FCSR fields (Vol. I, "Floating Point Control and Status Register (FCSR, CP1 Control Register
  // 31)"). Exception bits within Flags, Enables and Cause: I=1, U=2, O=4, Z=8, V=16; Cause also
  // has E=32, "Unimplemented Operation", which has no Enable and always traps.
  static final int FCSR_RM = 0x3;
  static final int FLAGS_SHIFT = 2;
  static final int ENABLES_SHIFT = 7;
  static final int CAUSE_SHIFT = 12;
  static final int CAUSE_MASK = 0x3f << CAUSE_SHIFT;
  static final int CAUSE_E = 0x20;
  static final int FCSR_FCC0 = 1 << 23;
  static final int FCSR_FS = 1 << 24;
  /** The FCSR bits CTC1 can write on QEMU's 24Kf: 22..18 (Impl, NAN2008, ABS2008) read as 0. */
  static final int FCSR_WRITABLE = 0xff83_ffff;

  private static final long M32 = 0xffff_ffffL;
  private static final FpFormat SF = FpFormat.SINGLE;
  private static final FpFormat DF = FpFormat.DOUBLE;

  // COP1 fmt values (Vol. II, table "COP1 Encoding of rs Field")
  private static final int FMT_S = 16;
  private static final int FMT_D = 17;
  private static final int FMT_W = 20;
  private static final int FMT_L = 21;

  private static final int OP_COP1 = 0x11;
  private static final int OP_COP1X = 0x13;

  private final long[] fpr = new long[32];
  private boolean fr;
  private int fcsr;
  private final FpArith arith = new FpArith();

  /** Reset state: FR=0, FCSR=0, every register 0. */
  public Fpu() {}

  /** Status.FR changed. The register contents stay; see the class comment for what they mean. */
  public void setFr(boolean fr) {
    this.fr = fr;
  }

  FpuState state() {
    return new FpuState(fpr.clone(), fr, fcsr);
  }

  void restore(FpuState s) {
    System.arraycopy(s.fpr(), 0, fpr, 0, fpr.length);
    fr = s.fr();
    fcsr = s.fcsr();
  }

  public boolean fr() {
    return fr;
  }

  // ---------------------------------------------------------------------------------------------
  // Register accessors

  /** MFC1, SWC1, SWXC1: the low 32 bits of FPR fs. */
  public int readWord(int fs) {
    return (int) fpr[fs];
  }

  /** MTC1, LWC1, LWXC1: the low 32 bits of FPR fd; with FR=1 the high half is kept (as QEMU). */
  public void writeWord(int fd, int v) {
    fpr[fd] = (fpr[fd] & ~M32) | (v & M32);
  }

  /** MFHC1: with FR=1 the high half of fs; with FR=0 the odd register of the pair, fs | 1. */
  public int readHighWord(int fs) {
    return fr ? (int) (fpr[fs] >>> 32) : (int) fpr[fs | 1];
  }

  /** MTHC1: with FR=1 the high half of fd; with FR=0 the odd register of the pair, fd | 1. */
  public void writeHighWord(int fd, int v) {
    if (fr) {
      fpr[fd] = (fpr[fd] & M32) | ((long) v << 32);
    } else {
      writeWord(fd | 1, v);
    }
  }

  /** SDC1, SDXC1: the 64-bit value of FPR fs (FR=0: the pair fs & ~1, as QEMU for odd fs). */
  public long readDouble(int fs) {
    return fr ? fpr[fs] : ((long) (int) fpr[fs | 1] << 32) | (fpr[fs & ~1] & M32);
  }

  /** LDC1, LDXC1. */
  public void writeDouble(int fd, long v) {
    if (fr) {
      fpr[fd] = v;
    } else {
      writeWord(fd & ~1, (int) v);
      writeWord(fd | 1, (int) (v >>> 32));
    }
  }

  /** The 32 registers as stored (see the class comment for the FR=0 layout). */
  public long[] snapshotRegisters() {
    return fpr.clone();
  }

  // ---------------------------------------------------------------------------------------------
  // Control registers (Vol. I, "Floating Point Control Registers (FCRs)")

  /**
   * CFC1. 0 is FIR, 25 FCCR, 26 FEXR, 28 FENR, 31 FCSR. QEMU reads 1 and 5 (UFR, FRE: absent on a
   * 24Kf) as 0 and every other number as FCSR; so does this, which matters only to code that reads
   * unimplemented control registers (UNPREDICTABLE in Vol. II, CFC1).
   */
  public int readControl(int fs) {
    return switch (fs) {
      case 0 -> FIR;
      case 1, 5 -> 0;
      // FCCR: the eight condition codes in bits 7..0.
      case 25 -> ((fcsr >>> 24) & 0xfe) | ((fcsr >>> 23) & 1);
      // FEXR: Cause and Flags in their FCSR positions.
      case 26 -> fcsr & 0x0003_f07c;
      // FENR: Enables, RM, and FS moved to bit 2.
      case 28 -> (fcsr & 0x0000_0f83) | ((fcsr >>> 22) & 0x4);
      default -> fcsr;
    };
  }

  /**
   * CTC1. Writes through the FCCR, FEXR and FENR views take only the view's fields (Vol. I, "FCCR",
   * "FEXR", "FENR": the other bits "must be written as zero"). As QEMU does, a write to FCCR with a
   * bit above 7 set, or to FEXR or FENR with a bit of 22..18 set, is ignored whole, and writes to
   * other numbers than 25, 26, 28, 31 are ignored. Then, whatever was written (Vol. II, CTC1): if a Cause bit is set whose Enable is
   * set, or Cause.E, the FCSR keeps the written value and the instruction raises a Floating-Point
   * exception: {@link #EXC_FPE}.
   */
  public int writeControl(int fs, int v) {
    switch (fs) {
      case 25 -> {
        if ((v & 0xffff_ff00) == 0) {
          fcsr = (fcsr & 0x017f_ffff) | ((v & 0xfe) << 24) | ((v & 1) << 23);
        }
      }
      case 26 -> {
        if ((v & 0x007c_0000) == 0) {
          fcsr = (fcsr & 0xfffc_0f83) | (v & 0x0003_f07c);
        }
      }
      case 28 -> {
        if ((v & 0x007c_0000) == 0) {
          fcsr = (fcsr & 0xfeff_f07c) | (v & 0x0000_0f83) | ((v & 0x4) << 22);
        }
      }
      case 31 -> fcsr = (v & FCSR_WRITABLE) | (fcsr & ~FCSR_WRITABLE);
      default -> {}
    }
    int cause = (fcsr >>> CAUSE_SHIFT) & 0x3f;
    int enables = ((fcsr >>> ENABLES_SHIFT) & 0x1f) | CAUSE_E;
    return (cause & enables) != 0 ? EXC_FPE : OK;
  }

  /** FCSR condition code cc (0..7): BC1T/BC1F, MOVF/MOVT. */
  public boolean condition(int cc) {
    return (fcsr & ccBit(cc)) != 0;
  }

  private static int ccBit(int cc) {
    return cc == 0 ? FCSR_FCC0 : 1 << (24 + cc);
  }

  private void setCondition(int cc, boolean v) {
    fcsr = v ? fcsr | ccBit(cc) : fcsr & ~ccBit(cc);
  }

  // ---------------------------------------------------------------------------------------------
  // Execution

  /**
   * Executes a COP1 arithmetic, conversion, compare or move instruction (fmt S, D, W, L, PS) or a
   * COP1X MADD/MSUB/NMADD/NMSUB; gprRt is GPR[rt] for MOVZ.fmt/MOVN.fmt. Returns {@link #OK},
   * {@link #EXC_FPE} or {@link #EXC_RI}; any other word (loads, stores and moves included) is
   * {@link #EXC_RI}.
   */
  public int execute(int insn, int gprRt) {
    int op = insn >>> 26;
    if (op == OP_COP1) {
      int fmt = (insn >>> 21) & 31;
      return switch (fmt) {
        case FMT_S -> single(insn, gprRt);
        case FMT_D -> dbl(insn, gprRt);
        case FMT_W -> fromWord(insn);
        case FMT_L -> fromLong(insn);
        default -> EXC_RI; // PS (no paired single on a 24Kf), reserved fmts, non-arithmetic rs
      };
    }
    if (op == OP_COP1X) {
      return cop1x(insn);
    }
    return EXC_RI;
  }

  private static int ft(int insn) {
    return (insn >>> 16) & 31;
  }

  private static int fs(int insn) {
    return (insn >>> 11) & 31;
  }

  private static int fd(int insn) {
    return (insn >>> 6) & 31;
  }

  private int readS(int r) {
    return (int) fpr[r];
  }

  private void begin() {
    arith.rm = fcsr & FCSR_RM;
    arith.ftz = (fcsr & FCSR_FS) != 0;
    arith.ex = 0;
  }

  /**
   * Vol. I, "FPU Exceptions": Cause gets this instruction's exceptions; an enabled one traps
   * (Flags untouched, result not delivered); otherwise they accumulate into Flags.
   */
  private boolean commit() {
    int x = arith.ex;
    if (x == 0) {
      fcsr &= ~CAUSE_MASK;
      return true;
    }
    fcsr = (fcsr & ~CAUSE_MASK) | (x << CAUSE_SHIFT);
    if ((x & (fcsr >>> ENABLES_SHIFT)) != 0) { // x has only bits 0..4: Enables
      return false;
    }
    fcsr |= x << FLAGS_SHIFT;
    return true;
  }

  private int finishS(int fd, int v) {
    if (!commit()) {
      return EXC_FPE;
    }
    writeWord(fd, v);
    return OK;
  }

  private int finishD(int fd, long v) {
    if (!commit()) {
      return EXC_FPE;
    }
    writeDouble(fd, v);
    return OK;
  }

  /** QEMU: with FR=0 a 64-bit operand in an odd register is a Reserved Instruction. */
  private boolean oddPair(int regs) {
    return !fr && (regs & 1) != 0;
  }

  private static final int RN = FpArith.RN;
  private static final int RZ = FpArith.RZ;
  private static final int RP = FpArith.RP;
  private static final int RM = FpArith.RM;

  /** The rounding of ROUND/TRUNC/CEIL/FLOOR (funct low two bits), or FCSR.RM for CVT. */
  private int intRounding(int funct) {
    return switch (funct & 3) {
      case 0 -> RN;
      case 1 -> RZ;
      case 2 -> RP;
      default -> RM;
    };
  }

  private int single(int insn, int gprRt) {
    int funct = insn & 63;
    int ft = ft(insn);
    int fs = fs(insn);
    int fd = fd(insn);
    FpArith a = arith;
    switch (funct) {
      case 0: // ADD.S
        begin();
        return finishS(fd, a.addS(readS(fs), readS(ft)));
      case 1: // SUB.S
        begin();
        return finishS(fd, a.subS(readS(fs), readS(ft)));
      case 2: // MUL.S
        begin();
        return finishS(fd, a.mulS(readS(fs), readS(ft)));
      case 3: // DIV.S
        begin();
        return finishS(fd, a.divS(readS(fs), readS(ft)));
      case 4: // SQRT.S
        begin();
        return finishS(fd, a.sqrtS(readS(fs)));
      case 5: // ABS.S: a bit operation in QEMU, no exceptions even for a signaling NaN
        writeWord(fd, readS(fs) & 0x7fff_ffff);
        return OK;
      case 6: // MOV.S
        writeWord(fd, readS(fs));
        return OK;
      case 7: // NEG.S
        writeWord(fd, readS(fs) ^ 0x8000_0000);
        return OK;
      case 8, 9, 10, 11: // ROUND/TRUNC/CEIL/FLOOR.L.S
        if (!fr) {
          return EXC_RI;
        }
        begin();
        return finishD(fd, a.toInteger(SF, readS(fs) & M32, intRounding(funct), true));
      case 12, 13, 14, 15: // ROUND/TRUNC/CEIL/FLOOR.W.S
        begin();
        return finishS(fd, (int) a.toInteger(SF, readS(fs) & M32, intRounding(funct), false));
      case 17: // MOVF.S / MOVT.S: cc in ft bits 4..2, tf in bit 0 (QEMU ignores bit 1)
        if (condition(ft >>> 2) == ((ft & 1) != 0)) {
          writeWord(fd, readS(fs));
        }
        return OK;
      case 18: // MOVZ.S
        if (gprRt == 0) {
          writeWord(fd, readS(fs));
        }
        return OK;
      case 19: // MOVN.S
        if (gprRt != 0) {
          writeWord(fd, readS(fs));
        }
        return OK;
      case 21: // RECIP.S: 1/fs, one rounding
        begin();
        return finishS(fd, a.divS(0x3f80_0000, readS(fs)));
      case 22: // RSQRT.S: QEMU rounds the square root, then the quotient
        begin();
        return finishS(fd, a.divS(0x3f80_0000, a.sqrtS(readS(fs))));
      case 28, 29, 30, 31:
        return mips3dS(funct, ft, fs, fd);
      case 33: // CVT.D.S
        if (oddPair(fd)) {
          return EXC_RI;
        }
        begin();
        return finishD(fd, a.cvtDS(readS(fs)));
      case 36: // CVT.W.S
        begin();
        return finishS(fd, (int) a.toInteger(SF, readS(fs) & M32, fcsr & FCSR_RM, false));
      case 37: // CVT.L.S
        if (!fr) {
          return EXC_RI;
        }
        begin();
        return finishD(fd, a.toInteger(SF, readS(fs) & M32, fcsr & FCSR_RM, true));
      default:
        if (funct >= 48) {
          return compare(SF, insn, readS(fs) & M32, readS(ft) & M32);
        }
        return EXC_RI;
    }
  }

  private int dbl(int insn, int gprRt) {
    int funct = insn & 63;
    int ft = ft(insn);
    int fs = fs(insn);
    int fd = fd(insn);
    FpArith a = arith;
    switch (funct) {
      case 0, 1, 2, 3: { // ADD SUB MUL DIV .D
        if (oddPair(fs | ft | fd)) {
          return EXC_RI;
        }
        begin();
        long x = readDouble(fs);
        long y = readDouble(ft);
        long r =
            switch (funct) {
              case 0 -> a.addD(x, y);
              case 1 -> a.subD(x, y);
              case 2 -> a.mulD(x, y);
              default -> a.divD(x, y);
            };
        return finishD(fd, r);
      }
      case 4, 5, 6, 7, 21, 22: { // SQRT ABS MOV NEG RECIP RSQRT .D
        if (oddPair(fs | fd)) {
          return EXC_RI;
        }
        long x = readDouble(fs);
        switch (funct) {
          case 5:
            writeDouble(fd, x & Long.MAX_VALUE);
            return OK;
          case 6:
            writeDouble(fd, x);
            return OK;
          case 7:
            writeDouble(fd, x ^ Long.MIN_VALUE);
            return OK;
          default:
            break;
        }
        begin();
        long r =
            switch (funct) {
              case 4 -> a.sqrtD(x);
              case 21 -> a.divD(0x3ff0_0000_0000_0000L, x);
              default -> a.divD(0x3ff0_0000_0000_0000L, a.sqrtD(x));
            };
        return finishD(fd, r);
      }
      case 8, 9, 10, 11: // ROUND/TRUNC/CEIL/FLOOR.L.D
        if (!fr) {
          return EXC_RI;
        }
        begin();
        return finishD(fd, a.toInteger(DF, readDouble(fs), intRounding(funct), true));
      case 12, 13, 14, 15: // ROUND/TRUNC/CEIL/FLOOR.W.D
        if (oddPair(fs)) {
          return EXC_RI;
        }
        begin();
        return finishS(fd, (int) a.toInteger(DF, readDouble(fs), intRounding(funct), false));
      // MOVF/MOVT/MOVZ/MOVN.D: QEMU makes no odd-register check here; FR=0 uses the pair.
      case 17:
        if (condition(ft >>> 2) == ((ft & 1) != 0)) {
          writeDouble(fd, readDouble(fs));
        }
        return OK;
      case 18:
        if (gprRt == 0) {
          writeDouble(fd, readDouble(fs));
        }
        return OK;
      case 19:
        if (gprRt != 0) {
          writeDouble(fd, readDouble(fs));
        }
        return OK;
      case 28, 29, 30, 31:
        return mips3dD(funct, ft, fs, fd);
      case 32: // CVT.S.D
        if (oddPair(fs)) {
          return EXC_RI;
        }
        begin();
        return finishS(fd, a.cvtSD(readDouble(fs)));
      case 36: // CVT.W.D
        if (oddPair(fs)) {
          return EXC_RI;
        }
        begin();
        return finishS(fd, (int) a.toInteger(DF, readDouble(fs), fcsr & FCSR_RM, false));
      case 37: // CVT.L.D
        if (!fr) {
          return EXC_RI;
        }
        begin();
        return finishD(fd, a.toInteger(DF, readDouble(fs), fcsr & FCSR_RM, true));
      default:
        if (funct >= 48) {
          if (oddPair(fs | ft)) {
            return EXC_RI;
          }
          return compare(DF, insn, readDouble(fs), readDouble(ft));
        }
        return EXC_RI;
    }
  }

  /**
   * C.cond.fmt (Vol. II): the condition code is bits 10..8; bits 7..6 are 0 in the manual's
   * encoding. QEMU ignores bit 7, and with bit 6 set executes the MIPS-3D CABS.cond.fmt, which
   * compares absolute values; a 24Kf has no MIPS-3D, but the model follows QEMU. Taking the
   * absolute value keeps a NaN a NaN of the same kind, so the Invalid rules are unchanged.
   */
  private int compare(FpFormat f, int insn, long x, long y) {
    if ((insn & 0x40) != 0) {
      x &= ~f.signBit;
      y &= ~f.signBit;
    }
    begin();
    boolean c = arith.compare(f, x, y, insn & 15);
    if (!commit()) {
      return EXC_FPE;
    }
    setCondition((insn >>> 8) & 7, c);
    return OK;
  }

  /**
   * Functs 28..31 of fmt S and D: MIPS-3D's RECIP2, RECIP1, RSQRT1, RSQRT2. A 24Kf has no MIPS-3D
   * (FIR.3D = 0), so the manual makes them reserved, but QEMU executes them whenever FR=1 (its
   * check is only for the 64-bit register mode); this follows QEMU, since the model is compared
   * with it. RECIP2 = -(fs*ft - 1), RECIP1 = 1/fs, RSQRT1 = 1/sqrt(fs), RSQRT2 = -(fs*ft - 1)/2,
   * each step rounded.
   */
  private int mips3dS(int funct, int ft, int fs, int fd) {
    if (!fr) {
      return EXC_RI;
    }
    FpArith a = arith;
    begin();
    int one = 0x3f80_0000;
    int r =
        switch (funct) {
          case 28 -> a.subS(a.mulS(readS(fs), readS(ft)), one) ^ 0x8000_0000;
          case 29 -> a.divS(one, readS(fs));
          case 30 -> a.divS(one, a.sqrtS(readS(fs)));
          default -> a.divS(a.subS(a.mulS(readS(fs), readS(ft)), one), 0x4000_0000) ^ 0x8000_0000;
        };
    return finishS(fd, r);
  }

  private int mips3dD(int funct, int ft, int fs, int fd) {
    if (!fr) {
      return EXC_RI;
    }
    FpArith a = arith;
    begin();
    long one = 0x3ff0_0000_0000_0000L;
    long r =
        switch (funct) {
          case 28 -> a.subD(a.mulD(readDouble(fs), readDouble(ft)), one) ^ Long.MIN_VALUE;
          case 29 -> a.divD(one, readDouble(fs));
          case 30 -> a.divD(one, a.sqrtD(readDouble(fs)));
          default ->
              a.divD(a.subD(a.mulD(readDouble(fs), readDouble(ft)), one), 0x4000_0000_0000_0000L)
                  ^ Long.MIN_VALUE;
        };
    return finishD(fd, r);
  }

  /** fmt W: CVT.S.W and CVT.D.W. */
  private int fromWord(int insn) {
    int funct = insn & 63;
    int fs = fs(insn);
    int fd = fd(insn);
    if (funct == 32) {
      begin();
      return finishS(fd, arith.cvtSfromInt(readS(fs)));
    }
    if (funct == 33) {
      if (oddPair(fd)) {
        return EXC_RI;
      }
      begin();
      return finishD(fd, arith.cvtDfromInt(readS(fs)));
    }
    return EXC_RI;
  }

  /** fmt L: CVT.S.L and CVT.D.L; QEMU wants FR=1 for any L-format operand. */
  private int fromLong(int insn) {
    int funct = insn & 63;
    if (!fr || (funct != 32 && funct != 33)) {
      return EXC_RI;
    }
    int fs = fs(insn);
    int fd = fd(insn);
    begin();
    long v = readDouble(fs);
    return funct == 32
        ? finishS(fd, arith.cvtSfromInt(v))
        : finishD(fd, arith.cvtDfromInt(v));
  }

  /**
   * COP1X arithmetic (Vol. II, MADD.fmt etc.): fd = fs*ft + fr and its variants, with fr in bits
   * 25..21. On a MIPS32 Release 2 FPU these are not fused: the product is rounded (and may signal)
   * before the sum, as QEMU does. NMADD and NMSUB negate the rounded result, a NaN included.
   */
  private int cop1x(int insn) {
    int funct = insn & 63;
    int kind = funct >>> 3; // 4 MADD, 5 MSUB, 6 NMADD, 7 NMSUB; below 4: loads, stores, PREFX
    int fmt3 = funct & 7;
    if (kind < 4 || fmt3 > 1) {
      return EXC_RI; // also .PS (6) and the reserved fmts
    }
    int frr = (insn >>> 21) & 31;
    int ft = ft(insn);
    int fs = fs(insn);
    int fd = fd(insn);
    boolean sub = (kind & 1) != 0;
    boolean negate = kind >= 6;
    FpArith a = arith;
    if (fmt3 == 0) {
      begin();
      int p = a.mulS(readS(fs), readS(ft));
      int r = sub ? a.subS(p, readS(frr)) : a.addS(p, readS(frr));
      return finishS(fd, negate ? r ^ 0x8000_0000 : r);
    }
    if (oddPair(frr | ft | fs | fd)) {
      return EXC_RI;
    }
    begin();
    long p = a.mulD(readDouble(fs), readDouble(ft));
    long r = sub ? a.subD(p, readDouble(frr)) : a.addD(p, readDouble(frr));
    return finishD(fd, negate ? r ^ Long.MIN_VALUE : r);
  }
}
