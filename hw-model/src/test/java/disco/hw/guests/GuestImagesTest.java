package disco.hw.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import disco.testing.Tools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed bare-metal guest images ({@code guests/baremetal/images}) are what their sources
 * build to, byte for byte, and are executables the machine can boot: big-endian ELF32 MIPS32r2,
 * non-PIC, loaded and entered in kseg0.
 *
 * <p>The rebuild needs {@code make} and {@code mips-linux-gnu-gcc}: skipped without them, a
 * failure under {@code CI=true} (see {@link Tools}). The header checks need nothing.
 */
class GuestImagesTest {
  private static final long MAKE_TIMEOUT_SECONDS = 300;

  private static final int PT_LOAD = 1;
  private static final int EF_MIPS_PIC = 0x2;
  private static final int EF_MIPS_CPIC = 0x4;
  private static final int EF_MIPS_ARCH = 0xf000_0000;
  private static final int EF_MIPS_ARCH_32R2 = 0x7000_0000;

  @Test
  void rebuildingGivesTheCommittedImagesByteForByte(@TempDir Path out) throws Exception {
    Path make = Tools.require("make");
    Path gcc = Tools.require("mips-linux-gnu-gcc");
    Path dir = GuestImages.dir();
    String log = run(dir, make.toString(), "--no-print-directory", "-C", dir.toString(), "OUT=" + out);

    List<String> differing = new ArrayList<>();
    List<String> programs = new ArrayList<>(GuestImages.PROGRAMS);
    for (GuestImages.Hostile h : GuestImages.hostile()) {
      programs.add("hostile/" + h.name());
    }
    for (String program : programs) {
      Path committed = GuestImages.dir().resolve("images").resolve(program + ".elf");
      Path rebuilt = out.resolve(program + ".elf");
      assertTrue(Files.isRegularFile(rebuilt), "make did not build " + rebuilt + ":\n" + log);
      long at = Files.mismatch(committed, rebuilt);
      if (at != -1) {
        differing.add(program + ".elf (first difference at byte " + at + ", sizes "
            + Files.size(committed) + " committed, " + Files.size(rebuilt) + " rebuilt)");
      }
    }
    if (!differing.isEmpty()) {
      fail("rebuilt images differ from the committed ones: " + differing
          + ". After changing a guest's source, run `make` in guests/baremetal and commit images/."
          + " (If no source changed, the toolchain differs: this one is "
          + run(dir, gcc.toString(), "--version").lines().findFirst().orElse("?")
          + "; see guests/baremetal/README.md for the one the images were built with.)");
    }
  }

  @Test
  void committedImagesAreBigEndianMips32Kseg0Executables() throws IOException {
    for (String program : GuestImages.PROGRAMS) {
      Path image = GuestImages.image(program);
      assertTrue(Files.isRegularFile(image), "missing committed image " + image);
      checkHeader(program, Files.readAllBytes(image));
    }
  }

