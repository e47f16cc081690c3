package disco.hw.cpu;

import disco.hw.mem.Memory;

/**
 * The instructions (MIPS32 Vol. II), one case each: integer, branch and jump with exact delay
 * slots, load and store, trap, CP0 (Vol. III) and CP1 instructions.
 *
 * <p>Delay slots are modelled with two program counters: {@code pc} is the instruction being
 * executed and {@code npc} the one after it. A branch sets the instruction after next; the
 * instruction at {@code npc} (the delay slot) runs first. {@code slotAt} records whether the
 * current instruction follows a branch, so an exception there sets Cause.BD and EPC to the branch.
 */
abstract class Interpreter extends AddressTranslation {
  Interpreter(Memory mem, int cpuNum, int tlbSize, long ramBytes) {
    super(mem, cpuNum, tlbSize, ramBytes);
  }

  /** Executes one instruction. Exceptions unwind with {@link Trap}. */
  final void step() {
    instructions++;
    int w = fetch();
    nnpc = npc + 4;
    dispatch(w);
    r[0] = 0;
    pc = npc;
    npc = nnpc;
  }

  /**
   * Executes instruction word {@code w}. The commonest instructions of compiled code (ADDIU, LW, SW,
   * LUI, BNE, BEQ) are decoded here, by a small sparse switch the JIT turns into a few predictable
   * compares, before the general switch in {@link #execute}, whose single indirect jump for every
   * instruction the host predicts badly (measured: about 15% faster overall). These six have their
   * case here only, so the run loop and {@link #executeWord} share one copy of each.
   */
  private void dispatch(int w) {
    int[] r = this.r;
    switch (w >>> 26) {
      case 0x09 -> r[(w >>> 16) & 31] = r[(w >>> 21) & 31] + (short) w; // ADDIU
      case 0x23 -> r[(w >>> 16) & 31] = loadWord(r[(w >>> 21) & 31] + (short) w); // LW
      case 0x2b -> storeWord(r[(w >>> 21) & 31] + (short) w, r[(w >>> 16) & 31]); // SW
      case 0x0f -> r[(w >>> 16) & 31] = w << 16; // LUI
      case 0x05 -> { // BNE
        slotAt = instructions + 1;
        if (r[(w >>> 21) & 31] != r[(w >>> 16) & 31]) {
          nnpc = npc + ((short) w << 2);
        }
      }
      case 0x04 -> { // BEQ
        slotAt = instructions + 1;
        if (r[(w >>> 21) & 31] == r[(w >>> 16) & 31]) {
          nnpc = npc + ((short) w << 2);
        }
      }
      default -> execute(w);
    }
  }

  /**
   * Executes {@code w} as the instruction at the PC, exactly as if it had been fetched from there:
   * every effect, every exception (to the vectors or the supervisor), the PC advanced, but no fetch
   * and no fetch timing. For a driver that feeds a monitor's guest one instruction at a time without
   * code in memory; while it runs, {@link #injectedWord} names the word, so that a supervisor's
   * description of a trap reads this word rather than memory. The Count/Compare timer is not looked
   * at (the run loop does that). Returns false when the instruction
   * raised an exception (whose handling has then completed).
   */
  public final boolean executeWord(int w) {
    injected = w;
    injecting = true;
    int mode = kernelMode() ? CycleBreakdown.KERNEL
        : supervisorMode() ? CycleBreakdown.SUPERVISOR : CycleBreakdown.USER;
    try {
      instructions++;
      nnpc = npc + 4;
      dispatch(w);
      r[0] = 0;
      pc = npc;
      npc = nnpc;
      return true;
    } catch (Trap t) {
      r[0] = 0;
      return false;
    } finally {
      injecting = false;
      modeInstructions[mode]++;
    }
  }

  private int injected;
  private boolean injecting;

  /** The word {@link #executeWord} is executing, while it does (a trap taken then reads it). */
  public final java.util.OptionalInt injectedWord() {
    return injecting ? java.util.OptionalInt.of(injected) : java.util.OptionalInt.empty();
  }

