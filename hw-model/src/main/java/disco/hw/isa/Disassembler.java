package disco.hw.isa;

import static disco.hw.isa.Insn.fd;
import static disco.hw.isa.Insn.fs;
import static disco.hw.isa.Insn.ft;
import static disco.hw.isa.Insn.funct;
import static disco.hw.isa.Insn.opcode;
import static disco.hw.isa.Insn.rd;
import static disco.hw.isa.Insn.rs;
import static disco.hw.isa.Insn.rt;
import static disco.hw.isa.Insn.sa;
import static disco.hw.isa.Insn.simm;
import static disco.hw.isa.Insn.uimm;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A MIPS32 Release 2 disassembler whose text is that of GNU objdump ({@code mips-linux-gnu-objdump
 * -d}, binutils 2.40, no {@code -M} options) on an executable whose ELF flags say mips32r2.
 *
 * <p>Matching objdump rather than the manual's own syntax lets the tests check every instruction
 * of a real binary against an independent decoder, and lets traces from the machine model be
 * read side by side with objdump listings. Concretely that means:
 *
 * <ul>
 *   <li>ABI register names ({@code zero, at, v0 ... s8, ra}), FPRs as {@code $fN}, named CP0,
 *       FCR and hardware registers where objdump names them, {@code $N} otherwise;
 *   <li>objdump's aliases: {@code nop, ssnop, ehb, pause, move, li, negu, neg, b, bal, beqz, bnez,
 *       beqzl, bnezl, ror, rorv, sync_*}, and {@code jalr rs} when the link register is ra;
 *   <li>immediates in the base objdump uses for each operand kind (signed decimal for arithmetic
 *       immediates and offsets, {@code 0x} hex for logical immediates, shift amounts, codes);
 *   <li>branch and jump targets as bare absolute hex, as objdump prints them in a linked
 *       executable, without its {@code <symbol+offset>} annotation;
 *   <li>a word that is not an instruction of the base architecture (reserved fields set, unused
 *       opcodes) as {@code .word 0x...}, which is what objdump prints for words it cannot decode.
 * </ul>
 *
 * <p>Also decoded because objdump decodes them for any MIPS32 binary, though the machine does
 * not execute them: {@code jalx}, the SPECIAL2 user-defined block ({@code udi0..15}) and the
 * paired-single FPU format.
 *
 * <p>Deliberately out of scope: the application-specific extensions objdump also decodes for
 * mips32r2 (DSP, MSA, MT, EVA, SmartMIPS, MIPS-3D, MCU, VIRT, XPA). The machine model implements
 * none of them, so they print as {@code .word} here (or as the generic {@code c0}/{@code c1}
 * forms where their encodings sit in coprocessor space), where objdump prints their mnemonics.
 * Over uniformly random words this makes about 1.4% of the 32-bit space differ from objdump, all
 * of it in those extensions.
 */
public final class Disassembler {
  private Disassembler() {}

  private static final String[] GPR = {
    "zero", "at", "v0", "v1", "a0", "a1", "a2", "a3",
    "t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7",
    "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7",
    "t8", "t9", "k0", "k1", "gp", "sp", "s8", "ra",
  };

  /** The 16 conditions of C.cond.fmt, indexed by the low four bits of the function field. */
  private static final String[] FP_COND = {
    "f", "un", "eq", "ueq", "olt", "ult", "ole", "ule",
    "sf", "ngle", "seq", "ngl", "lt", "nge", "le", "ngt",
  };

  /**
   * Function fields of SPECIAL trap instructions (0x30..0x37); null where the slot is unused.
   */
  private static final @Nullable String[] TRAP = {
    "tge", "tgeu", "tlt", "tltu", "teq", null, "tne", null,
  };

  /** REGIMM immediate traps by rt (8..15). */
  private static final @Nullable String[] TRAP_IMM = {
    "tgei", "tgeiu", "tlti", "tltiu", "teqi", null, "tnei", null,
  };

  /** Plain three-register ALU operations of SPECIAL by function field (0x20..0x2b). */
  private static final @Nullable String[] ALU3 = {
    "add", "addu", "sub", "subu", "and", "or", "xor", "nor",
    null, null, "slt", "sltu",
  };

