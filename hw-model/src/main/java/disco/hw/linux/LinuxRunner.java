package disco.hw.linux;

import disco.hw.elf.ElfFormatException;
import java.io.IOException;

/** Runs a static {@code mips-linux-gnu} executable on the processor model, as qemu-user does. */
public final class LinuxRunner {
  private LinuxRunner() {}

  /**
   * Loads and runs the program to its end (or its instruction limit).
   *
   * @throws ElfFormatException if the file is not a loadable executable for this machine
   * @throws IOException if the file cannot be read
   */
  public static ExecResult run(ExecRequest request) throws ElfFormatException, IOException {
    throw new UnsupportedOperationException("LinuxRunner is not built yet");
  }
}