  // ---- the interpreter (Vol. II, one case per instruction) -------------------------------------

  private void branch(int target) {
    nnpc = target;
    slotAt = instructions + 1;
  }

  /** A branch-likely that is not taken nullifies its delay slot (Vol. II, e.g. BEQL). */
  private void nullifyDelaySlot() {
    npc += 4;
    nnpc = npc + 4;
  }

  // Dispatch ids: one switch decodes every instruction. Primary opcodes keep their number; the
  // function-coded groups SPECIAL, SPECIAL2 and SPECIAL3 get S, S2, S3 + funct. One table lookup
  // on opcode and funct replaces a second switch (a second hard-to-predict indirect jump).
  private static final int S = 64;
  private static final int S2 = 128;
  private static final int S3 = 192;
  private static final char[] DISPATCH = new char[64 * 64];

  static {
    for (int op = 0; op < 64; op++) {
      for (int funct = 0; funct < 64; funct++) {
        int id = switch (op) {
          case 0x00 -> S + funct;
          case 0x1c -> S2 + funct;
          case 0x1f -> S3 + funct;
          default -> op;
        };
        DISPATCH[op << 6 | funct] = (char) id;
      }
    }
  }

  /** Every instruction but the six {@link #dispatch} decodes itself. */
  private void execute(int w) {
    int rs = (w >>> 21) & 31;
    int rt = (w >>> 16) & 31;
    int rd = (w >>> 11) & 31;
    int sa = (w >>> 6) & 31;
    int[] r = this.r;
    switch (DISPATCH[(w >>> 20) & 0xfc0 | (w & 63)]) {
      case 0x01 -> regimm(w, rs, rt);
      case 0x02 -> branch((npc & 0xf000_0000) | ((w & 0x03ff_ffff) << 2)); // J
      case 0x03 -> { // JAL
        r[31] = pc + 8;
        branch((npc & 0xf000_0000) | ((w & 0x03ff_ffff) << 2));
      }
      case 0x06 -> { // BLEZ
        int t = npc + ((short) w << 2);
        slotAt = instructions + 1;
        if (r[rs] <= 0) {
          nnpc = t;
        }
      }
      case 0x07 -> { // BGTZ
        int t = npc + ((short) w << 2);
        slotAt = instructions + 1;
        if (r[rs] > 0) {
          nnpc = t;
        }
      }
      case 0x08 -> { // ADDI: trap on signed overflow, rt unchanged
        int a = r[rs];
        int b = (short) w;
        int s = a + b;
        if (((a ^ s) & (b ^ s)) < 0) {
          raise(ExcCode.OV, 0);
        }
        r[rt] = s;
      }
      case 0x0a -> r[rt] = r[rs] < (short) w ? 1 : 0; // SLTI
      case 0x0b -> r[rt] = Integer.compareUnsigned(r[rs], (short) w) < 0 ? 1 : 0; // SLTIU
      case 0x0c -> r[rt] = r[rs] & (w & 0xffff); // ANDI
      case 0x0d -> r[rt] = r[rs] | (w & 0xffff); // ORI
      case 0x0e -> r[rt] = r[rs] ^ (w & 0xffff); // XORI
      case 0x10 -> cop0(w, rs, rt);
      case 0x11 -> cop1(w, rs, rt);
      case 0x12 -> raiseCpU(2); // COP2: no coprocessor 2
      case 0x13 -> cop1x(w, rs, rt);
      case 0x14 -> { // BEQL
        if (r[rs] == r[rt]) {
          branch(npc + ((short) w << 2));
        } else {
          nullifyDelaySlot();
        }
      }
      case 0x15 -> { // BNEL
        if (r[rs] != r[rt]) {
          branch(npc + ((short) w << 2));
        } else {
          nullifyDelaySlot();
        }
      }
      case 0x16 -> { // BLEZL
        if (r[rs] <= 0) {
          branch(npc + ((short) w << 2));
        } else {
          nullifyDelaySlot();
        }
      }
      case 0x17 -> { // BGTZL
        if (r[rs] > 0) {
          branch(npc + ((short) w << 2));
        } else {
          nullifyDelaySlot();
        }
      }
      case S + 0x00 -> r[rd] = r[rt] << sa; // SLL (NOP, SSNOP, EHB)
      case S + 0x01 -> { // MOVF/MOVT: move on FP condition
        requireCp1();
        boolean tf = (w & 0x10000) != 0;
        if (fpu.condition((w >>> 18) & 7) == tf) {
          r[rd] = r[rs];
        }
      }
      case S + 0x02 -> r[rd] = rs == 1 ? Integer.rotateRight(r[rt], sa) : r[rt] >>> sa; // SRL, ROTR
      case S + 0x03 -> r[rd] = r[rt] >> sa; // SRA
      case S + 0x04 -> r[rd] = r[rt] << (r[rs] & 31); // SLLV
      case S + 0x06 -> // SRLV, ROTRV
          r[rd] = sa == 1 ? Integer.rotateRight(r[rt], r[rs] & 31) : r[rt] >>> (r[rs] & 31);
      case S + 0x07 -> r[rd] = r[rt] >> (r[rs] & 31); // SRAV
      case S + 0x08 -> branch(r[rs]); // JR (JR.HB)
      case S + 0x09 -> { // JALR: the link is written after the target is read (rs == rd is UNPREDICTABLE)
        int target = r[rs];
        r[rd] = pc + 8;
        branch(target);
      }
      case S + 0x0a -> { // MOVZ
        if (r[rt] == 0) {
          r[rd] = r[rs];
        }
      }
      case S + 0x0b -> { // MOVN
        if (r[rt] != 0) {
          r[rd] = r[rs];
        }
      }
      case S + 0x0c -> raise(ExcCode.SYS, 0); // SYSCALL
      case S + 0x0d -> raise(ExcCode.BP, 0); // BREAK
      case S + 0x0f -> {
        // SYNC: one CPU at a time, in program order: nothing to order
      }
      case S + 0x10 -> r[rd] = hi; // MFHI
      case S + 0x11 -> hi = r[rs]; // MTHI
      case S + 0x12 -> r[rd] = lo; // MFLO
      case S + 0x13 -> lo = r[rs]; // MTLO
      case S + 0x18 -> setHiLo((long) r[rs] * r[rt]); // MULT
      case S + 0x19 -> setHiLo(Integer.toUnsignedLong(r[rs]) * Integer.toUnsignedLong(r[rt])); // MULTU
      case S + 0x1a -> { // DIV
        int a = r[rs];
        int b = r[rt];
        // Division by zero is UNPREDICTABLE (Vol. II, DIV). We give what QEMU gives, the dividend
        // in LO and 0 in HI, so programs compare equal; INT_MIN / -1 gives INT_MIN, remainder 0.
        if (b == 0) {
          lo = a;
          hi = 0;
        } else {
          lo = a / b;
          hi = a % b;
        }
      }
      case S + 0x1b -> { // DIVU
        int a = r[rs];
        int b = r[rt];
        if (b == 0) {
          lo = a;
          hi = 0;
        } else {
          lo = Integer.divideUnsigned(a, b);
          hi = Integer.remainderUnsigned(a, b);
        }
      }
      case S + 0x20 -> { // ADD
        int a = r[rs];
        int b = r[rt];
        int s = a + b;
        if (((a ^ s) & (b ^ s)) < 0) {
          raise(ExcCode.OV, 0);
        }
        r[rd] = s;
      }
      case S + 0x21 -> r[rd] = r[rs] + r[rt]; // ADDU
      case S + 0x22 -> { // SUB
        int a = r[rs];
        int b = r[rt];
        int d = a - b;
        if (((a ^ b) & (a ^ d)) < 0) {
          raise(ExcCode.OV, 0);
        }
        r[rd] = d;
      }
      case S + 0x23 -> r[rd] = r[rs] - r[rt]; // SUBU
      case S + 0x24 -> r[rd] = r[rs] & r[rt]; // AND
      case S + 0x25 -> r[rd] = r[rs] | r[rt]; // OR
      case S + 0x26 -> r[rd] = r[rs] ^ r[rt]; // XOR
      case S + 0x27 -> r[rd] = ~(r[rs] | r[rt]); // NOR
      case S + 0x2a -> r[rd] = r[rs] < r[rt] ? 1 : 0; // SLT
      case S + 0x2b -> r[rd] = Integer.compareUnsigned(r[rs], r[rt]) < 0 ? 1 : 0; // SLTU
      case S + 0x30 -> trapIf(r[rs] >= r[rt]); // TGE
      case S + 0x31 -> trapIf(Integer.compareUnsigned(r[rs], r[rt]) >= 0); // TGEU
      case S + 0x32 -> trapIf(r[rs] < r[rt]); // TLT
      case S + 0x33 -> trapIf(Integer.compareUnsigned(r[rs], r[rt]) < 0); // TLTU
      case S + 0x34 -> trapIf(r[rs] == r[rt]); // TEQ
      case S + 0x36 -> trapIf(r[rs] != r[rt]); // TNE
      case S2 + 0x00 -> setHiLo(hiLo() + (long) r[rs] * r[rt]); // MADD
      case S2 + 0x01 -> // MADDU
          setHiLo(hiLo() + Integer.toUnsignedLong(r[rs]) * Integer.toUnsignedLong(r[rt]));
      case S2 + 0x02 -> r[rd] = r[rs] * r[rt]; // MUL (HI/LO UNPREDICTABLE afterwards; left alone)
      case S2 + 0x04 -> setHiLo(hiLo() - (long) r[rs] * r[rt]); // MSUB
      case S2 + 0x05 -> // MSUBU
          setHiLo(hiLo() - Integer.toUnsignedLong(r[rs]) * Integer.toUnsignedLong(r[rt]));
      case S2 + 0x20 -> r[rd] = Integer.numberOfLeadingZeros(r[rs]); // CLZ
      case S2 + 0x21 -> r[rd] = Integer.numberOfLeadingZeros(~r[rs]); // CLO
      case S2 + 0x3f -> raise(ExcCode.BP, 0); // SDBBP without EJTAG: a breakpoint
      // EXT and INS with a field that does not fit the word (pos + size > 32, msb < lsb) are
      // UNPREDICTABLE (Vol. II, EXT and INS, "Restrictions"); as QEMU's 24Kf, a Reserved
      // Instruction (docs/decisions.md: UNPREDICTABLE as QEMU does it).
      case S3 + 0x00 -> { // EXT rt, rs, pos=sa, size=rd+1
        int size = rd + 1;
        if (sa + size > 32) {
          raise(ExcCode.RI, 0);
        }
        int mask = size == 32 ? -1 : (1 << size) - 1;
        r[rt] = (r[rs] >>> sa) & mask;
      }
      case S3 + 0x04 -> { // INS rt, rs, pos=sa, size=rd-sa+1
        int size = rd - sa + 1;
        if (size <= 0) {
          raise(ExcCode.RI, 0);
        }
        int mask = (size == 32 ? -1 : (1 << size) - 1) << sa;
        r[rt] = (r[rt] & ~mask) | ((r[rs] << sa) & mask);
      }
      case S3 + 0x20 -> { // BSHFL
        int v = r[rt];
        switch (sa) {
          case 0x02 -> r[rd] = ((v & 0x00ff_00ff) << 8) | ((v >>> 8) & 0x00ff_00ff); // WSBH
          case 0x10 -> r[rd] = (byte) v; // SEB
          case 0x18 -> r[rd] = (short) v; // SEH
          default -> raise(ExcCode.RI, 0);
        }
      }
      case S3 + 0x3b -> rdhwr(rt, rd); // RDHWR
      case 0x20 -> r[rt] = (byte) loadByte(r[rs] + (short) w); // LB
      case 0x21 -> r[rt] = (short) loadHalf(r[rs] + (short) w); // LH
      case 0x22 -> r[rt] = lwl(r[rs] + (short) w, r[rt]); // LWL
      case 0x24 -> r[rt] = loadByte(r[rs] + (short) w); // LBU
      case 0x25 -> r[rt] = loadHalf(r[rs] + (short) w); // LHU
      case 0x26 -> r[rt] = lwr(r[rs] + (short) w, r[rt]); // LWR
      case 0x28 -> storeByte(r[rs] + (short) w, r[rt]); // SB
      case 0x29 -> storeHalf(r[rs] + (short) w, r[rt]); // SH
      case 0x2a -> swl(r[rs] + (short) w, r[rt]); // SWL
      case 0x2e -> swr(r[rs] + (short) w, r[rt]); // SWR
      case 0x2f -> { // CACHE: privileged; the cache model has no state software can see here
        if (!kernelMode() && (cp0.status & Cp0.ST_CU0) == 0) {
          raiseCpU(0);
        }
      }
      case 0x30 -> { // LL
        int va = r[rs] + (short) w;
        if ((va & 3) != 0) {
          addressError(LOAD, va);
        }
        int pa = translate(va, LOAD);
        int v = Memory.word(ramPage(pa, LOAD), pa);
        cp0.llAddr = pa >>> 4; // LLAddr holds PA bits 35..4
        llBit = true;
        r[rt] = v;
      }
      case 0x31 -> { // LWC1
        requireCp1();
        fpu.writeWord(rt, loadWord(r[rs] + (short) w));
      }
      case 0x33 -> {
        // PREF: a hint with no architectural effect
      }
      case 0x35 -> { // LDC1
        requireCp1();
        fpu.writeDouble(rt, loadDouble(r[rs] + (short) w));
      }
      case 0x38 -> { // SC: stores only while the link holds; rt reports success
        int va = r[rs] + (short) w;
        if (llBit) {
          if ((va & 3) != 0) {
            addressError(STORE, va);
          }
          int pa = translate(va, STORE);
          Memory.setWord(ramPage(pa, STORE), pa, r[rt]);
          r[rt] = 1;
        } else {
          // Alignment and translation are still checked (Vol. II, SC: exceptions as for SW).
          if ((va & 3) != 0) {
            addressError(STORE, va);
          }
          // Vol. II SC pseudocode: AddressTranslation(vAddr, DATA, STORE) precedes the LLbit test,
          // so a failing SC still takes TLB Refill/Invalid/Modified exceptions.
          translate(va, STORE);
          r[rt] = 0;
        }
        llBit = false;
      }
      case 0x39 -> { // SWC1
        requireCp1();
        storeWord(r[rs] + (short) w, fpu.readWord(rt));
      }
      case 0x3d -> { // SDC1
        requireCp1();
        storeDouble(r[rs] + (short) w, fpu.readDouble(rt));
      }
      case 0x32, 0x36, 0x3a, 0x3e -> raiseCpU(2); // LWC2, LDC2, SWC2, SDC2
      default -> raise(ExcCode.RI, 0);
    }
  }