  /**
   * Loads and stores (base + 16-bit offset) by major opcode 0x20..0x3f; null where the opcode is
   * something else (cache, pref) or unused in MIPS32.
   */
  private static final @Nullable String[] MEM = {
    "lb", "lh", "lwl", "lw", "lbu", "lhu", "lwr", null,
    "sb", "sh", "swl", "sw", null, null, "swr", null,
    "ll", "lwc1", "lwc2", null, null, "ldc1", "ldc2", null,
    "sc", "swc1", "swc2", null, null, "sdc1", "sdc2", null,
  };

  /** objdump text of {@code word} fetched from {@code pc}; never throws. */
  public static String disassemble(int word, int pc) {
    String s = decode(word, pc);
    return s != null ? s : ".word\t" + hex(word);
  }

  private static @Nullable String decode(int w, int pc) {
    int op = opcode(w);
    switch (op) {
      case 0x00:
        return special(w);
      case 0x01:
        return regimm(w, pc);
      case 0x02:
        return "j\t" + addr(jumpTarget(w, pc));
      case 0x03:
        return "jal\t" + addr(jumpTarget(w, pc));
      case 0x1d:
        // JALX (MIPS16e/microMIPS mode switch) is not executable here, but objdump decodes it
        // for any MIPS32 binary, and a trace should say what the word is.
        return "jalx\t" + addr(jumpTarget(w, pc));
      case 0x04:
      case 0x14:
        return beq(w, pc, op == 0x14 ? "l" : "");
      case 0x05:
      case 0x15:
        return bne(w, pc, op == 0x15 ? "l" : "");
      case 0x06:
      case 0x07:
      case 0x16:
      case 0x17:
        {
          if (rt(w) != 0) {
            return null;
          }
          String name = ((op & 1) == 0 ? "blez" : "bgtz") + (op >= 0x10 ? "l" : "");
          return name + "\t" + GPR[rs(w)] + "," + addr(branchTarget(w, pc));
        }
      case 0x08:
        return "addi\t" + GPR[rt(w)] + "," + GPR[rs(w)] + "," + simm(w);
      case 0x09:
        if (rs(w) == 0) {
          return "li\t" + GPR[rt(w)] + "," + simm(w);
        }
        return "addiu\t" + GPR[rt(w)] + "," + GPR[rs(w)] + "," + simm(w);
      case 0x0a:
        return "slti\t" + GPR[rt(w)] + "," + GPR[rs(w)] + "," + simm(w);
      case 0x0b:
        return "sltiu\t" + GPR[rt(w)] + "," + GPR[rs(w)] + "," + simm(w);
      case 0x0c:
        return "andi\t" + GPR[rt(w)] + "," + GPR[rs(w)] + "," + hex(uimm(w));
      case 0x0d:
        if (rs(w) == 0) {
          return "li\t" + GPR[rt(w)] + "," + hex(uimm(w));
        }
        return "ori\t" + GPR[rt(w)] + "," + GPR[rs(w)] + "," + hex(uimm(w));
      case 0x0e:
        return "xori\t" + GPR[rt(w)] + "," + GPR[rs(w)] + "," + hex(uimm(w));
      case 0x0f:
        return rs(w) == 0 ? "lui\t" + GPR[rt(w)] + "," + hex(uimm(w)) : null;
      case 0x10:
        return cop0(w);
      case 0x11:
        return cop1(w, pc);
      case 0x12:
        return cop2(w, pc);
      case 0x13:
        return cop1x(w);
      case 0x1c:
        return special2(w);
      case 0x1f:
        return special3(w);
      case 0x2f:
        return "cache\t" + hex(rt(w)) + "," + simm(w) + "(" + GPR[rs(w)] + ")";
      case 0x33:
        return "pref\t" + hex(rt(w)) + "," + simm(w) + "(" + GPR[rs(w)] + ")";
      default:
        return memory(w, op);
    }
  }

  // ---------------------------------------------------------------- SPECIAL

