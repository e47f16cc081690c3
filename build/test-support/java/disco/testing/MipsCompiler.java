package disco.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Compiles C programs for the model with {@code mips-linux-gnu-gcc} into static big-endian o32
 * executables, caching them under {@code target/mips-bin/} by a hash of the source text, the
 * options and the compiler's version, so that a second test run (or a second test using the same
 * program) does not compile again. A source's {@code #include}s of local files are not part of
 * the key: the programs this is for are single files.
 *
 * <p>Safe to call from several threads: each compilation writes a private temporary file and
 * renames it into place, so a reader never sees half an executable.
 */
public final class MipsCompiler {
  public static final String COMPILER = "mips-linux-gnu-gcc";

  /** The little-endian cross compiler (Debian package gcc-mipsel-linux-gnu). */
  public static final String COMPILER_LITTLE = "mipsel-linux-gnu-gcc";

  /** The cross compiler for big-endian code, or for little-endian code. */
  public static String compilerFor(boolean bigEndian) {
    return bigEndian ? COMPILER : COMPILER_LITTLE;
  }

  /** The options used unless a caller gives its own (everything but -o, the source and libs). */
  public static final List<String> DEFAULT_OPTIONS = List.of("-static", "-O2", "-march=mips32r2");

  /** Libraries, after the source on the command line. */
  public static final List<String> DEFAULT_LIBS = List.of("-lm");

  private static final long TIMEOUT_SECONDS = 300;
  private static volatile String compilerVersion;

  private MipsCompiler() {}

  /** The cache directory, relative to the Maven module's working directory. */
  public static Path cacheDir() {
    return Path.of("target", "mips-bin");
  }

  /** Compiles {@code source} with {@link #DEFAULT_OPTIONS} and {@link #DEFAULT_LIBS}. */
  public static Path compile(Path source) {
    return compile(source, DEFAULT_OPTIONS, DEFAULT_LIBS);
  }

  /**
   * Compiles {@code source} as {@code mips-linux-gnu-gcc OPTIONS -o OUT SOURCE LIBS}, or returns
   * the cached executable from an earlier identical compilation. Fails the test, with the
   * compiler's messages, if compilation fails; skips (or fails under CI) if the compiler is
   * missing.
   */
  public static Path compile(Path source, List<String> options, List<String> libs) {
    return compile(source, true, options, libs);
  }

  /** Compiles {@code source} big- or little-endian with the default options. */
  public static Path compile(Path source, boolean bigEndian) {
    return compile(source, bigEndian, DEFAULT_OPTIONS, DEFAULT_LIBS);
  }

  /** As {@link #compile(Path, List, List)}, with the cross compiler of the byte order asked for. */
  public static Path compile(Path source, boolean bigEndian, List<String> options, List<String> libs) {
    String compiler = compilerFor(bigEndian);
    Path gcc = Tools.require(compiler);
    try {
      byte[] text = Files.readAllBytes(source);
      String key = key(gcc, text, options, libs);
      String stem = source.getFileName().toString().replaceFirst("\\.c$", "");
      Path dir = cacheDir().toAbsolutePath();
      Files.createDirectories(dir);
      Path out = dir.resolve(stem + "-" + key);
      if (Files.isRegularFile(out)) {
        return out;
      }
      Path tmp = Files.createTempFile(dir, stem + "-", ".tmp");
      try {
        List<String> command = new ArrayList<>();
        command.add(gcc.toString());
        command.addAll(options);
        command.add("-o");
        command.add(tmp.toString());
        command.add(source.toAbsolutePath().toString());
        command.addAll(libs);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        // The compiler's messages are small; reading them to the end also waits for its exit.
        String messages = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          fail(compiler + " did not finish in " + TIMEOUT_SECONDS + " s on " + source);
        }
        if (p.exitValue() != 0) {
          fail(compiler + " failed (status " + p.exitValue() + ") on " + source + "\n"
              + String.join(" ", command) + "\n" + messages);
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while compiling " + source, e);
    }
  }

  private static String key(Path gcc, byte[] text, List<String> options, List<String> libs)
      throws IOException, InterruptedException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(gcc.getFileName().toString().getBytes(StandardCharsets.UTF_8)); // byte order
      sha.update((byte) 0);
      sha.update(version(gcc).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(String.join("\u0001", options).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(String.join("\u0001", libs).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(text);
      return HexFormat.of().formatHex(sha.digest(), 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The compiler's version, part of the cache key so that an upgrade recompiles everything. */
  private static String version(Path gcc) throws IOException, InterruptedException {
    String v = compilerVersion;
    if (v == null) {
      Process p = new ProcessBuilder(gcc.toString(), "-dumpfullversion", "-dumpversion")
          .redirectErrorStream(true)
          .start();
      p.getOutputStream().close();
      v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor();
      compilerVersion = v;
    }
    return v;
  }
}