  // LWL/LWR/SWL/SWR (Vol. II): 'be' is the byte's index counted from the most significant end of
  // the word, which is the address's low bits in big-endian order and their complement otherwise.
  private int beIndex(int va) {
    return big ? va & 3 : 3 - (va & 3);
  }

  private int lwl(int va, int old) {
    // Vol. II LWL/LWR/SWL/SWR: AddressTranslation(vAddr), so a fault reports the unaligned vAddr
    // in BadVAddr (Vol. III, BadVAddr), not the aligned word's address.
    int pa = translate(va, LOAD) & ~3;
    int word = Memory.word(ramPage(pa, LOAD), pa);
    int shift = beIndex(va) << 3;
    return (word << shift) | (old & (int) ((1L << shift) - 1));
  }

  private int lwr(int va, int old) {
    int pa = translate(va, LOAD) & ~3; // BadVAddr = vAddr, as for LWL
    int word = Memory.word(ramPage(pa, LOAD), pa);
    int shift = (3 - beIndex(va)) << 3;
    return (word >>> shift) | (old & ~(int) (0xffff_ffffL >>> shift));
  }

  private void swl(int va, int v) {
    translate(va, STORE); // BadVAddr = vAddr, as for LWL
    int a = va & ~3;
    int shift = beIndex(va) << 3;
    int mask = (int) (0xffff_ffffL >>> shift);
    int old = loadWordForStore(a);
    storeWord(a, (old & ~mask) | ((v >>> shift) & mask));
  }