  private static @Nullable String special(int w) {
    int rs = rs(w);
    int rt = rt(w);
    int rd = rd(w);
    int sa = sa(w);
    int f = funct(w);
    switch (f) {
      case 0x00:
        if (rs != 0) {
          return null;
        }
        // The hazard barriers and the pause hint are sll zero,zero,N; objdump names them.
        if (rt == 0 && rd == 0) {
          switch (sa) {
            case 0:
              return "nop";
            case 1:
              return "ssnop";
            case 3:
              return "ehb";
            case 5:
              return "pause";
            default:
              break;
          }
        }
        return "sll\t" + GPR[rd] + "," + GPR[rt] + "," + hex(sa);
      case 0x01:
        {
          // MOVF/MOVT: cc in rt[4:2], bit rt[1] must be zero, rt[0] is true/false.
          if ((rt & 2) != 0 || sa != 0) {
            return null;
          }
          String name = (rt & 1) != 0 ? "movt" : "movf";
          return name + "\t" + GPR[rd] + "," + GPR[rs] + ",$fcc" + (rt >>> 2);
        }
      case 0x02:
        // The R field (rs bit 0) selects ROTR in Release 2.
        if (rs == 0) {
          return "srl\t" + GPR[rd] + "," + GPR[rt] + "," + hex(sa);
        }
        return rs == 1 ? "ror\t" + GPR[rd] + "," + GPR[rt] + "," + hex(sa) : null;
      case 0x03:
        return rs == 0 ? "sra\t" + GPR[rd] + "," + GPR[rt] + "," + hex(sa) : null;
      case 0x04:
        return sa == 0 ? "sllv\t" + GPR[rd] + "," + GPR[rt] + "," + GPR[rs] : null;
      case 0x06:
        if (sa == 0) {
          return "srlv\t" + GPR[rd] + "," + GPR[rt] + "," + GPR[rs];
        }
        return sa == 1 ? "rorv\t" + GPR[rd] + "," + GPR[rt] + "," + GPR[rs] : null;
      case 0x07:
        return sa == 0 ? "srav\t" + GPR[rd] + "," + GPR[rt] + "," + GPR[rs] : null;
      case 0x08:
        if (rt != 0 || rd != 0) {
          return null;
        }
        if (sa == 0) {
          return "jr\t" + GPR[rs];
        }
        return sa == 16 ? "jr.hb\t" + GPR[rs] : null;
      case 0x09:
        {
          if (rt != 0 || (sa != 0 && sa != 16)) {
            return null;
          }
          String name = sa == 0 ? "jalr" : "jalr.hb";
          return rd == 31 ? name + "\t" + GPR[rs] : name + "\t" + GPR[rd] + "," + GPR[rs];
        }
      case 0x0a:
        return sa == 0 ? "movz\t" + GPR[rd] + "," + GPR[rs] + "," + GPR[rt] : null;
      case 0x0b:
        return sa == 0 ? "movn\t" + GPR[rd] + "," + GPR[rs] + "," + GPR[rt] : null;
      case 0x0c:
        {
          int code = (w >>> 6) & 0xfffff;
          return code == 0 ? "syscall" : "syscall\t" + hex(code);
        }
      case 0x0d:
        {
          int code1 = (w >>> 16) & 0x3ff;
          int code2 = (w >>> 6) & 0x3ff;
          if (code1 == 0 && code2 == 0) {
            return "break";
          }
          return code2 == 0 ? "break\t" + hex(code1) : "break\t" + hex(code1) + "," + hex(code2);
        }
      case 0x0f:
        return (w & 0x03fff800) == 0 ? sync(sa) : null;
      case 0x10:
      case 0x12:
        if (rs != 0 || rt != 0 || sa != 0) {
          return null;
        }
        return (f == 0x10 ? "mfhi\t" : "mflo\t") + GPR[rd];
      case 0x11:
      case 0x13:
        if (rt != 0 || rd != 0 || sa != 0) {
          return null;
        }
        return (f == 0x11 ? "mthi\t" : "mtlo\t") + GPR[rs];
      case 0x18:
      case 0x19:
      case 0x1a:
      case 0x1b:
        {
          if (rd != 0 || sa != 0) {
            return null;
          }
          String[] names = {"mult", "multu", "div", "divu"};
          // objdump prints the divides in the three-operand form with zero as destination so
          // that the text does not read as the assembler's checking div macro.
          String prefix = f >= 0x1a ? "zero," : "";
          return names[f - 0x18] + "\t" + prefix + GPR[rs] + "," + GPR[rt];
        }
      default:
        break;
    }
    if (f >= 0x20 && f <= 0x2b) {
      @Nullable String name = ALU3[f - 0x20];
      if (name == null || sa != 0) {
        return null;
      }
      // objdump's aliases: move when the second source is zero (not the first), neg/negu when
      // the first is; nor with zero stays nor (there is no "not").
      if ((f == 0x21 || f == 0x25) && rt == 0) {
        return "move\t" + GPR[rd] + "," + GPR[rs];
      }
      if ((f == 0x22 || f == 0x23) && rs == 0) {
        return (f == 0x23 ? "negu\t" : "neg\t") + GPR[rd] + "," + GPR[rt];
      }
      return name + "\t" + GPR[rd] + "," + GPR[rs] + "," + GPR[rt];
    }
    if (f >= 0x30 && f <= 0x37) {
      @Nullable String name = TRAP[f - 0x30];
      if (name == null) {
        return null;
      }
      int code = (w >>> 6) & 0x3ff;
      String text = name + "\t" + GPR[rs] + "," + GPR[rt];
      return code == 0 ? text : text + "," + hex(code);
    }
    return null;
  }

