package disco.hw.linux;

import disco.hw.Endianness;
import java.nio.file.Path;
import java.util.List;

/**
 * A static {@code mips-linux-gnu} executable to run as {@code qemu-mips} would.
 *
 * @param executable the ELF file
 * @param args argv[1..]; argv[0] is the executable's path as given
 * @param environment the environment strings ({@code NAME=value}), in order
 * @param stdin what the program reads from file descriptor 0
 * @param order the byte order the machine is configured for; an ELF of the other order is refused
 * @param instructionLimit the run stops (status {@link ExecResult#LIMIT_STATUS}) after this many
 *     instructions; 0 for no limit
 */
public record ExecRequest(
    Path executable,
    List<String> args,
    List<String> environment,
    byte[] stdin,
    Endianness order,
    long instructionLimit) {

  public ExecRequest {
    args = List.copyOf(args);
    environment = List.copyOf(environment);
    stdin = stdin.clone();
  }

  /** A request with no arguments, an empty environment and stdin, big-endian, no limit. */
  public static ExecRequest of(Path executable, String... args) {
    return new ExecRequest(executable, List.of(args), List.of(), new byte[0], Endianness.BIG, 0);
  }
}