  private void swr(int va, int v) {
    translate(va, STORE); // BadVAddr = vAddr, as for LWL
    int a = va & ~3;
    int shift = (3 - beIndex(va)) << 3;
    int mask = -1 << shift;
    int old = loadWordForStore(a);
    storeWord(a, (old & ~mask) | ((v << shift) & mask));
  }

  /** Reads the word a partial store merges into, raising store (not load) exceptions. */
  private int loadWordForStore(int va) {
    int pa = translate(va, STORE);
    return Memory.word(ramPage(pa, STORE), pa);
  }

  private void setHiLo(long product) {
    hi = (int) (product >>> 32);
    lo = (int) product;
  }

  private long hiLo() {
    return ((long) hi << 32) | (lo & 0xffff_ffffL);
  }

  private void trapIf(boolean condition) {
    if (condition) {
      raise(ExcCode.TR, 0);
    }
  }

  private void regimm(int w, int rs, int rt) {
    int v = r[rs];
    int target = npc + ((short) w << 2);
    switch (rt) {
      case 0x00 -> condBranch(v < 0, target); // BLTZ
      case 0x01 -> condBranch(v >= 0, target); // BGEZ (B)
      case 0x02 -> likely(v < 0, target); // BLTZL
      case 0x03 -> likely(v >= 0, target); // BGEZL
      case 0x08 -> trapIf(v >= (short) w); // TGEI
      case 0x09 -> trapIf(Integer.compareUnsigned(v, (short) w) >= 0); // TGEIU
      case 0x0a -> trapIf(v < (short) w); // TLTI
      case 0x0b -> trapIf(Integer.compareUnsigned(v, (short) w) < 0); // TLTIU
      case 0x0c -> trapIf(v == (short) w); // TEQI
      case 0x0e -> trapIf(v != (short) w); // TNEI
      case 0x10 -> { // BLTZAL: the link is written whether or not the branch is taken
        r[31] = pc + 8;
        condBranch(v < 0, target);
      }
      case 0x11 -> { // BGEZAL (BAL)
        r[31] = pc + 8;
        condBranch(v >= 0, target);
      }
      case 0x12 -> { // BLTZALL
        r[31] = pc + 8;
        likely(v < 0, target);
      }
      case 0x13 -> { // BGEZALL
        r[31] = pc + 8;
        likely(v >= 0, target);
      }
      case 0x1f -> {
        // SYNCI: makes stores visible to fetch; fetch always reads memory here
      }
      default -> raise(ExcCode.RI, 0);
    }
  }