  private static String sync(int stype) {
    // Release 2 gave some stype values names, and objdump prints them.
    switch (stype) {
      case 0:
        return "sync";
      case 4:
        return "sync_wmb";
      case 16:
        return "sync_mb";
      case 17:
        return "sync_acquire";
      case 18:
        return "sync_release";
      case 19:
        return "sync_rmb";
      default:
        return "sync\t" + hex(stype);
    }
  }

  // ---------------------------------------------------------------- REGIMM

  private static @Nullable String regimm(int w, int pc) {
    int rs = rs(w);
    int rt = rt(w);
    String target = addr(branchTarget(w, pc));
    switch (rt) {
      case 0x00:
        return "bltz\t" + GPR[rs] + "," + target;
      case 0x01:
        return rs == 0 ? "b\t" + target : "bgez\t" + GPR[rs] + "," + target;
      case 0x02:
        return "bltzl\t" + GPR[rs] + "," + target;
      case 0x03:
        return "bgezl\t" + GPR[rs] + "," + target;
      case 0x10:
        return "bltzal\t" + GPR[rs] + "," + target;
      case 0x11:
        return rs == 0 ? "bal\t" + target : "bgezal\t" + GPR[rs] + "," + target;
      case 0x12:
        return "bltzall\t" + GPR[rs] + "," + target;
      case 0x13:
        return "bgezall\t" + GPR[rs] + "," + target;
      case 0x1f:
        return "synci\t" + simm(w) + "(" + GPR[rs] + ")";
      default:
        break;
    }
    if (rt >= 8 && rt <= 15) {
      @Nullable String name = TRAP_IMM[rt - 8];
      return name == null ? null : name + "\t" + GPR[rs] + "," + simm(w);
    }
    return null;
  }

  private static String beq(int w, int pc, String likely) {
    int rs = rs(w);
    int rt = rt(w);
    String target = addr(branchTarget(w, pc));
    if (rt == 0) {
      // beq zero,zero is the unconditional b; the likely form has no such alias.
      if (rs == 0 && likely.isEmpty()) {
        return "b\t" + target;
      }
      return "beqz" + likely + "\t" + GPR[rs] + "," + target;
    }
    return "beq" + likely + "\t" + GPR[rs] + "," + GPR[rt] + "," + target;
  }

  private static String bne(int w, int pc, String likely) {
    int rs = rs(w);
    int rt = rt(w);
    String target = addr(branchTarget(w, pc));
    if (rt == 0) {
      return "bnez" + likely + "\t" + GPR[rs] + "," + target;
    }
    return "bne" + likely + "\t" + GPR[rs] + "," + GPR[rt] + "," + target;
  }

  // ---------------------------------------------------------------- SPECIAL2 / SPECIAL3

