package disco.cli;

import disco.hw.Endianness;
import disco.hw.elf.ElfFormatException;
import disco.linux.ExecRequest;
import disco.linux.ExecResult;
import disco.linux.LinuxRunner;
import disco.linux.Streams;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code disco exec}: runs a static mips-linux-gnu executable on the processor model. */
@Command(
    name = "exec",
    description = {
      "Run a static mips-linux-gnu executable on the processor model, as qemu-mips does.",
      "Exits with the program's status, or 128+signal when a fatal exception kills it."
    })
final class ExecCommand implements Callable<Integer> {
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  @Spec
  CommandSpec spec;

  @Option(names = "--little-endian", description = "Configure the machine little-endian (default big).")
  boolean littleEndian;

  @Option(names = "--trace", description = "Print each executed instruction, disassembled, to stderr.")
  boolean trace;

  @Option(names = "--max-instructions", paramLabel = "N",
      description = "Stop after N instructions (status 124); 0 for no limit (default).")
  long maxInstructions;

  @Option(names = "--stats", description = {
      "At the end, print to stderr the instructions executed, the simulation rate,",
      "and the system calls the model does not serve (each returned ENOSYS)."})
  boolean stats;

  @Option(names = "--root", paramLabel = "DIR",
      description = "The program sees the host's files under DIR only; any other path is refused with EACCES (default: the current directory).")
  Path root = Path.of("");

  @Parameters(index = "0", paramLabel = "ELF", description = "The executable.")
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  Path executable;

  @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the program.")
  List<String> args = new ArrayList<>();

  /** Where the program's standard output and error go; set by {@link DiscoCommand#commandLine(StandardOutput.Sinks)}. */
  StandardOutput.Sinks guest = StandardOutput.Sinks.PROCESS;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (maxInstructions < 0) {
      err.println("disco exec: --max-instructions: must be 0 (no limit) or more, got " + maxInstructions);
      return ExitStatus.FAILURE;
    }
    if (!java.nio.file.Files.isDirectory(root)) {
      err.println("disco exec: --root " + root + ": not a directory");
      return ExitStatus.FAILURE;
    }
    ExecRequest request = new ExecRequest(executable, args, List.of(), new byte[0],
        littleEndian ? Endianness.LITTLE : Endianness.BIG, maxInstructions, root, Path.of(""));
    OutputStream out = guest.out().get();
    OutputStream errStream = guest.err().get();
    ExecResult r;
    long start = System.nanoTime();
    try {
      r = LinuxRunner.run(request, new Streams(System.in, out, errStream, trace ? errStream : null));
    } catch (ElfFormatException e) {
      err.println("disco exec: " + e.getMessage());
      return ExitStatus.FAILURE;
    }
    out.flush();
    if (stats) {
      double seconds = (System.nanoTime() - start) / 1e9;
      err.printf("disco exec: %d instructions in %.3f s of host time (%.1f million per second)%n",
          r.instructions(), seconds, r.instructions() / seconds / 1e6);
      r.unknownCalls().forEach((nr, count) -> err.printf(
          "disco exec: system call %d not served (returned ENOSYS) %d time%s%n", nr, count, count == 1 ? "" : "s"));
    }
    String report = r.fatalReport();
    if (report != null) {
      err.println("disco exec: " + report);
    }
    err.flush();
    return r.exitStatus();
  }
}
