package disco.hw.cpu;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges one step of a CPU against the privileged architecture, without re-implementing the ISA:
 * either the instruction completed (the PC moved where the instruction's class says, only its
 * destination registers changed, r0 is 0) or exactly one exception was taken, and then the CP0
 * state is what Vol. III, 6.2 prescribes (ExcCode, EXL, EPC and Cause.BD only when EXL was 0,
 * vector, BadVAddr/Context/EntryHi for TLB exceptions, Cause.CE for CpU) and no GPR, HI or LO
 * changed (precise exceptions, Vol. III 6.1).
 *
 * <p>The TLB checks use a lookup written here from the manual (Vol. III, TLB address translation
 * pseudocode), independent of {@link Tlb#find}.
 */
final class FuzzOracle {
  private FuzzOracle() {}

  /** The state a step starts from. */
  record Snap(
      int[] gpr, int hi, int lo, int pc, boolean slot, int status, int cause, int epc, int errorEpc,
      int ebase, int entryHi, int context, int badVAddr, int[] fpuCc) {
    static Snap of(Cpu c) {
      int[] g = new int[32];
      for (int i = 0; i < 32; i++) {
        g[i] = c.gpr(i);
      }
      int[] cc = new int[8];
      for (int i = 0; i < 8; i++) {
        cc[i] = c.fpu().condition(i) ? 1 : 0;
      }
      Cp0 p = c.cp0();
      return new Snap(g, c.hi(), c.lo(), c.pc(), c.inDelaySlot(), p.status(), p.cause(), p.epc(),
          p.errorEpc(), c.readCp0(15, 1), p.entryHi(), p.context(), p.badVAddr(), cc);
    }

    boolean kernel() {
      return (status & 6) != 0 || (status & Cp0.ST_KSU) == 0;
    }

    boolean interruptPending() {
      return (status & 7) == 1 && (cause & status & Cp0.ST_IM) != 0;
    }
  }

  /**
   * Where a step that completes normally leaves the PC. {@code slotNext} is used when the step
   * executes a delay slot: the PC after it (branch target or fall-through).
   */
  record Flow(int kind, int target, boolean taken) {
    static final int PLAIN = 0;
    static final int BRANCH = 1;
    static final int LIKELY = 2;
    static final int ERET = 3;
  }

  // ---- instruction classes (Vol. II appendix A opcode tables) ----

  static int op(int w) {
    return w >>> 26;
  }

  static int rs(int w) {
    return (w >>> 21) & 31;
  }

  static int rt(int w) {
    return (w >>> 16) & 31;
  }

  static int rd(int w) {
    return (w >>> 11) & 31;
  }

  static int funct(int w) {
    return w & 63;
  }

  static boolean isCop0(int w) {
    return op(w) == 0x10 || op(w) == 0x2f; // COP0, CACHE
  }

  static boolean isEret(int w) {
    return op(w) == 0x10 && rs(w) >= 0x10 && funct(w) == 0x18;
  }

  static boolean isTlbWrite(int w) {
    return op(w) == 0x10 && rs(w) >= 0x10 && (funct(w) == 0x02 || funct(w) == 0x06);
  }

  static boolean isCop1(int w) {
    int op = op(w);
    return op == 0x11 || op == 0x13 || op == 0x31 || op == 0x35 || op == 0x39 || op == 0x3d
        || (op == 0 && funct(w) == 0x01); // MOVCI
  }

  static boolean isCop2(int w) {
    int op = op(w);
    return op == 0x12 || op == 0x32 || op == 0x36 || op == 0x3a || op == 0x3e;
  }

  static boolean isStore(int w) {
    int op = op(w);
    return op == 0x28 || op == 0x29 || op == 0x2a || op == 0x2b || op == 0x2e || op == 0x38
        || op == 0x39 || op == 0x3d || (op == 0x13 && (funct(w) == 0x08 || funct(w) == 0x09 || funct(w) == 0x0d));
  }

  static boolean isOverflowing(int w) {
    return op(w) == 0x08 || (op(w) == 0 && (funct(w) == 0x20 || funct(w) == 0x22));
  }

  static boolean isTrap(int w) {
    return (op(w) == 0 && funct(w) >= 0x30 && funct(w) <= 0x36 && funct(w) != 0x35)
        || (op(w) == 1 && rt(w) >= 0x08 && rt(w) <= 0x0e && rt(w) != 0x0d);
  }

  /** The natural alignment a data access of {@code w} needs (Vol. II, each load and store). */
  static int accessSize(int w) {
    switch (op(w)) {
      case 0x21: case 0x25: case 0x29: return 2; // LH, LHU, SH
      case 0x23: case 0x2b: case 0x30: case 0x38: case 0x31: case 0x39: return 4; // LW SW LL SC LWC1 SWC1
      case 0x35: case 0x3d: return 8; // LDC1, SDC1
      case 0x13:
        switch (funct(w)) {
          case 0x00: case 0x08: return 4; // LWXC1, SWXC1
          case 0x01: case 0x09: return 8; // LDXC1, SDXC1
          default: return 1; // LUXC1/SUXC1 align the address themselves
        }
      default: return 1;
    }
  }

  /** Instructions that can raise nothing (Vol. II: ALU operations without overflow). */
  static boolean isPure(int w) {
    int op = op(w);
    if (op >= 0x09 && op <= 0x0e) {
      return true; // ADDIU, SLTI, SLTIU, ANDI, ORI, XORI
    }
    if (op == 0x0f) {
      return rs(w) == 0; // LUI
    }
    if (op == 0 && ((w >>> 6) & 31) == 0) {
      int f = funct(w);
      return f == 0x21 || f == 0x23 || (f >= 0x24 && f <= 0x27) || f == 0x2a || f == 0x2b;
    }
    return false;
  }

  /** The branch/jump/ERET behaviour of {@code w} from state {@code b}, or PLAIN. */
  static Flow flow(int w, Snap b) {
    int[] r = b.gpr;
    int p = b.pc;
    int rel = p + 4 + ((short) w << 2);
    int vs = r[rs(w)];
    int vt = r[rt(w)];
    switch (op(w)) {
      case 0x00:
        if (funct(w) == 0x08 || funct(w) == 0x09) {
          return new Flow(Flow.BRANCH, vs, true);
        }
        return new Flow(Flow.PLAIN, 0, false);
      case 0x01:
        switch (rt(w)) {
          case 0x00: case 0x10: return new Flow(Flow.BRANCH, rel, vs < 0);
          case 0x01: case 0x11: return new Flow(Flow.BRANCH, rel, vs >= 0);
          case 0x02: case 0x12: return new Flow(Flow.LIKELY, rel, vs < 0);
          case 0x03: case 0x13: return new Flow(Flow.LIKELY, rel, vs >= 0);
          default: return new Flow(Flow.PLAIN, 0, false);
        }
      case 0x02: case 0x03:
        return new Flow(Flow.BRANCH, ((p + 4) & 0xf000_0000) | ((w & 0x03ff_ffff) << 2), true);
      case 0x04: return new Flow(Flow.BRANCH, rel, vs == vt);
      case 0x05: return new Flow(Flow.BRANCH, rel, vs != vt);
      case 0x06: return new Flow(Flow.BRANCH, rel, vs <= 0);
      case 0x07: return new Flow(Flow.BRANCH, rel, vs > 0);
      case 0x14: return new Flow(Flow.LIKELY, rel, vs == vt);
      case 0x15: return new Flow(Flow.LIKELY, rel, vs != vt);
      case 0x16: return new Flow(Flow.LIKELY, rel, vs <= 0);
      case 0x17: return new Flow(Flow.LIKELY, rel, vs > 0);
      case 0x10:
        if (isEret(w)) {
          return new Flow(Flow.ERET, (b.status & Cp0.ST_ERL) != 0 ? b.errorEpc : b.epc, true);
        }
        return new Flow(Flow.PLAIN, 0, false);
      case 0x11:
        if (rs(w) == 0x08) { // BC1F/BC1T/BC1FL/BC1TL
          boolean taken = (b.fpuCc[(w >>> 18) & 7] == 1) == ((w & 0x1_0000) != 0);
          return new Flow((w & 0x2_0000) != 0 ? Flow.LIKELY : Flow.BRANCH, rel, taken);
        }
        return new Flow(Flow.PLAIN, 0, false);
      default:
        return new Flow(Flow.PLAIN, 0, false);
    }
  }

  // ---- the TLB, looked up from the manual ----

  /** The matching entry's EntryLo for {@code va} under {@code asid}, or null if none matches. */
  static Integer tlbLookup(Tlb tlb, int va, int asid) {
    for (int i = 0; i < tlb.size(); i++) {
      int mask = tlb.pageMask(i);
      int hi = tlb.entryHi(i);
      boolean g = (tlb.entryLo0(i) & tlb.entryLo1(i) & 1) != 0;
      if (((hi ^ va) & ~(mask | 0x1fff)) == 0 && (g || (hi & 0xff) == asid)) {
        int oddBit = (mask | 0x1fff) + 1 >>> 1;
        return (va & oddBit) == 0 ? tlb.entryLo0(i) : tlb.entryLo1(i);
      }
    }
    return null;
  }

  static boolean mappedSegment(int va, int status) {
    int seg = va >>> 29;
    return seg == 6 || seg == 7 || (seg < 4 && (status & Cp0.ST_ERL) == 0);
  }

  // ---- the judgement ----

  /**
   * Judges the step that started in {@code b} and executed instruction word {@code w} (the word
   * at {@code b.pc}), given the exceptions the CPU reported during it. {@code slotNext} is the
   * PC the delay slot continues at, when {@code b.slot}. Returns the violations found.
   */
  static List<String> check(Snap b, Cpu cpu, int w, List<Integer> codes, int slotNext) {
    List<String> bad = new ArrayList<>();
    if (cpu.gpr(0) != 0) {
      bad.add("r0 = " + hex(cpu.gpr(0)));
    }
    if (codes.size() > 1) {
      bad.add("more than one exception in one step: " + codes);
      return bad;
    }
    Cp0 p = cpu.cp0();
    int p0 = b.pc;
    if (b.interruptPending() && (codes.isEmpty() || codes.get(0) != ExcCode.INT)) {
      bad.add("an enabled, pending interrupt was not taken");
    }
    if (codes.isEmpty()) {
      checkCompleted(b, cpu, w, slotNext, bad);
    } else {
      checkException(b, cpu, w, codes.get(0), p, p0, bad);
    }
    return bad;
  }

  private static void checkCompleted(Snap b, Cpu cpu, int w, int slotNext, List<String> bad) {
    int p0 = b.pc;
    if (op(w) == 0 && (funct(w) == 0x0c || funct(w) == 0x0d)) {
      bad.add("SYSCALL/BREAK completed without an exception");
    }
    if (isCop2(w)) {
      bad.add("a COP2 instruction completed");
    }
    if (isCop1(w) && (b.status & Cp0.ST_CU1) == 0) {
      bad.add("an FPU instruction completed with CU1=0");
    }
    if (isCop0(w) && !b.kernel() && (b.status & Cp0.ST_CU0) == 0) {
      bad.add("a CP0 instruction completed outside kernel mode with CU0=0");
    }
    if ((cpu.cp0().status() & Cp0.ST_EXL) != (b.status & Cp0.ST_EXL) && !isCop0(w)) {
      bad.add("Status.EXL changed without an exception");
    }
    if (!isCop0(w) && cpu.cp0().status() != b.status) {
      bad.add("Status changed by a non-CP0 instruction: " + hex(b.status) + " -> "
          + hex(cpu.cp0().status()));
    }
    if (!isCop0(w) && cpu.cp0().epc() != b.epc) {
      bad.add("EPC changed without an exception");
    }
    // Only the instruction's destinations may change: rt, rd, or r31 (links).
    for (int i = 1; i < 32; i++) {
      if (cpu.gpr(i) != b.gpr[i] && i != rt(w) && i != rd(w) && i != 31) {
        bad.add("r" + i + " changed by " + hex(w) + ": " + hex(b.gpr[i]) + " -> " + hex(cpu.gpr(i)));
      }
    }
    int pc = cpu.pc();
    if (b.slot) {
      Flow f = flow(w, b);
      if (f.kind() == Flow.PLAIN && pc != slotNext) {
        bad.add("after a delay slot: pc " + hex(pc) + ", expected " + hex(slotNext));
      }
      return; // a branch or ERET in a delay slot is UNPREDICTABLE: no expectation
    }
    Flow f = flow(w, b);
    switch (f.kind()) {
      case Flow.BRANCH -> {
        if (pc != p0 + 4 || !cpu.inDelaySlot()) {
          bad.add("branch: pc " + hex(pc) + " (slot " + cpu.inDelaySlot() + "), expected slot at "
              + hex(p0 + 4));
        }
      }
      case Flow.LIKELY -> {
        int expected = f.taken() ? p0 + 4 : p0 + 8;
        if (pc != expected || cpu.inDelaySlot() != f.taken()) {
          bad.add("branch-likely (taken " + f.taken() + "): pc " + hex(pc) + ", expected "
              + hex(expected));
        }
      }
      case Flow.ERET -> {
        if (pc != f.target() || cpu.inDelaySlot()) {
          bad.add("ERET: pc " + hex(pc) + ", expected " + hex(f.target()) + " and no slot");
        }
        int cleared = (b.status & Cp0.ST_ERL) != 0 ? Cp0.ST_ERL : Cp0.ST_EXL;
        if (cpu.cp0().status() != (b.status & ~cleared)) {
          bad.add("ERET: Status " + hex(cpu.cp0().status()));
        }
        if (cpu.llBit()) {
          bad.add("ERET left LLbit set");
        }
      }
      default -> {
        if (pc != p0 + 4 || cpu.inDelaySlot()) {
          bad.add("pc " + hex(pc) + " after " + hex(w) + " at " + hex(p0) + ", expected "
              + hex(p0 + 4));
        }
      }
    }
  }

  private static void checkException(Snap b, Cpu cpu, int w, int code, Cp0 p, int p0,
      List<String> bad) {
    int cause = p.cause();
    int status = p.status();
    if (((cause >>> 2) & 0x1f) != code) {
      bad.add("Cause.ExcCode " + ((cause >>> 2) & 0x1f) + " but the exception was " + code);
    }
    int expectStatus = b.status | Cp0.ST_EXL | (code == ExcCode.MCHECK ? Cp0.ST_TS : 0);
    if (status != expectStatus) {
      bad.add("Status " + hex(status) + ", expected " + hex(expectStatus));
    }
    boolean exlWas = (b.status & Cp0.ST_EXL) != 0;
    if (!exlWas) {
      int epc = b.slot ? p0 - 4 : p0;
      if (p.epc() != epc) {
        bad.add("EPC " + hex(p.epc()) + ", expected " + hex(epc) + (b.slot ? " (the branch)" : ""));
      }
      if ((cause < 0) != b.slot) {
        bad.add("Cause.BD " + (cause < 0) + ", expected " + b.slot);
      }
    } else {
      if (p.epc() != b.epc) {
        bad.add("EPC changed while EXL was 1");
      }
      if ((cause < 0) != (b.cause < 0)) {
        bad.add("Cause.BD changed while EXL was 1");
      }
    }
    // Precise: nothing of the instruction happened.
    for (int i = 0; i < 32; i++) {
      if (cpu.gpr(i) != b.gpr[i]) {
        bad.add("r" + i + " changed by a faulting step: " + hex(b.gpr[i]) + " -> " + hex(cpu.gpr(i)));
      }
    }
    if (cpu.hi() != b.hi || cpu.lo() != b.lo) {
      bad.add("HI/LO changed by a faulting step");
    }
    // The vector (Vol. III, 6.2 table "Exception Vector Offsets").
    int base = (b.status & Cp0.ST_BEV) != 0 ? 0xbfc0_0200 : b.ebase & 0xffff_f000;
    int bva = p.badVAddr();
    int asid = b.entryHi & 0xff;
    Integer lo = code == ExcCode.TLBL || code == ExcCode.TLBS || code == ExcCode.MOD
        ? tlbLookup(cpu.tlb(), bva, asid) : null;
    boolean refill = (code == ExcCode.TLBL || code == ExcCode.TLBS) && lo == null;
    int offset;
    if (refill && !exlWas) {
      offset = 0;
    } else if (code == ExcCode.INT && (b.cause & Cp0.CAUSE_IV) != 0) {
      offset = 0x200;
    } else {
      offset = 0x180;
    }
    if (cpu.pc() != base + offset) {
      bad.add("pc " + hex(cpu.pc()) + ", expected the vector " + hex(base + offset));
    }
    if (cpu.inDelaySlot()) {
      bad.add("the vector's first instruction is marked as a delay slot");
    }
    // Per exception.
    boolean setsBadVAddr = code == ExcCode.ADEL || code == ExcCode.ADES || code == ExcCode.TLBL
        || code == ExcCode.TLBS || code == ExcCode.MOD;
    if (!setsBadVAddr && bva != b.badVAddr) {
      bad.add("BadVAddr changed by ExcCode " + code);
    }
    boolean fetchFault = bva == p0 && (code == ExcCode.ADEL || code == ExcCode.TLBL);
    switch (code) {
      case ExcCode.INT -> {
        if (!b.interruptPending()) {
          bad.add("an interrupt was taken that was not pending and enabled");
        }
      }
      case ExcCode.TLBL, ExcCode.TLBS, ExcCode.MOD -> {
        if (!mappedSegment(bva, b.status)) {
          bad.add("TLB exception for an unmapped address " + hex(bva));
        }
        if (code == ExcCode.TLBS && !isStore(w)) {
          bad.add("TLBS from a non-store " + hex(w));
        }
        if (code == ExcCode.MOD && (lo == null || (lo & 6) != 2 || !isStore(w))) {
          bad.add("TLB Modified but the entry is " + (lo == null ? "absent" : hex(lo)));
        }
        if (lo != null && code != ExcCode.MOD && (lo & 2) != 0) {
          bad.add("TLB Invalid but the matching entry is valid: " + hex(lo));
        }
        if (p.entryHi() != ((bva & 0xffff_e000) | asid)) {
          bad.add("EntryHi " + hex(p.entryHi()) + " for BadVAddr " + hex(bva));
        }
        int context = (b.context & 0xff80_0000) | ((bva >>> 13) << 4);
        if (p.context() != context) {
          bad.add("Context " + hex(p.context()) + ", expected " + hex(context));
        }
      }
      case ExcCode.ADEL, ExcCode.ADES -> {
        if (code == ExcCode.ADES && !isStore(w)) {
          bad.add("AdES from a non-store " + hex(w));
        }
        boolean misaligned = (fetchFault && (bva & 3) != 0) || (bva & (accessSize(w) - 1)) != 0;
        boolean forbidden;
        if (b.kernel()) {
          forbidden = false;
        } else if ((b.status & Cp0.ST_KSU) == Rig.KSU_SUPERVISOR) {
          int seg = bva >>> 29;
          forbidden = seg == 4 || seg == 5 || seg == 7;
        } else {
          forbidden = bva < 0;
        }
        if (!misaligned && !forbidden) {
          bad.add("address error at " + hex(bva) + ", which is aligned and allowed in this mode");
        }
        if (p.entryHi() != b.entryHi || p.context() != b.context) {
          bad.add("an address error changed EntryHi or Context");
        }
      }
      case ExcCode.CPU -> {
        int ce = (cause >>> Cp0.CAUSE_CE_SHIFT) & 3;
        int expected = isCop0(w) ? 0 : isCop1(w) ? 1 : isCop2(w) ? 2 : -1;
        if (ce != expected) {
          bad.add("CpU with CE=" + ce + " for " + hex(w));
        }
        if (expected == 0 && (b.kernel() || (b.status & Cp0.ST_CU0) != 0)) {
          bad.add("CpU for CP0 in kernel mode or with CU0=1");
        }
        if (expected == 1 && (b.status & Cp0.ST_CU1) != 0) {
          bad.add("CpU for CP1 with CU1=1");
        }
      }
      case ExcCode.SYS -> require(op(w) == 0 && funct(w) == 0x0c, "Sys", w, bad);
      case ExcCode.BP -> require((op(w) == 0 && funct(w) == 0x0d) || (op(w) == 0x1c && funct(w) == 0x3f),
          "Bp", w, bad);
      case ExcCode.OV -> require(isOverflowing(w), "Ov", w, bad);
      case ExcCode.TR -> require(isTrap(w), "Tr", w, bad);
      case ExcCode.MCHECK -> require(isTlbWrite(w), "MCheck", w, bad);
      case ExcCode.FPE -> require(isCop1(w), "FPE", w, bad);
      case ExcCode.RI -> require(!isPure(w), "RI", w, bad);
      case ExcCode.DBE -> require(!isPure(w) && flow(w, b).kind() == Flow.PLAIN, "DBE", w, bad);
      case ExcCode.IBE -> {
        // fetch from outside RAM: fine when the PC is not in RAM
      }
      default -> bad.add("unexpected ExcCode " + code);
    }
    if (code != ExcCode.INT && code != ExcCode.IBE && !fetchFault) {
      if (isPure(w)) {
        bad.add("ExcCode " + code + " from an instruction that cannot raise: " + hex(w));
      }
    }
  }

  private static void require(boolean ok, String what, int w, List<String> bad) {
    if (!ok) {
      bad.add(what + " from " + hex(w));
    }
  }

  static String hex(int v) {
    return String.format("%08x", v);
  }
}