  private static void checkHeader(String program, byte[] b) {
    String what = program + ".elf: ";
    assertTrue(b.length >= 52, what + "shorter than an ELF header");
    assertTrue(b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F', what + "no ELF magic");
    assertEquals(1, b[4], what + "EI_CLASS should be ELFCLASS32");
    assertEquals(2, b[5], what + "EI_DATA should be ELFDATA2MSB (big-endian)");
    assertEquals(1, b[6], what + "EI_VERSION");
    ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
    assertEquals(2, h.getShort(16), what + "e_type should be ET_EXEC");
    assertEquals(8, h.getShort(18), what + "e_machine should be EM_MIPS");
    int entry = h.getInt(24);
    int phoff = h.getInt(28);
    int flags = h.getInt(36);
    int phentsize = h.getShort(42) & 0xffff;
    int phnum = h.getShort(44) & 0xffff;
    assertTrue(inKseg0(entry), what + String.format("entry 0x%08x is not in kseg0", entry));
    assertEquals(EF_MIPS_ARCH_32R2, flags & EF_MIPS_ARCH, what + String.format("e_flags 0x%08x: not MIPS32r2", flags));
    assertEquals(0, flags & (EF_MIPS_PIC | EF_MIPS_CPIC), what + String.format("e_flags 0x%08x: PIC code", flags));
    assertTrue(phnum > 0 && phentsize >= 32 && phoff + (long) phnum * phentsize <= b.length, what + "program headers");

    boolean entryLoaded = false;
    for (int i = 0; i < phnum; i++) {
      int at = phoff + i * phentsize;
      if (h.getInt(at) != PT_LOAD) {
        continue;
      }
      long offset = Integer.toUnsignedLong(h.getInt(at + 4));
      int vaddr = h.getInt(at + 8);
      long fileSize = Integer.toUnsignedLong(h.getInt(at + 16));
      long memSize = Integer.toUnsignedLong(h.getInt(at + 20));
      String seg = what + String.format("segment %d at 0x%08x+0x%x: ", i, vaddr, memSize);
      assertTrue(offset + fileSize <= b.length, seg + "file bytes past the end of the file");
      assertTrue(fileSize <= memSize, seg + "p_filesz > p_memsz");
      assertTrue(inKseg0(vaddr) && inKseg0((int) (vaddr + memSize - 1)), seg + "not in kseg0");
      if (Integer.compareUnsigned(entry, vaddr) >= 0 && Integer.toUnsignedLong(entry) < Integer.toUnsignedLong(vaddr) + fileSize) {
        entryLoaded = true;
      }
    }
    assertTrue(entryLoaded, what + String.format("entry 0x%08x is in no loaded segment", entry));
  }

  private static boolean inKseg0(int address) {
    return (address >>> 29) == 4;
  }

  @Test
  void everyProgramHasItsExpectedOutputAndTheMakefileBuildsExactlyThese() throws IOException {
    for (String program : GuestImages.PROGRAMS) {
      Path expected = GuestImages.expected(program);
      assertTrue(Files.isRegularFile(expected), "missing " + expected);
      String text = Files.readString(expected, StandardCharsets.US_ASCII);
      assertTrue(text.endsWith("\n") && !text.endsWith("\n\n"), expected + ": should end with one newline");
    }
    String makefile = Files.readString(GuestImages.dir().resolve("Makefile"), StandardCharsets.US_ASCII);
    Matcher m = Pattern.compile("(?m)^PROGRAMS\\s*:?=\\s*(.*)$").matcher(makefile);
    assertTrue(m.find(), "no PROGRAMS line in the Makefile");
    assertEquals(GuestImages.PROGRAMS, Arrays.asList(m.group(1).trim().split("\\s+")));
    Matcher h = Pattern.compile("(?m)^HOSTILE\\s*:?=((?:.*\\\\\\n)*.*)$").matcher(makefile);
    assertTrue(h.find(), "no HOSTILE line in the Makefile");
    assertEquals(GuestImages.hostile().stream().map(GuestImages.Hostile::name).toList(),
        Arrays.asList(h.group(1).replace("\\\n", " ").trim().split("\\s+")));

    String remote = Files.readString(GuestImages.expected("remote"), StandardCharsets.US_ASCII);
    assertTrue(!remote.contains("cycles:"), "expected/remote.out leaves out the cycle-count lines, which vary");
  }

  @Test
  void theDiskPatternIsTheOneTheExpectedDiskOutputDescribes() throws IOException {
    byte[] disk = GuestImages.diskPattern(GuestImages.DISK_SECTORS);
    assertEquals(16 * 512, disk.length);
    int bytes = 4 * GuestImages.SECTOR_BYTES;
    byte[] inverted = new byte[bytes];
    for (int k = 0; k < bytes; k++) {
      inverted[k] = (byte) ~disk[k];
    }
    StringBuilder first = new StringBuilder("first bytes:");
    for (int i = 0; i < 16; i++) {
      first.append(String.format(" %02x", disk[i] & 0xff));
    }
    List<String> lines = Files.readAllLines(GuestImages.expected("disk"), StandardCharsets.US_ASCII);
    assertEquals("disk 0: " + GuestImages.DISK_SECTORS + " sectors", lines.get(0));
    assertEquals(String.format("read sectors 0-3: checksum 0x%08x", GuestImages.checksum(disk, 0, bytes)), lines.get(1));
    assertEquals(first.toString(), lines.get(2));
    assertEquals(String.format("inverted: checksum 0x%08x", GuestImages.checksum(inverted, 0, bytes)), lines.get(4));
    assertEquals(String.format("read back sectors 4-7: checksum 0x%08x", GuestImages.checksum(inverted, 0, bytes)), lines.get(6));
    // sector s begins with the byte s
    for (int s = 0; s < GuestImages.DISK_SECTORS; s++) {
      assertEquals(s, disk[s * GuestImages.SECTOR_BYTES]);
    }
  }

  private static String run(Path dir, String... command) throws IOException, InterruptedException {
    return GuestBuild.run(dir, MAKE_TIMEOUT_SECONDS, command);
  }
}
