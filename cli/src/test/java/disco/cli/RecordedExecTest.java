package disco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Determinism of {@code disco exec} across runs, JVMs and builds: the hash of the full
 * instruction trace ({@code --trace}), the program's output, its status and the instruction count
 * equals the value recorded in {@code recorded-exec.txt}, twice in this JVM and once in a JVM of
 * its own running the real command line. The program is guests/linux/argv_exit.c, built once and
 * committed (argv_exit.mips.gz), so that the hash does not depend on the cross compiler at hand;
 * {@link #theCommittedProgramIsTheSourceRebuilt} shows that it is that source, compiled with the
 * differential tests' options ({@code mips-linux-gnu-gcc -static -O2 -march=mips32r2}) and
 * stripped.
 */
class RecordedExecTest {
  /**
   * The program's place, relative to the module's directory as the test and the forked JVM run:
   * its path is the program's argv[0], whose length the C library's start-up walks, so it must be
   * the same in every run.
   */
  static final Path DIR = Path.of("target", "recorded-exec");

  static final List<String> ARGS = List.of("exit", "3", "extra");
  private static final Pattern COUNT = Pattern.compile("disco exec: (\\d+) instructions in ");

  static Path program() throws IOException {
    Files.createDirectories(DIR);
    Path elf = DIR.resolve("argv_exit");
    try (InputStream in = RecordedExecTest.class.getResourceAsStream("argv_exit.mips.gz")) {
      if (in == null) {
        throw new AssertionError("argv_exit.mips.gz is missing");
      }
      Files.write(elf, new GZIPInputStream(in).readAllBytes());
    }
    return elf;
  }

  static List<String> command(Path elf) {
    List<String> c = new ArrayList<>(List.of("exec", "--trace", "--stats", "--root", DIR.toString(), elf.toString()));
    c.addAll(ARGS);
    return c;
  }

  /** The hash of one run; {@code diagnostics} is the command's own standard error. */
  static String hash(String stdout, String traceAndStderr, int status, String diagnostics) throws Exception {
    Matcher m = COUNT.matcher(diagnostics);
    assertTrue(m.find(), diagnostics);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(("stdout=" + stdout + "\nstderr=" + traceAndStderr + "\nstatus=" + status
        + "\ninstructions=" + m.group(1) + "\n").getBytes(StandardCharsets.ISO_8859_1));
    return HexFormat.of().formatHex(sha.digest());
  }

  static String recorded() throws IOException {
    try (InputStream in = RecordedExecTest.class.getResourceAsStream("recorded-exec.txt")) {
      if (in == null) {
        throw new AssertionError("recorded-exec.txt is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .map(l -> l.replaceFirst("#.*", "").strip()).filter(l -> !l.isEmpty())
          .map(l -> l.replaceFirst("^argv_exit-exit-3\\s*=\\s*", "")).findFirst().orElseThrow();
    }
  }

  String inThisJvm(Path elf) throws Exception {
    CliTest.Result r = CliTest.run(command(elf).toArray(String[]::new));
    assertEquals(3, r.status(), r.err());
    assertTrue(r.guestOut().contains("argv[1] = 'exit' (4 bytes)"), r.guestOut());
    return hash(r.guestOut(), r.guestErr(), r.status(), r.err());
  }

  /**
   * The committed binary is the source rebuilt, byte for byte, with Debian's cross compiler (which
   * the build machine installs; without it this test skips, or fails under CI).
   */
  @Test
  void theCommittedProgramIsTheSourceRebuilt() throws Exception {
    Path source = Path.of("..", "guests", "linux", "argv_exit.c");
    Path built = disco.testing.MipsCompiler.compile(source, disco.testing.MipsCompiler.DEFAULT_OPTIONS, List.of());
    Path strip = disco.testing.Tools.require("mips-linux-gnu-strip");
    Path stripped = DIR.resolve("argv_exit.rebuilt");
    Files.createDirectories(DIR);
    Process p = new ProcessBuilder(strip.toString(), "-o", stripped.toString(), built.toString())
        .redirectErrorStream(true).start();
    p.getOutputStream().close();
    String messages = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "strip did not finish");
    assertEquals(0, p.exitValue(), messages);
    byte[] committed = Files.readAllBytes(program());
    assertTrue(java.util.Arrays.equals(committed, Files.readAllBytes(stripped)),
        "argv_exit.mips.gz is not guests/linux/argv_exit.c rebuilt: rebuild it and record the new hash");
  }

  @Test
  void twoRunsInThisJvmGiveTheRecordedHash() throws Exception {
    Path elf = program();
    String first = inThisJvm(elf);
    assertEquals(recorded(), first, "a change here must be explained: see recorded-exec.txt");
    assertEquals(first, inThisJvm(elf), "the second run in the same JVM differs from the first");
  }

  @Test
  void theCommandInASeparateJvmGivesTheRecordedHash() throws Exception {
    Path elf = program();
    String java = ProcessHandle.current().info().command().orElse(
        Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> c = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    c.addAll(command(elf));
    Path out = DIR.resolve("out");
    Path err = DIR.resolve("err");
    Process p = new ProcessBuilder(c).directory(Path.of("").toAbsolutePath().toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    p.getOutputStream().close();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the forked JVM did not finish");
    }
    String stderr = Files.readString(err, StandardCharsets.ISO_8859_1);
    // The command's own lines come after everything the program and the trace wrote.
    int own = stderr.indexOf("disco exec: ");
    assertTrue(own >= 0, stderr);
    assertEquals(recorded(), hash(Files.readString(out, StandardCharsets.ISO_8859_1), stderr.substring(0, own),
        p.exitValue(), stderr.substring(own)));
  }
}
