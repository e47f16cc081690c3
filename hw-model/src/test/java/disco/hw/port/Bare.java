package disco.hw.port;

import disco.hw.Endianness;
import disco.hw.cpu.Cpu;
import disco.hw.mem.Memory;

/**
 * One bare CPU with 512 MB of RAM for trap tests: code written into physical memory, a guest in
 * supervisor mode running in sseg, mapped by TLB entry 0, and hand-encoded instructions.
 */
final class Bare {
  /** Supervisor code: sseg 0xC0000000, a page pair at physical 0x00100000. */
  static final int SCODE = 0xc000_0000;
  static final int SCODE_PA = 0x0010_0000;
  static final int V = 2;
  static final int D = 4;
  static final int G = 1;
  static final int CACHED = 3 << 3;
  static final int KSU_SUPERVISOR = 1 << 3;
  static final int KSU_USER = 2 << 3;

  static final int T0 = 8;
  static final int T1 = 9;
  static final int T2 = 10;
  static final int RA = 31;

  final Memory mem = new Memory(Endianness.BIG);
  final Cpu cpu = new Cpu(mem, 0, 16, 512L << 20);
  final CpuPort port = CpuPort.of(cpu);

  /** Maps SCODE (global, valid, dirty) and enters supervisor mode at SCODE with {@code code}. */
  Bare supervisor(int... code) {
    assertTrue(port.tlbWriteIndexed(0, TlbEntry.of(SCODE, 0, TlbEntry.entryLo(SCODE_PA, G | V | D | CACHED),
        TlbEntry.entryLo(SCODE_PA + 0x1000, G | V | D | CACHED))));
    for (int k = 0; k < code.length; k++) {
      mem.storeWord(SCODE_PA + 4 * k, code[k]);
    }
    cpu.writeCp0(12, 0, KSU_SUPERVISOR);
    cpu.setPc(SCODE);
    return this;
  }

  private static void assertTrue(boolean b) {
    if (!b) {
      throw new AssertionError("TLB write refused");
    }
  }

  static int i(int op, int rs, int rt, int imm) {
    return op << 26 | rs << 21 | rt << 16 | (imm & 0xffff);
  }

  static int beq(int rs, int rt, int words) {
    return i(0x04, rs, rt, words);
  }

  static int bne(int rs, int rt, int words) {
    return i(0x05, rs, rt, words);
  }

  static int addiu(int rt, int rs, int imm) {
    return i(0x09, rs, rt, imm);
  }

  static int lw(int rt, int base, int offset) {
    return i(0x23, base, rt, offset);
  }

  static int sw(int rt, int base, int offset) {
    return i(0x2b, base, rt, offset);
  }

  static int jal(int target) {
    return 0x03 << 26 | ((target >>> 2) & 0x03ff_ffff);
  }

  static int mfc0(int rt, int rd) {
    return 0x4000_0000 | rt << 16 | rd << 11;
  }

  static int syscall() {
    return 0x0000_000c;
  }
}
