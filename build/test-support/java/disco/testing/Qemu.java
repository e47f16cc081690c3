package disco.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a static MIPS executable under {@code qemu-mips} (user-mode emulation), the oracle of the
 * differential tests.
 *
 * <p>The program's environment is exactly the map given (empty by default): qemu-user hands its
 * own environment to the guest, so the test JVM's would otherwise leak in. Standard input is fed
 * from a byte array and closed; standard output and error are pipes, as a shell pipeline would
 * give (so glibc buffers stdout fully and {@code isatty(1)} is 0). The working directory is a
 * scratch directory under {@code target/} (the caller's, or {@code target/qemu-cwd}), so nothing
 * a program or qemu writes there lands in the source tree.
 *
 * <p>How a fatal signal shows: qemu prints {@code qemu: uncaught target signal N (name) - core
 * dumped} on stderr and kills itself with the host's corresponding signal, so {@link
 * Process#exitValue()} is 128 + the host signal number. MIPS numbers some signals differently
 * from the host (SIGBUS is 10 on MIPS, 7 on x86-64), so {@link Result#guestStatus()} uses the
 * target number from qemu's message: 128 + 10 = 138 for SIGBUS, 139 for SIGSEGV.
 */
public final class Qemu {
  public static final String EXECUTABLE = "qemu-mips";

  private static final Pattern FATAL =
      Pattern.compile("qemu: uncaught target signal (\\d+) \\([^)]*\\) - [^\\n]*\\n?\\z");

  private Qemu() {}

  /**
   * One run.
   *
   * @param exitStatus the qemu process's exit value (128 + host signal if a signal killed it)
   * @param timedOut whether the run was killed at its time limit (then the outputs are partial)
   */
  public record Result(int exitStatus, byte[] stdout, byte[] stderr, boolean timedOut) {

    /** The guest's fatal signal, in MIPS numbering, from qemu's report; empty if none. */
    public OptionalInt targetSignal() {
      Matcher m = FATAL.matcher(stderrText());
      return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /**
     * The status a shell on a MIPS Linux machine would see: the exit code, or 128 + the MIPS
     * signal number when a signal killed the program. Comparable to {@code
     * ExecResult.exitStatus()}.
     */
    public int guestStatus() {
      OptionalInt sig = targetSignal();
      return sig.isPresent() ? 128 + sig.getAsInt() : exitStatus;
    }

    /** What the program itself wrote to stderr: qemu's closing fatal-signal report removed. */
    public byte[] programStderr() {
      Matcher m = FATAL.matcher(stderrText());
      if (!m.find()) {
        return stderr.clone();
      }
      // ISO-8859-1 maps bytes to chars one to one, so the character index is the byte index.
      return Arrays.copyOf(stderr, m.start());
    }

    public String stdoutText() {
      return new String(stdout, StandardCharsets.ISO_8859_1);
    }

    public String stderrText() {
      return new String(stderr, StandardCharsets.ISO_8859_1);
    }
  }

  /** qemu-mips for a big-endian executable, qemu-mipsel for a little-endian one (ELF EI_DATA). */
  public static String executableFor(Path exe) {
    try (java.io.InputStream in = Files.newInputStream(exe)) {
      byte[] ident = in.readNBytes(6);
      return ident.length == 6 && ident[5] == 1 ? "qemu-mipsel" : EXECUTABLE;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code qemu-mips exe args...} with an empty environment. */
  public static Result run(Path exe, List<String> args, byte[] stdin, Duration timeout) {
    return run(exe, args, stdin, timeout, Map.of());
  }

  /**
   * Runs {@code qemu-mips exe args...} with {@code environment} as the program's whole
   * environment; kills qemu if it has not finished after {@code timeout}. Skips the test (fails
   * under CI) if qemu-mips is not installed.
   */
  public static Result run(
      Path exe,
      List<String> args,
      byte[] stdin,
      Duration timeout,
      Map<String, String> environment) {
    return run(exe, args, stdin, timeout, environment, Path.of("target", "qemu-cwd").toAbsolutePath());
  }

  /** As {@link #run(Path, List, byte[], Duration, Map)}, in the working directory {@code cwd}. */
  public static Result run(
      Path exe,
      List<String> args,
      byte[] stdin,
      Duration timeout,
      Map<String, String> environment,
      Path cwd) {
    Path qemu = Tools.require(executableFor(exe));
    List<String> command = new ArrayList<>();
    command.add(qemu.toString());
    command.add(exe.toString());
    command.addAll(args);
    try {
      Files.createDirectories(cwd);
      ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
      pb.environment().clear();
      pb.environment().putAll(environment);
      Process p = pb.start();
      // Three threads' worth of I/O so that no pipe fills up and stalls the others.
      CompletableFuture<byte[]> out = drain(p.getInputStream());
      CompletableFuture<byte[]> err = drain(p.getErrorStream());
      CompletableFuture<Void> in =
          CompletableFuture.runAsync(() -> feed(p.getOutputStream(), stdin), Qemu::thread);
      boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        p.destroyForcibly();
        p.waitFor();
      }
      in.get();
      return new Result(p.exitValue(), out.get(), err.get(), !finished);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("I/O with " + command + " failed", e.getCause());
    }
  }

  private static CompletableFuture<byte[]> drain(InputStream s) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (s) {
            return s.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        Qemu::thread);
  }

  /** A thread per stream: the common pool is small on a 2-core machine and may be busy. */
  private static void thread(Runnable r) {
    Thread t = new Thread(r, "qemu-io");
    t.setDaemon(true);
    t.start();
  }

  private static void feed(OutputStream s, byte[] bytes) {
    try (s) {
      s.write(bytes);
    } catch (IOException e) {
      // The program may exit (or die) without reading all of its input: a broken pipe here is
      // its business, not a harness failure.
    }
  }
}
