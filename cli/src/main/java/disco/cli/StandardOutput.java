package disco.cli;

import disco.hw.InputFiles;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Standard output or error for a guest's console. A write that fails ends the command through
 * {@link Closed}, which no layer below the CLI catches: when the reader went away (a broken pipe,
 * as with {@code disco run | head}) the command exits quietly with {@link ExitStatus#BROKEN_PIPE},
 * as other Unix tools do; any other failure is one line.
 */
final class StandardOutput extends OutputStream {
  private final OutputStream out;
  private final String name;

  private StandardOutput(OutputStream out, String name) {
    this.out = out;
    this.name = name;
  }

  static StandardOutput out() {
    return new StandardOutput(new FileOutputStream(FileDescriptor.out), "standard output");
  }

  static StandardOutput err() {
    return new StandardOutput(new FileOutputStream(FileDescriptor.err), "standard error");
  }

  /**
   * Where a guest's console goes: the process's standard output and error, or, for a caller that
   * wants the text (a test), any other pair of streams. Each command run opens its own pair.
   */
  record Sinks(Supplier<StandardOutput> out, Supplier<StandardOutput> err) {
    static final Sinks PROCESS = new Sinks(StandardOutput::out, StandardOutput::err);

    static Sinks of(OutputStream out, OutputStream err) {
      return new Sinks(() -> StandardOutput.of(out, "standard output"), () -> StandardOutput.of(err, "standard error"));
    }
  }

  /** For tests: a stream in place of the process's own. */
  static StandardOutput of(OutputStream out, String name) {
    return new StandardOutput(out, name);
  }

  /** A write to standard output or error failed; carries which and why. */
  static final class Closed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String stream;

    Closed(String stream, IOException cause) {
      super(stream + ": " + InputFiles.problem(cause), cause, false, false);
      this.stream = stream;
    }

    /** Whether the reader closed the pipe, which is no error of ours. */
    boolean brokenPipe() {
      Throwable c = getCause();
      String m = c == null ? null : c.getMessage();
      return m != null && m.toLowerCase(Locale.ROOT).contains("broken pipe");
    }
  }

  @Override
  public void write(int b) {
    try {
      out.write(b);
    } catch (IOException e) {
      throw new Closed(name, e);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) {
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      throw new Closed(name, e);
    }
  }

  @Override
  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new Closed(name, e);
    }
  }
}
