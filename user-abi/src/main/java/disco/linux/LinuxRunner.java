package disco.linux;

import disco.hw.cpu.Cpu;
import disco.hw.cpu.InstructionTracer;
import disco.hw.elf.ElfFile;
import disco.hw.elf.ElfFormatException;
import disco.hw.isa.Disassembler;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Runs a static {@code mips-linux-gnu} executable on the processor model, as qemu-user does. */
public final class LinuxRunner {
  private LinuxRunner() {}

  /** Instructions run between checks of the limit. */
  private static final long SLICE = 1 << 20;

  /**
   * Loads and runs the program to its end (or its instruction limit), collecting its output.
   *
   * @throws ElfFormatException if the file is not a loadable executable for this machine
   * @throws IOException if the file, the root or the working directory cannot be read
   */
  public static ExecResult run(ExecRequest request) throws ElfFormatException, IOException {
    return run(request, (InstructionTracer) null);
  }

  /**
   * As {@link #run(ExecRequest)}, with {@code observer} shown every instruction before it executes
   * (it may change the CPU's registers: the conformance suite's seeded defects stand there).
   */
  public static ExecResult run(ExecRequest request, @Nullable InstructionTracer observer)
      throws ElfFormatException, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ExecResult r = run(request, new Streams(new ByteArrayInputStream(request.stdin()), out, err, null), observer);
    return new ExecResult(r.exitStatus(), out.toByteArray(), err.toByteArray(), r.instructions(),
        r.fatalReport(), r.unknownCalls());
  }

  /**
   * Loads and runs the program with the given streams (the request's stdin bytes are ignored);
   * the result's stdout and stderr are empty, the output having gone to the streams.
   */
  public static ExecResult run(ExecRequest request, Streams streams) throws ElfFormatException, IOException {
    return run(request, streams, null);
  }

  private static ExecResult run(ExecRequest request, Streams streams, @Nullable InstructionTracer observer)
      throws ElfFormatException, IOException {
    ElfFile elf = ElfFile.read(request.executable());
    if (elf.order() != request.order()) {
      throw new ElfFormatException(request.executable(), String.format(
          "%s-endian executable, but the machine is configured %s-endian%s",
          elf.order().isBig() ? "big" : "little", request.order().isBig() ? "big" : "little",
          elf.order().isBig() ? "" : " (use --little-endian)"));
    }
    if (elf.isDynamic()) {
      throw new ElfFormatException(request.executable(),
          "dynamically linked (has an interpreter); only static executables run here (link with -static)");
    }
    List<String> argv = new ArrayList<>();
    argv.add(request.executable().toString());
    argv.addAll(request.args());
    LinuxProcess process = new LinuxProcess(elf, argv, request.environment());
    HostPaths paths = new HostPaths(request.root(), request.directory());
    LinuxKernel kernel = new LinuxKernel(process,
        new LinuxFiles(process, paths, streams.stdin(), streams.stdout(), streams.stderr()));
    Cpu cpu = process.cpu;
    cpu.setSupervisor(kernel);
    if (observer != null) {
      cpu.setTracer(observer);
    }
    OutputStream trace = streams.trace();
    PrintStream traceOut = null;
    if (trace != null) {
      PrintStream ps = new PrintStream(new BufferedOutputStream(trace, 1 << 16), false, StandardCharsets.UTF_8);
      traceOut = ps;
      cpu.setTracer((c, pc, w) -> ps.printf("%8x:\t%08x \t%s%n", pc, w, Disassembler.disassemble(w, pc)));
    }
    try {
      long limit = request.instructionLimit();
      while (!cpu.halted()) {
        long budget = limit == 0 ? SLICE : Math.min(SLICE, limit - cpu.instructions());
        if (budget <= 0) {
          return new ExecResult(ExecResult.LIMIT_STATUS, new byte[0], new byte[0], cpu.instructions(),
              "stopped after the instruction limit of " + limit, kernel.unknownCalls);
        }
        cpu.run(budget);
      }
      return new ExecResult(kernel.exitStatus, new byte[0], new byte[0], cpu.instructions(),
          kernel.fatalReport, kernel.unknownCalls);
    } finally {
      if (traceOut != null) {
        traceOut.flush();
      }
    }
  }
}
