package disco.hw.elf;

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
    int size = HEADER + code.length * 4 + data.length;
    ByteBuffer b = ByteBuffer.allocate(size).order(big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0x7f, 'E', 'L', 'F', 1, (byte) (big ? 2 : 1), 1, 0});
    b.position(16);
    b.putShort((short) 2); // ET_EXEC
    b.putShort((short) 8); // EM_MIPS
    b.putInt(1); // EV_CURRENT
    b.putInt(BASE + HEADER); // e_entry
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
    b.putInt(1).putInt(0).putInt(BASE).putInt(BASE).putInt(size).putInt(size).putInt(7).putInt(0x1000);
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