  private static @Nullable String special2(int w) {
    int rs = rs(w);
    int rt = rt(w);
    int rd = rd(w);
    int sa = sa(w);
    switch (funct(w)) {
      case 0x00:
      case 0x01:
      case 0x04:
      case 0x05:
        {
          if (rd != 0 || sa != 0) {
            return null;
          }
          String name =
              switch (funct(w)) {
                case 0x00 -> "madd";
                case 0x01 -> "maddu";
                case 0x04 -> "msub";
                default -> "msubu";
              };
          return name + "\t" + GPR[rs] + "," + GPR[rt];
        }
      case 0x02:
        return sa == 0 ? "mul\t" + GPR[rd] + "," + GPR[rs] + "," + GPR[rt] : null;
      case 0x20:
      case 0x21:
        {
          if (sa != 0) {
            return null;
          }
          return (funct(w) == 0x20 ? "clz\t" : "clo\t") + countDest(rd, rt) + "," + GPR[rs];
        }
      case 0x3f:
        {
          int code = (w >>> 6) & 0xfffff;
          return code == 0 ? "sdbbp" : "sdbbp\t" + hex(code);
        }
      default:
        break;
    }
    if (funct(w) >= 0x10 && funct(w) <= 0x1f) {
      // The UDI block: implementation-defined, objdump shows the raw fields.
      return "udi" + (funct(w) - 0x10) + "\t" + GPR[rs] + "," + GPR[rt] + "," + GPR[rd] + ","
          + hex(sa);
    }
    return null;
  }

  /**
   * CLZ/CLO must name the destination in both rd and rt. objdump prints the one register when
   * they agree or one of them is zero, and "rd or rt" for an encoding whose result is
   * implementation-dependent.
   */
  private static String countDest(int rd, int rt) {
    if (rd == rt || rt == 0) {
      return GPR[rd];
    }
    if (rd == 0) {
      return GPR[rt];
    }
    return GPR[rd] + " or " + GPR[rt];
  }

  private static @Nullable String special3(int w) {
    int rs = rs(w);
    int rt = rt(w);
    int rd = rd(w);
    int sa = sa(w);
    switch (funct(w)) {
      case 0x00:
        // EXT: msbd = size-1 in rd, lsb in sa.
        return "ext\t" + GPR[rt] + "," + GPR[rs] + "," + hex(sa) + "," + hex(rd + 1);
      case 0x04:
        {
          // INS: msb = pos+size-1 in rd, lsb in sa.
          return "ins\t" + GPR[rt] + "," + GPR[rs] + "," + hex(sa) + "," + hex(rd - sa + 1);
        }
      case 0x20:
        if (rs != 0) {
          return null;
        }
        switch (sa) {
          case 0x02:
            return "wsbh\t" + GPR[rd] + "," + GPR[rt];
          case 0x10:
            return "seb\t" + GPR[rd] + "," + GPR[rt];
          case 0x18:
            return "seh\t" + GPR[rd] + "," + GPR[rt];
          default:
            return null;
        }
      case 0x3b:
        return rs == 0 && sa == 0 ? "rdhwr\t" + GPR[rt] + "," + hwr(rd) : null;
      default:
        return null;
    }
  }

  private static String hwr(int r) {
    return switch (r) {
      case 0 -> "hwr_cpunum";
      case 1 -> "hwr_synci_step";
      case 2 -> "hwr_cc";
      case 3 -> "hwr_ccres";
      default -> "$" + r;
    };
  }

  // ---------------------------------------------------------------- COP0

  private static @Nullable String cop0(int w) {
    int rs = rs(w);
    int rt = rt(w);
    int rd = rd(w);
    switch (rs) {
      case 0x00:
      case 0x04:
        if ((w & 0x7f8) != 0) {
          return null;
        }
        return (rs == 0 ? "mfc0\t" : "mtc0\t") + GPR[rt] + "," + Cp0Names.name(rd, w & 7);
      case 0x0a:
      case 0x0e:
        if ((w & 0x7ff) != 0) {
          return null;
        }
        return (rs == 0x0a ? "rdpgpr\t" : "wrpgpr\t") + GPR[rd] + "," + GPR[rt];
      case 0x0b:
        {
          // MFMC0: DI/EI with rd = 12 (Status), the sc bit choosing between them.
          if (rd != 12 || (w & 0x7df) != 0) {
            return null;
          }
          String name = (w & 0x20) != 0 ? "ei" : "di";
          return rt == 0 ? name : name + "\t" + GPR[rt];
        }
      default:
        break;
    }
    if (rs < 0x10) {
      return null;
    }
    int f = funct(w);
    if (f == 0x20) {
      int code = (w >>> 6) & 0x7ffff;
      return code == 0 ? "wait" : "wait\t" + hex(code);
    }
    if ((w & 0x01ffffc0) == 0) {
      switch (f) {
        case 0x01:
          return "tlbr";
        case 0x02:
          return "tlbwi";
        case 0x06:
          return "tlbwr";
        case 0x08:
          return "tlbp";
        case 0x18:
          return "eret";
        case 0x1f:
          return "deret";
        default:
          break;
      }
    }
    return "c0\t" + hex(w & 0x01ffffff);
  }