  private void condBranch(boolean taken, int target) {
    slotAt = instructions + 1;
    if (taken) {
      nnpc = target;
    }
  }

  private void likely(boolean taken, int target) {
    if (taken) {
      branch(target);
    } else {
      nullifyDelaySlot();
    }
  }

  /** RDHWR (Vol. II): allowed in kernel mode or when HWREna enables the register. */
  private void rdhwr(int rt, int rd) {
    if (!kernelMode() && (cp0.hwrEna & (1 << rd)) == 0) {
      raise(ExcCode.RI, 0);
    }
    switch (rd) {
      case 0 -> r[rt] = cp0.ebase & 0x3ff; // CPUNum
      case 1 -> r[rt] = 0; // SYNCI_Step: no caches that need SYNCI
      case 2 -> r[rt] = cp0.countAt(instructions); // CC
      case 3 -> r[rt] = 1; // CCRes: Count advances once per cycle
      case 29 -> r[rt] = cp0.userLocal; // ULR (Release 2 with Config3.ULRI)
      default -> raise(ExcCode.RI, 0);
    }
  }

  // ---- CP0 -------------------------------------------------------------------------------------

  private void cop0(int w, int rs, int rt) {
    // CP0 instructions need kernel mode or Status.CU0 (Vol. III, "Coprocessor 0").
    if (!kernelMode() && (cp0.status & Cp0.ST_CU0) == 0) {
      raiseCpU(0);
    }
    int rd = (w >>> 11) & 31;
    int sel = w & 7;
    if (rs >= 0x10) { // CO
      switch (w & 63) {
        case 0x01 -> tlbr();
        case 0x02 -> tlbwrite(cp0.index & 63);
        case 0x06 -> tlbwrite(cp0.random(instructions));
        case 0x08 -> tlbp();
        case 0x18 -> eret();
        case 0x20 -> { // WAIT: the interrupt that wakes the CPU returns after the WAIT (Vol. II)
          waiting = true;
          runUntil = instructions;
        }
        default -> raise(ExcCode.RI, 0);
      }
      return;
    }
    switch (rs) {
      case 0x00 -> r[rt] = cp0.read(rd, sel, instructions); // MFC0
      case 0x04 -> writeCp0(rd, sel, r[rt]); // MTC0
      case 0x0b -> { // MFMC0: DI / EI
        if (rd != 12 || sel != 0) {
          raise(ExcCode.RI, 0);
        }
        r[rt] = cp0.status;
        cp0.status = (w & 0x20) != 0 ? cp0.status | Cp0.ST_IE : cp0.status & ~Cp0.ST_IE;
        runUntil = instructions;
      }
      case 0x0a, 0x0e -> r[rd] = r[rt]; // RDPGPR, WRPGPR: one shadow set, the current one
      default -> raise(ExcCode.RI, 0);
    }
  }

