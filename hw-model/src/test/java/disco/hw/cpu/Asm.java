package disco.hw.cpu;

/**
 * A tiny MIPS32 encoder for the instructions the privileged-architecture tests need, so that they
 * run without the cross tools. Field layouts and opcodes are those of MIPS32 Vol. II, chapter 3 and
 * the opcode tables of appendix A. Register operands are numbers; the usual names are below.
 */
final class Asm {
  private Asm() {}

  static final int ZERO = 0;
  static final int AT = 1;
  static final int V0 = 2;
  static final int V1 = 3;
  static final int A0 = 4;
  static final int A1 = 5;
  static final int T0 = 8;
  static final int T1 = 9;
  static final int T2 = 10;
  static final int T3 = 11;
  static final int T4 = 12;
  static final int T5 = 13;
  static final int T6 = 14;
  static final int T7 = 15;
  static final int S0 = 16;
  static final int S1 = 17;
  static final int S2 = 18;
  static final int S3 = 19;
  static final int T8 = 24;
  static final int T9 = 25;
  static final int K0 = 26;
  static final int K1 = 27;
  static final int RA = 31;

  // CP0 register numbers (Vol. III, table "Coprocessor 0 Registers in Numerical Order").
  static final int C0_INDEX = 0;
  static final int C0_RANDOM = 1;
  static final int C0_ENTRYLO0 = 2;
  static final int C0_ENTRYLO1 = 3;
  static final int C0_CONTEXT = 4;
  static final int C0_PAGEMASK = 5;
  static final int C0_WIRED = 6;
  static final int C0_BADVADDR = 8;
  static final int C0_COUNT = 9;
  static final int C0_ENTRYHI = 10;
  static final int C0_COMPARE = 11;
  static final int C0_STATUS = 12;
  static final int C0_CAUSE = 13;
  static final int C0_EPC = 14;
  static final int C0_EBASE = 15; // sel 1
  static final int C0_ERROREPC = 30;

  // ---- formats ----

  static int r(int rs, int rt, int rd, int sa, int funct) {
    return (rs << 21) | (rt << 16) | (rd << 11) | (sa << 6) | funct;
  }

  static int i(int op, int rs, int rt, int imm) {
    return (op << 26) | (rs << 21) | (rt << 16) | (imm & 0xffff);
  }

  static int j(int op, int target) {
    return (op << 26) | ((target >>> 2) & 0x03ff_ffff);
  }

  // ---- SPECIAL ----

  static int nop() {
    return 0;
  }

  static int sll(int rd, int rt, int sa) {
    return r(0, rt, rd, sa, 0x00);
  }

  static int jr(int rs) {
    return r(rs, 0, 0, 0, 0x08);
  }

  static int jalr(int rd, int rs) {
    return r(rs, 0, rd, 0, 0x09);
  }

  static int syscall() {
    return 0x0000_000c;
  }

  static int brk() {
    return 0x0000_000d;
  }

  static int add(int rd, int rs, int rt) {
    return r(rs, rt, rd, 0, 0x20);
  }

  static int addu(int rd, int rs, int rt) {
    return r(rs, rt, rd, 0, 0x21);
  }

  static int sub(int rd, int rs, int rt) {
    return r(rs, rt, rd, 0, 0x22);
  }

  static int or(int rd, int rs, int rt) {
    return r(rs, rt, rd, 0, 0x25);
  }

  static int tge(int rs, int rt) {
    return r(rs, rt, 0, 0, 0x30);
  }

  static int tgeu(int rs, int rt) {
    return r(rs, rt, 0, 0, 0x31);
  }

  static int tlt(int rs, int rt) {
    return r(rs, rt, 0, 0, 0x32);
  }

  static int tltu(int rs, int rt) {
    return r(rs, rt, 0, 0, 0x33);
  }

  static int teq(int rs, int rt) {
    return r(rs, rt, 0, 0, 0x34);
  }

  static int tne(int rs, int rt) {
    return r(rs, rt, 0, 0, 0x36);
  }

  // ---- REGIMM ----

  static int regimm(int rt, int rs, int imm) {
    return i(0x01, rs, rt, imm);
  }

  static int bltz(int rs, int off) {
    return regimm(0x00, rs, off);
  }

  static int bgez(int rs, int off) {
    return regimm(0x01, rs, off);
  }

  static int bltzl(int rs, int off) {
    return regimm(0x02, rs, off);
  }

  static int bgezal(int rs, int off) {
    return regimm(0x11, rs, off);
  }

  static int teqi(int rs, int imm) {
    return regimm(0x0c, rs, imm);
  }