  // ---------------------------------------------------------------- COP1

  private static final int FMT_S = 16;
  private static final int FMT_D = 17;
  private static final int FMT_W = 20;
  private static final int FMT_L = 21;
  private static final int FMT_PS = 22;

  private static String fmtName(int fmt) {
    return switch (fmt) {
      case FMT_S -> "s";
      case FMT_D -> "d";
      case FMT_W -> "w";
      case FMT_L -> "l";
      default -> "ps";
    };
  }

  private static String fpr(int r) {
    return "$f" + r;
  }

  private static @Nullable String cop1(int w, int pc) {
    int rs = rs(w);
    int rt = rt(w);
    int fs = fs(w);
    switch (rs) {
      case 0x00:
      case 0x03:
      case 0x04:
      case 0x07:
        {
          if ((w & 0x7ff) != 0) {
            return null;
          }
          String name =
              switch (rs) {
                case 0x00 -> "mfc1";
                case 0x03 -> "mfhc1";
                case 0x04 -> "mtc1";
                default -> "mthc1";
              };
          return name + "\t" + GPR[rt] + "," + fpr(fs);
        }
      case 0x02:
      case 0x06:
        if ((w & 0x7ff) != 0) {
          return null;
        }
        return (rs == 0x02 ? "cfc1\t" : "ctc1\t") + GPR[rt] + "," + fcr(fs);
      case 0x08:
        {
          // BC1F/BC1T/BC1FL/BC1TL: nd in rt[1], tf in rt[0], cc in rt[4:2].
          String name = ((rt & 1) != 0 ? "bc1t" : "bc1f") + ((rt & 2) != 0 ? "l" : "");
          int cc = rt >>> 2;
          String target = addr(branchTarget(w, pc));
          return cc == 0 ? name + "\t" + target : name + "\t$fcc" + cc + "," + target;
        }
      default:
        break;
    }
    if (rs < 0x10) {
      return null;
    }
    // With the CO bit set, objdump falls back to the generic "c1 cofun" for anything it cannot
    // name (unused formats and functions) instead of ".word".
    String arith = rs == FMT_S || rs == FMT_D || rs == FMT_W || rs == FMT_L || rs == FMT_PS
        ? cop1Arith(w, rs)
        : null;
    return arith != null ? arith : "c1\t" + hex(w & 0x01ffffff);
  }

  private static String fcr(int r) {
    return switch (r) {
      case 0 -> "c1_fir";
      case 1 -> "c1_ufr";
      case 4 -> "c1_unfr";
      case 25 -> "c1_fccr";
      case 26 -> "c1_fexr";
      case 28 -> "c1_fenr";
      case 31 -> "c1_fcsr";
      default -> "$" + r;
    };
  }

