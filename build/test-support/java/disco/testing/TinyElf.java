package disco.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds minimal ELF32 MIPS executables in memory: one PT_LOAD segment holding the given code
 * followed by the given data, so tests can run real machine code without a cross toolchain.
 */
public final class TinyElf {
  private TinyElf() {}

  public static final int BASE = 0x0040_0000;
  public static final int HEADER = 52 + 32;

  /** An executable whose entry point is the first code word; data follows the code. */
  public static byte[] build(boolean big, int[] code, byte[] data) {
    return build(big, BASE, code, data);
  }

  /** The same, loaded at {@code base} (e.g. 0x80010000 for a kseg0 kernel). */
  public static byte[] build(boolean big, int base, int[] code, byte[] data) {
    int size = HEADER + code.length * 4 + data.length;
    ByteBuffer b = ByteBuffer.allocate(size).order(big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0x7f, 'E', 'L', 'F', 1, (byte) (big ? 2 : 1), 1, 0});
    b.position(16);
    b.putShort((short) 2); // ET_EXEC
    b.putShort((short) 8); // EM_MIPS
    b.putInt(1); // EV_CURRENT
    b.putInt(base + HEADER); // e_entry
    b.putInt(52); // e_phoff
    b.putInt(0); // e_shoff
    b.putInt(0x7000_1000); // e_flags: mips32r2
    b.putShort((short) 52); // e_ehsize
    b.putShort((short) 32); // e_phentsize
    b.putShort((short) 1); // e_phnum
    b.putShort((short) 40); // e_shentsize
    b.putShort((short) 0); // e_shnum
    b.putShort((short) 0); // e_shstrndx
    // PT_LOAD of the whole file at BASE, read/write/execute
    b.putInt(1).putInt(0).putInt(base).putInt(base).putInt(size).putInt(size).putInt(7).putInt(0x1000);
    for (int w : code) {
      b.putInt(w);
    }
    b.put(data);
    return b.array();
  }

  /** The address of data byte {@code i} once loaded. */
  public static int dataAddress(int[] code, int i) {
    return BASE + HEADER + code.length * 4 + i;
  }

  // A few encoders, enough for system-call programs.
  public static int lui(int rt, int imm) {
    return 0x0f << 26 | rt << 16 | (imm & 0xffff);
  }

  public static int ori(int rt, int rs, int imm) {
    return 0x0d << 26 | rs << 21 | rt << 16 | (imm & 0xffff);
  }

  public static int addiu(int rt, int rs, int imm) {
    return 0x09 << 26 | rs << 21 | rt << 16 | (imm & 0xffff);
  }

  public static final int SYSCALL = 0x0000_000c;
  public static final int NOP = 0;

  public static int lw(int rt, int base, int offset) {
    return 0x23 << 26 | base << 21 | rt << 16 | (offset & 0xffff);
  }

  public static int sw(int rt, int base, int offset) {
    return 0x2b << 26 | base << 21 | rt << 16 | (offset & 0xffff);
  }

  /** BNE rs, rt to {@code words} instructions after the delay slot (negative: backwards). */
  public static int bne(int rs, int rt, int words) {
    return 0x05 << 26 | rs << 21 | rt << 16 | (words & 0xffff);
  }

  /** Loads a 32-bit constant into {@code rt} (two instructions). */
  public static int[] li(int rt, int value) {
    return new int[] {lui(rt, value >>> 16), ori(rt, rt, value)};
  }

  /** Concatenates instruction sequences. */
  public static int[] code(int[]... parts) {
    return java.util.Arrays.stream(parts).flatMapToInt(java.util.Arrays::stream).toArray();
  }

  /** write(1, data, length) then exit_group(status). */
  public static int[] writeAndExit(int dataAddress, int length, int status) {
    return new int[] {
      addiu(4, 0, 1), // a0 = 1
      lui(5, dataAddress >>> 16), ori(5, 5, dataAddress), // a1 = data
      addiu(6, 0, length), // a2 = length
      addiu(2, 0, 4004), SYSCALL, // write
      addiu(4, 0, status), addiu(2, 0, 4246), SYSCALL // exit_group
    };
  }
}
