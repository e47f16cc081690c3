package disco.hw.elf;

import java.nio.file.Path;

/** A file that is not a loadable ELF32 MIPS executable; the message names the file and the problem. */
public final class ElfFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public ElfFormatException(Path file, String problem) {
    super(file + ": " + problem);
  }
}