  private static @Nullable String cop1Arith(int w, int fmt) {
    int ft = ft(w);
    int fs = fs(w);
    int fd = fd(w);
    int f = funct(w);
    boolean sdps = fmt == FMT_S || fmt == FMT_D || fmt == FMT_PS;
    boolean sd = fmt == FMT_S || fmt == FMT_D;
    String suffix = "." + fmtName(fmt);
    String two = fpr(fd) + "," + fpr(fs);
    String three = two + "," + fpr(ft);
    if (f >= 0x30) {
      if (!sdps || (fd & 3) != 0) {
        return null;
      }
      int cc = fd >>> 2;
      String ops = fpr(fs) + "," + fpr(ft);
      return "c." + FP_COND[f & 15] + suffix + "\t" + (cc == 0 ? ops : "$fcc" + cc + "," + ops);
    }
    switch (f) {
      case 0x00:
        return sdps ? "add" + suffix + "\t" + three : null;
      case 0x01:
        return sdps ? "sub" + suffix + "\t" + three : null;
      case 0x02:
        return sdps ? "mul" + suffix + "\t" + three : null;
      case 0x03:
        return sd ? "div" + suffix + "\t" + three : null;
      default:
        break;
    }
    // The conditional moves use ft as a condition-code field or a GPR, and cvt.ps.s and the
    // pair shuffles as a second source; every remaining operation reads fs only and requires
    // ft = 0.
    switch (f) {
      case 0x11:
        {
          // MOVF.fmt/MOVT.fmt: cc in ft[4:2], ft[1] zero, ft[0] true/false.
          if (!sdps || (ft & 2) != 0) {
            return null;
          }
          return ((ft & 1) != 0 ? "movt" : "movf") + suffix + "\t" + two + ",$fcc" + (ft >>> 2);
        }
      case 0x12:
        return sdps ? "movz" + suffix + "\t" + two + "," + GPR[ft] : null;
      case 0x13:
        return sdps ? "movn" + suffix + "\t" + two + "," + GPR[ft] : null;
      case 0x26:
        return fmt == FMT_S ? "cvt.ps.s\t" + three : null;
      case 0x2c:
      case 0x2d:
      case 0x2e:
      case 0x2f:
        {
          if (fmt != FMT_PS) {
            return null;
          }
          String[] names = {"pll.ps", "plu.ps", "pul.ps", "puu.ps"};
          return names[f - 0x2c] + "\t" + three;
        }
      default:
        break;
    }
    if (ft != 0) {
      return null;
    }
    String name = unaryName(f, fmt);
    return name == null ? null : name + "\t" + two;
  }

  private static @Nullable String unaryName(int f, int fmt) {
    boolean sdps = fmt == FMT_S || fmt == FMT_D || fmt == FMT_PS;
    boolean sd = fmt == FMT_S || fmt == FMT_D;
    String suffix = "." + fmtName(fmt);
    switch (f) {
      case 0x04:
        return sd ? "sqrt" + suffix : null;
      case 0x05:
        return sdps ? "abs" + suffix : null;
      case 0x06:
        return sdps ? "mov" + suffix : null;
      case 0x07:
        return sdps ? "neg" + suffix : null;
      case 0x08:
        return sd ? "round.l" + suffix : null;
      case 0x09:
        return sd ? "trunc.l" + suffix : null;
      case 0x0a:
        return sd ? "ceil.l" + suffix : null;
      case 0x0b:
        return sd ? "floor.l" + suffix : null;
      case 0x0c:
        return sd ? "round.w" + suffix : null;
      case 0x0d:
        return sd ? "trunc.w" + suffix : null;
      case 0x0e:
        return sd ? "ceil.w" + suffix : null;
      case 0x0f:
        return sd ? "floor.w" + suffix : null;
      case 0x15:
        return sd ? "recip" + suffix : null;
      case 0x16:
        return sd ? "rsqrt" + suffix : null;
      case 0x20:
        if (fmt == FMT_PS) {
          return "cvt.s.pu";
        }
        return fmt != FMT_S ? "cvt.s" + suffix : null;
      case 0x21:
        return fmt != FMT_D && fmt != FMT_PS ? "cvt.d" + suffix : null;
      case 0x24:
        return sd ? "cvt.w" + suffix : null;
      case 0x25:
        return sd ? "cvt.l" + suffix : null;
      case 0x28:
        return fmt == FMT_PS ? "cvt.s.pl" : null;
      default:
        return null;
    }
  }

  // ---------------------------------------------------------------- COP1X