  /** Writes a CP0 register as MTC0 would, with all side effects. */
  public void writeCp0(int reg, int sel, int value) {
    cp0.write(reg, sel, value, instructions);
    afterCp0Write(reg);
    runUntil = instructions; // interrupts may have become pending or enabled: look again
  }

  final void afterCp0Write(int reg) {
    switch (reg) {
      case 12 -> {
        fpu.setFr((cp0.status & Cp0.ST_FR) != 0);
        flushTranslations();
      }
      case 9, 11, 13 -> scheduleTimer(); // 13: Cause.DC stops and restarts Count
      case 10 -> flushTranslations(); // ASID change
      case 16 -> flushTranslations(); // Config.K0: kseg0's cache attribute
      default -> {
        // no effect outside CP0
      }
    }
  }

  private void tlbr() {
    int i = cp0.index & 63;
    if (i >= tlb.size()) {
      return; // UNPREDICTABLE: leave the registers alone
    }
    cp0.entryHi = tlb.entryHi(i);
    cp0.pageMask = tlb.pageMask(i);
    cp0.entryLo0 = tlb.entryLo0(i);
    cp0.entryLo1 = tlb.entryLo1(i);
    flushTranslations();
  }

  private void tlbwrite(int i) {
    if (i >= tlb.size()) {
      return;
    }
    boolean g = (cp0.entryLo0 & cp0.entryLo1 & 1) != 0;
    if (tlb.wouldDuplicate(i, cp0.entryHi, cp0.pageMask, g)) {
      // Two entries matching one address: Machine Check, with Status.TS (Vol. III, 6.2.18).
      cp0.status |= Cp0.ST_TS;
      raise(ExcCode.MCHECK, 0);
    }
    tlb.write(i, cp0.entryHi, cp0.pageMask, cp0.entryLo0, cp0.entryLo1);
    flushTranslations();
  }

