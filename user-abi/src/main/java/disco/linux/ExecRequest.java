package disco.linux;

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
 * @param root the directory tree whose files the program may use; every path outside it is
 *     refused (EACCES)
 * @param directory the program's starting working directory (the root if it lies outside it)
 */
public record ExecRequest(
    Path executable,
    List<String> args,
    List<String> environment,
    byte[] stdin,
    Endianness order,
    long instructionLimit,
    Path root,
    Path directory) {

  public ExecRequest {
    args = List.copyOf(args);
    environment = List.copyOf(environment);
    stdin = stdin.clone();
  }

  /** A request whose root and working directory are the current directory, as qemu-user runs. */
  public ExecRequest(Path executable, List<String> args, List<String> environment, byte[] stdin,
      Endianness order, long instructionLimit) {
    this(executable, args, environment, stdin, order, instructionLimit, Path.of(""), Path.of(""));
  }

  /** A request with no arguments, an empty environment and stdin, big-endian, no limit. */
  public static ExecRequest of(Path executable, String... args) {
    return new ExecRequest(executable, List.of(args), List.of(), new byte[0], Endianness.BIG, 0);
  }

  /** This request with another root and working directory. */
  public ExecRequest in(Path newRoot, Path newDirectory) {
    return new ExecRequest(executable, args, environment, stdin, order, instructionLimit, newRoot,
        newDirectory);
  }
}
