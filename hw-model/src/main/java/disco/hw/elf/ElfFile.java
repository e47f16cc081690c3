package disco.hw.elf;

import disco.hw.Endianness;
import disco.hw.InputFiles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed ELF32 MIPS executable (System V ABI, "ELF Header" and "Program Header"; MIPS
 * supplement for e_machine = EM_MIPS). Parsing checks everything loading relies on, so that a bad
 * file is refused with one message naming the problem instead of failing later.
 *
 * @param path where the file came from (for messages)
 * @param bytes the whole file
 * @param order the byte order the file declares (EI_DATA)
 * @param type e_type (2 = ET_EXEC)
 * @param entry e_entry
 * @param phoff e_phoff
 * @param phentsize e_phentsize
 * @param flags e_flags (MIPS: architecture level, ABI, NaN encoding)
 * @param segments the program headers, in file order
 */
public record ElfFile(
    Path path,
    byte[] bytes,
    Endianness order,
    int type,
    int entry,
    long phoff,
    int phentsize,
    int flags,
    List<ElfSegment> segments) {

  public static final int EM_MIPS = 8;
  public static final int ET_EXEC = 2;
  public static final int ET_DYN = 3;

  public ElfFile {
    segments = List.copyOf(segments);
  }

  /**
   * The largest executable read: a MIPS32 program or kernel image is far smaller; a larger file
   * is refused before it is read rather than exhausting the heap.
   */
  public static final long MAX_FILE_BYTES = 1L << 30;

  /** Reads and parses {@code path}; a file that cannot be read is refused as unloadable. */
  public static ElfFile read(Path path) throws ElfFormatException {
    byte[] bytes;
    try {
      bytes = InputFiles.readAll(path, MAX_FILE_BYTES);
    } catch (InputFiles.UnreadableFileException e) {
      throw new ElfFormatException(path, e.problem());
    }
    return parse(path, bytes);
  }

  /** Parses the bytes of an ELF file. */
  public static ElfFile parse(Path path, byte[] bytes) throws ElfFormatException {
    if (bytes.length < 52) {
      throw new ElfFormatException(path, bytes.length < 4 || !hasMagic(bytes)
          ? "not an ELF file" : "truncated ELF header (" + bytes.length + " bytes, need 52)");
    }
    if (!hasMagic(bytes)) {
      throw new ElfFormatException(path, "not an ELF file (bad magic number)");
    }
    if (bytes[4] != 1) {
      throw new ElfFormatException(path, bytes[4] == 2
          ? "64-bit ELF (ELFCLASS64); this machine runs 32-bit MIPS executables"
          : "invalid ELF class " + bytes[4]);
    }
    Endianness order;
    if (bytes[5] == 1) {
      order = Endianness.LITTLE;
    } else if (bytes[5] == 2) {
      order = Endianness.BIG;
    } else {
      throw new ElfFormatException(path, "invalid ELF data encoding " + bytes[5]);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(order.isBig() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    int type = b.getShort(16) & 0xffff;
    int machine = b.getShort(18) & 0xffff;
    if (machine != EM_MIPS) {
      throw new ElfFormatException(path, "not a MIPS executable (e_machine " + machine + ")");
    }
    if (type != ET_EXEC && type != ET_DYN) {
      throw new ElfFormatException(path, "not an executable (e_type " + type + ")");
    }
    int entry = b.getInt(24);
    long phoff = Integer.toUnsignedLong(b.getInt(28));
    int flags = b.getInt(36);
    int phentsize = b.getShort(42) & 0xffff;
    int phnum = b.getShort(44) & 0xffff;
    if (phnum == 0) {
      throw new ElfFormatException(path, "no program headers: nothing to load");
    }
    if (phentsize < 32) {
      throw new ElfFormatException(path, "program header entries of " + phentsize + " bytes (need 32)");
    }
    if (phoff + (long) phnum * phentsize > bytes.length) {
      throw new ElfFormatException(path, "truncated: program headers end past the end of the file");
    }
    List<ElfSegment> segments = new ArrayList<>();
    for (int i = 0; i < phnum; i++) {
      int at = (int) (phoff + (long) i * phentsize);
      ElfSegment s = new ElfSegment(
          b.getInt(at),
          Integer.toUnsignedLong(b.getInt(at + 4)),
          b.getInt(at + 8),
          Integer.toUnsignedLong(b.getInt(at + 16)),
          Integer.toUnsignedLong(b.getInt(at + 20)),
          b.getInt(at + 24));
      if (s.type() == PT_MIPS_ABIFLAGS && s.offset() + s.fileSize() > bytes.length) {
        throw new ElfFormatException(path, "truncated: the ABI flags segment " + i + " ends past the end of the file");
      }
      if (s.type() == ElfSegment.PT_LOAD || s.type() == ElfSegment.PT_TLS) {
        if (s.offset() + s.fileSize() > bytes.length) {
          throw new ElfFormatException(path, String.format(
              "truncated: segment %d (vaddr 0x%08x) needs file bytes up to %d, file has %d",
              i, s.vaddr(), s.offset() + s.fileSize(), bytes.length));
        }
        if (s.fileSize() > s.memSize()) {
          throw new ElfFormatException(path, "segment " + i + " has p_filesz > p_memsz");
        }
        if (Integer.toUnsignedLong(s.vaddr()) + s.memSize() > 0x1_0000_0000L) {
          throw new ElfFormatException(path, "segment " + i + " extends past the 4 GB address space");
        }
      }
      segments.add(s);
    }
    if (segments.stream().noneMatch(s -> s.type() == ElfSegment.PT_LOAD)) {
      throw new ElfFormatException(path, "no loadable (PT_LOAD) segment");
    }
    return new ElfFile(path, bytes, order, type, entry, phoff, phentsize, flags, segments);
  }

  private static boolean hasMagic(byte[] b) {
    return b.length >= 4 && b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F';
  }

  /** p_type of the MIPS ABI flags segment (the .MIPS.abiflags section). */
  public static final int PT_MIPS_ABIFLAGS = 0x7000_0003;

  /** Floating-point ABIs of the ABI flags (Val_GNU_MIPS_ABI_FP_*): FPXX, FP64, FP64A. */
  public static final int FP_ABI_XX = 5;

  public static final int FP_ABI_64 = 6;
  public static final int FP_ABI_64A = 7;

  /**
   * The floating-point ABI the ABI flags declare (byte 7 of struct mips_elf_abiflags_v0), or -1
   * when the file has no ABI flags.
   */
  public int fpAbi() {
    for (ElfSegment s : segments) {
      if (s.type() == PT_MIPS_ABIFLAGS && s.fileSize() >= 8) {
        return bytes[(int) s.offset() + 7] & 0xff;
      }
    }
    return -1;
  }

  /** Whether the file asks for a dynamic loader (PT_INTERP): only static executables run here. */
  public boolean isDynamic() {
    return segments.stream().anyMatch(s -> s.type() == ElfSegment.PT_INTERP);
  }

  /** The virtual address of the program headers once loaded, or 0 if no loaded segment has them. */
  public int phdrAddress() {
    for (ElfSegment s : segments) {
      if (s.type() == ElfSegment.PT_PHDR) {
        return s.vaddr();
      }
    }
    for (ElfSegment s : segments) {
      if (s.type() == ElfSegment.PT_LOAD && s.offset() <= phoff && phoff < s.offset() + s.fileSize()) {
        return (int) (s.vaddr() + (phoff - s.offset()));
      }
    }
    return 0;
  }
}