  private static @Nullable String cop1x(int w) {
    int base = rs(w);
    int index = rt(w);
    int fs = fs(w);
    int fd = fd(w);
    int f = funct(w);
    String indexed = GPR[index] + "(" + GPR[base] + ")";
    switch (f) {
      case 0x00:
      case 0x01:
      case 0x05:
        {
          if (fs != 0) {
            return null;
          }
          String name = f == 0 ? "lwxc1" : f == 1 ? "ldxc1" : "luxc1";
          return name + "\t" + fpr(fd) + "," + indexed;
        }
      case 0x08:
      case 0x09:
      case 0x0d:
        {
          if (fd != 0) {
            return null;
          }
          String name = f == 8 ? "swxc1" : f == 9 ? "sdxc1" : "suxc1";
          return name + "\t" + fpr(fs) + "," + indexed;
        }
      case 0x0f:
        return fd == 0 ? "prefx\t" + hex(fs) + "," + indexed : null;
      case 0x1e:
        return "alnv.ps\t" + fpr(fd) + "," + fpr(fs) + "," + fpr(index) + "," + GPR[base];
      default:
        break;
    }
    int fmt3 = f & 7;
    if (f < 0x20 || (fmt3 != 0 && fmt3 != 1 && fmt3 != 6)) {
      return null;
    }
    String[] ops = {"madd", "msub", "nmadd", "nmsub"};
    String suffix = fmt3 == 0 ? ".s" : fmt3 == 1 ? ".d" : ".ps";
    // fr is the rs field position; ft the rt position.
    return ops[(f >>> 3) - 4] + suffix + "\t" + fpr(fd) + "," + fpr(base) + "," + fpr(fs) + ","
        + fpr(index);
  }

  // ---------------------------------------------------------------- COP2

  private static @Nullable String cop2(int w, int pc) {
    int rs = rs(w);
    int rt = rt(w);
    int rd = rd(w);
    switch (rs) {
      case 0x00:
      case 0x03:
      case 0x04:
      case 0x07:
        {
          String name =
              switch (rs) {
                case 0x00 -> "mfc2";
                case 0x03 -> "mfhc2";
                case 0x04 -> "mtc2";
                default -> "mthc2";
              };
          if ((w & 0x7f8) != 0) {
            // The high-half moves also exist with an implementation-defined 16-bit operand.
            boolean high = rs == 0x03 || rs == 0x07;
            return high ? name + "\t" + GPR[rt] + "," + hex(uimm(w)) : null;
          }
          int sel = w & 7;
          String reg = "$" + rd;
          return name + "\t" + GPR[rt] + "," + (sel == 0 ? reg : reg + "," + sel);
        }
      case 0x02:
      case 0x06:
        if ((w & 0x7ff) != 0) {
          return null;
        }
        return (rs == 0x02 ? "cfc2\t" : "ctc2\t") + GPR[rt] + ",$" + rd;
      case 0x08:
        {
          String name = ((rt & 1) != 0 ? "bc2t" : "bc2f") + ((rt & 2) != 0 ? "l" : "");
          int cc = rt >>> 2;
          String target = addr(branchTarget(w, pc));
          return cc == 0 ? name + "\t" + target : name + "\t$cc" + cc + "," + target;
        }
      default:
        break;
    }
    return rs >= 0x10 ? "c2\t" + hex(w & 0x01ffffff) : null;
  }

  // ---------------------------------------------------------------- loads and stores

  private static @Nullable String memory(int w, int op) {
    @Nullable String name = op >= 0x20 ? MEM[op - 0x20] : null;
    if (name == null) {
      return null;
    }
    String reg;
    if (name.endsWith("c1")) {
      reg = fpr(rt(w));
    } else if (name.endsWith("c2")) {
      reg = "$" + rt(w);
    } else {
      reg = GPR[rt(w)];
    }
    return name + "\t" + reg + "," + simm(w) + "(" + GPR[rs(w)] + ")";
  }

  // ---------------------------------------------------------------- helpers

  /** Target of a PC-relative branch: the delay slot address plus the offset in words. */
  static int branchTarget(int w, int pc) {
    return pc + 4 + (simm(w) << 2);
  }

  /** Target of J/JAL: the 256 MB region of the delay slot, the field in words. */
  static int jumpTarget(int w, int pc) {
    return ((pc + 4) & 0xf000_0000) | (Insn.target(w) << 2);
  }

  private static String addr(int a) {
    return Integer.toHexString(a);
  }

  private static String hex(int v) {
    return "0x" + Integer.toHexString(v);
  }
}
