package disco.hw.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.testing.TinyElf;
import disco.hw.Endianness;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ElfFileTest {
  private static final Path FILE = Path.of("prog.elf");

  private static byte[] good(boolean big) {
    return TinyElf.build(big, TinyElf.writeAndExit(0, 0, 0), new byte[] {1, 2, 3});
  }

  private static String refusal(byte[] bytes) {
    return assertThrows(ElfFormatException.class, () -> ElfFile.parse(FILE, bytes)).getMessage();
  }

  @Test
  void parsesBothByteOrders() throws Exception {
    ElfFile be = ElfFile.parse(FILE, good(true));
    ElfFile le = ElfFile.parse(FILE, good(false));
    assertEquals(Endianness.BIG, be.order());
    assertEquals(Endianness.LITTLE, le.order());
    assertEquals(TinyElf.BASE + TinyElf.HEADER, be.entry());
    assertEquals(be.entry(), le.entry());
    assertEquals(TinyElf.BASE + 52, be.phdrAddress());
  }

  @Test
  void notElfIsNamed() {
    assertEquals("prog.elf: not an ELF file (bad magic number)", refusal("#!/bin/sh\necho hello, this is a script\n".repeat(3).getBytes()));
    assertEquals("prog.elf: not an ELF file", refusal(new byte[] {1, 2}));
  }

  @Test
  void wrongClassMachineAndTypeAreNamed() {
    byte[] b = good(true);
    b[4] = 2;
    assertTrue(refusal(b).contains("64-bit ELF"));
    b = good(true);
    b[19] = 62; // EM_X86_64
    assertEquals("prog.elf: not a MIPS executable (e_machine 62)", refusal(b));
    b = good(true);
    b[17] = 1; // ET_REL
    assertEquals("prog.elf: not an executable (e_type 1)", refusal(b));
  }

  @Test
  void truncatedSegmentIsNamed() {
    byte[] b = good(true);
    String m = refusal(Arrays.copyOf(b, b.length - 2));
    assertTrue(m.startsWith("prog.elf: truncated: segment 0"), m);
  }

  @Test
  void truncatedHeaderIsNamed() {
    assertTrue(refusal(Arrays.copyOf(good(true), 40)).contains("truncated ELF header"));
  }

  @Test
  void missingFileIsNamed() {
    Path p = Path.of("target", "no-such-file.elf");
    ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfFile.read(p));
    assertEquals(p + ": no such file", e.getMessage());
  }

  /** Any truncation of a valid file is refused with a message, never a Java exception. */
  @Property(tries = 200)
  void everyTruncationIsRefusedCleanly(@ForAll @IntRange(min = 0, max = 120) int keep) throws Exception {
    byte[] b = good(keep % 2 == 0);
    byte[] cut = Arrays.copyOf(b, Math.min(keep, b.length - 1));
    ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfFile.parse(FILE, cut));
    assertTrue(e.getMessage().startsWith("prog.elf: "), e.getMessage());
  }

  @Test
  void readsFromDisk() throws Exception {
    Path dir = Files.createTempDirectory("elf");
    Path f = dir.resolve("a.out");
    Files.write(f, good(false));
    assertEquals(Endianness.LITTLE, ElfFile.read(f).order());
  }

  @Test
  void aDirectoryIsNamed() throws Exception {
    Path dir = Files.createTempDirectory("elf");
    ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfFile.read(dir));
    assertEquals(dir + ": is a directory", e.getMessage());
  }

  /** A 3 GB sparse file is refused by its size, before a byte of it is read into the heap. */
  @Test
  void aHugeFileIsRefusedBeforeItIsRead() throws Exception {
    Path f = Files.createTempFile("huge", ".elf");
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.setLength(3L << 30);
    }
    try {
      ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfFile.read(f));
      assertTrue(e.getMessage().startsWith(f + ": too large (3,221,225,472 bytes; at most "), e.getMessage());
    } finally {
      Files.delete(f);
    }
  }

  /** An ABI flags segment that points past the end is refused at parse time, not read out of bounds later. */
  @Test
  void anAbiFlagsSegmentPastTheEndIsRefused() {
    byte[] b = good(true);
    ByteBuffer buf = ByteBuffer.wrap(b);
    buf.putShort(44, (short) 2); // e_phnum: a second header, over the code after the first
    buf.putInt(84, ElfFile.PT_MIPS_ABIFLAGS).putInt(88, 0x7fff_ff00).putInt(100, 24).putInt(104, 24);
    assertEquals("prog.elf: truncated: the ABI flags segment 1 ends past the end of the file", refusal(b));
  }

  /** Any corruption of a valid file's headers is refused with a message or parses into a usable file. */
  @Property(tries = 500)
  void corruptHeadersNeverThrowAnythingElse(@ForAll @IntRange(min = 0, max = 83) int at, @ForAll byte value,
      @ForAll @IntRange(min = 0, max = 83) int at2, @ForAll byte value2) {
    byte[] b = good(at % 2 == 0);
    b[at] = value;
    b[at2] = value2;
    try {
      ElfFile f = ElfFile.parse(FILE, b);
      f.fpAbi();
      f.isDynamic();
      f.phdrAddress();
    } catch (ElfFormatException e) {
      assertTrue(e.getMessage().startsWith("prog.elf: "), e.getMessage());
    }
  }
}