  private void tlbp() {
    int i = tlb.find(cp0.entryHi & 0xffff_e000, cp0.entryHi & 0xff);
    cp0.index = i < 0 ? 0x8000_0000 : i;
  }

  /** ERET (Vol. II): returns to ErrorEPC if ERL, else EPC; clears the LL bit; no delay slot. */
  private void eret() {
    int target;
    if ((cp0.status & Cp0.ST_ERL) != 0) {
      target = cp0.errorEpc;
      cp0.status &= ~Cp0.ST_ERL;
    } else {
      target = cp0.epc;
      cp0.status &= ~Cp0.ST_EXL;
    }
    llBit = false;
    flushTranslations();
    runUntil = instructions;
    // step() moves pc to npc after execute: arrange for the target to be next, not in a slot.
    npc = target;
    nnpc = target + 4;
  }

  // ---- CP1 -------------------------------------------------------------------------------------

  private void requireCp1() {
    if ((cp0.status & Cp0.ST_CU1) == 0) {
      raiseCpU(1);
    }
  }

  private void fpuResult(int status) {
    if (status == Fpu.EXC_FPE) {
      raise(ExcCode.FPE, 0);
    } else if (status == Fpu.EXC_RI) {
      raise(ExcCode.RI, 0);
    }
  }

  private void cop1(int w, int rs, int rt) {
    requireCp1();
    int fs = (w >>> 11) & 31;
    switch (rs) {
      case 0x00 -> r[rt] = fpu.readWord(fs); // MFC1
      case 0x02 -> r[rt] = fpu.readControl(fs); // CFC1
      case 0x03 -> r[rt] = fpu.readHighWord(fs); // MFHC1
      case 0x04 -> fpu.writeWord(fs, r[rt]); // MTC1
      case 0x06 -> fpuResult(fpu.writeControl(fs, r[rt])); // CTC1
      case 0x07 -> fpu.writeHighWord(fs, r[rt]); // MTHC1
      case 0x08 -> { // BC1F, BC1T, BC1FL, BC1TL
        boolean tf = (w & 0x10000) != 0;
        boolean nd = (w & 0x20000) != 0;
        boolean taken = fpu.condition((w >>> 18) & 7) == tf;
        int target = npc + ((short) w << 2);
        if (nd) {
          likely(taken, target);
        } else {
          condBranch(taken, target);
        }
      }
      default -> fpuResult(fpu.execute(w, r[rt]));
    }
  }