  static int tgei(int rs, int imm) {
    return regimm(0x08, rs, imm);
  }

  static int tltiu(int rs, int imm) {
    return regimm(0x0b, rs, imm);
  }

  static int tnei(int rs, int imm) {
    return regimm(0x0e, rs, imm);
  }

  // ---- jumps and branches (offsets in instructions, from the delay slot) ----

  static int jOp(int target) {
    return j(0x02, target);
  }

  static int jal(int target) {
    return j(0x03, target);
  }

  static int beq(int rs, int rt, int off) {
    return i(0x04, rs, rt, off);
  }

  static int bne(int rs, int rt, int off) {
    return i(0x05, rs, rt, off);
  }

  static int beql(int rs, int rt, int off) {
    return i(0x14, rs, rt, off);
  }

  static int bnel(int rs, int rt, int off) {
    return i(0x15, rs, rt, off);
  }

  // ---- immediates ----

  static int addi(int rt, int rs, int imm) {
    return i(0x08, rs, rt, imm);
  }

  static int addiu(int rt, int rs, int imm) {
    return i(0x09, rs, rt, imm);
  }

  static int ori(int rt, int rs, int imm) {
    return i(0x0d, rs, rt, imm);
  }

  static int lui(int rt, int imm) {
    return i(0x0f, 0, rt, imm);
  }

  // ---- loads and stores ----

  static int lb(int rt, int off, int base) {
    return i(0x20, base, rt, off);
  }

  static int lh(int rt, int off, int base) {
    return i(0x21, base, rt, off);
  }

  static int lwl(int rt, int off, int base) {
    return i(0x22, base, rt, off);
  }

  static int lw(int rt, int off, int base) {
    return i(0x23, base, rt, off);
  }

  static int lbu(int rt, int off, int base) {
    return i(0x24, base, rt, off);
  }

  static int lhu(int rt, int off, int base) {
    return i(0x25, base, rt, off);
  }

  static int lwr(int rt, int off, int base) {
    return i(0x26, base, rt, off);
  }

  static int sb(int rt, int off, int base) {
    return i(0x28, base, rt, off);
  }

  static int sh(int rt, int off, int base) {
    return i(0x29, base, rt, off);
  }

  static int swl(int rt, int off, int base) {
    return i(0x2a, base, rt, off);
  }

  static int sw(int rt, int off, int base) {
    return i(0x2b, base, rt, off);
  }

  static int swr(int rt, int off, int base) {
    return i(0x2e, base, rt, off);
  }

  static int ll(int rt, int off, int base) {
    return i(0x30, base, rt, off);
  }

  static int sc(int rt, int off, int base) {
    return i(0x38, base, rt, off);
  }

  static int lwc1(int ft, int off, int base) {
    return i(0x31, base, ft, off);
  }

  static int lwc2(int rt, int off, int base) {
    return i(0x32, base, rt, off);
  }

  // ---- coprocessors ----

  static int mfc0(int rt, int rd, int sel) {
    return (0x10 << 26) | (0x00 << 21) | (rt << 16) | (rd << 11) | sel;
  }

  static int mtc0(int rt, int rd, int sel) {
    return (0x10 << 26) | (0x04 << 21) | (rt << 16) | (rd << 11) | sel;
  }

  static int mfc0(int rt, int rd) {
    return mfc0(rt, rd, 0);
  }

  static int mtc0(int rt, int rd) {
    return mtc0(rt, rd, 0);
  }

  private static int co(int funct) {
    return (0x10 << 26) | (1 << 25) | funct;
  }

  static int tlbr() {
    return co(0x01);
  }

  static int tlbwi() {
    return co(0x02);
  }

  static int tlbwr() {
    return co(0x06);
  }

  static int tlbp() {
    return co(0x08);
  }

  static int eret() {
    return co(0x18);
  }

  static int waitInsn() {
    return co(0x20);
  }

  /** EI rt (MFMC0 with sc=1): Vol. II, EI. */
  static int ei(int rt) {
    return (0x10 << 26) | (0x0b << 21) | (rt << 16) | (12 << 11) | 0x20;
  }

  /** DI rt (MFMC0 with sc=0): Vol. II, DI. */
  static int di(int rt) {
    return (0x10 << 26) | (0x0b << 21) | (rt << 16) | (12 << 11);
  }

  static int mfc1(int rt, int fs) {
    return (0x11 << 26) | (rt << 16) | (fs << 11);
  }

  /** COP2 with CO=1: an arbitrary coprocessor-2 operation. */
  static int cop2(int cofun) {
    return (0x12 << 26) | (1 << 25) | (cofun & 0x01ff_ffff);
  }
}