  /** LUXC1/SUXC1: the address with its low three bits cleared; a Reserved Instruction with FR=0. */
  private int unalignedDoubleAddress(int address) {
    if (!fpu.fr()) {
      raise(ExcCode.RI, 0);
    }
    return address & ~7;
  }

  private void cop1x(int w, int rs, int rt) {
    requireCp1();
    int index = r[rt];
    int base = r[rs];
    int fs = (w >>> 11) & 31;
    int fd = (w >>> 6) & 31;
    switch (w & 63) {
      case 0x00 -> fpu.writeWord(fd, loadWord(base + index)); // LWXC1
      case 0x01 -> fpu.writeDouble(fd, loadDouble(base + index)); // LDXC1
      // LUXC1 and SUXC1 are UNPREDICTABLE with FR=0 (Vol. II, LUXC1 and SUXC1, "Restrictions");
      // QEMU's 24Kf raises Reserved Instruction, and so does the model.
      case 0x05 -> fpu.writeDouble(fd, loadDouble(unalignedDoubleAddress(base + index))); // LUXC1
      case 0x08 -> storeWord(base + index, fpu.readWord(fs)); // SWXC1
      case 0x09 -> storeDouble(base + index, fpu.readDouble(fs)); // SDXC1
      case 0x0d -> storeDouble(unalignedDoubleAddress(base + index), fpu.readDouble(fs)); // SUXC1
      case 0x0f -> {
        // PREFX: a hint
      }
      default -> fpuResult(fpu.execute(w, r[rt]));
    }
  }
}
