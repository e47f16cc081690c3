package disco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What escapes a command: a closed standard output, and the last resort for anything else. */
class FailuresTest {
  @TempDir Path dir;

  private static String reported(Throwable t, int status) {
    StringWriter s = new StringWriter();
    assertEquals(status, Failures.report(t, "disco run", new PrintWriter(s, true)));
    return s.toString().replace("\r", "");
  }

  /** A stream whose every write fails as a closed pipe or a full disk does. */
  private static OutputStream failing(String reason) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException(reason);
      }
    };
  }

  @Test
  void aBrokenPipeEndsTheCommandQuietlyWithStatus141() {
    StandardOutput out = StandardOutput.of(failing("Broken pipe"), "standard output");
    StandardOutput.Closed c = assertThrows(StandardOutput.Closed.class, () -> out.write('x'));
    assertEquals("", reported(c, ExitStatus.BROKEN_PIPE));
  }

  @Test
  void anyOtherWriteFailureIsOneLineWithStatus2() {
    StandardOutput out = StandardOutput.of(failing("No space left on device"), "standard output");
    StandardOutput.Closed c = assertThrows(StandardOutput.Closed.class, () -> out.write(new byte[4], 0, 4));
    assertEquals("disco run: standard output: no space left on device\n", reported(c, ExitStatus.FAILURE));
  }

  @Test
  void anUnexpectedExceptionIsOneInternalErrorLineWithStatus70() {
    String line = reported(new IllegalStateException("the directory lost a line\nsecond line"), ExitStatus.INTERNAL_ERROR);
    assertTrue(line.matches("disco: internal error: java\\.lang\\.IllegalStateException: the directory lost a line "
        + "\\(at disco\\.cli\\.FailuresTest\\.[^)]+\\)\\)\n"), line);
  }

  @Test
  void runningOutOfHeapIsOneLineNamingTheLimit() {
    String line = reported(new OutOfMemoryError("Java heap space"), ExitStatus.INTERNAL_ERROR);
    assertTrue(line.matches("disco run: out of memory: the Java heap's limit of \\d+ MB is reached "
        + "\\(raise it with -Xmx, e.g\\. DISCO_JAVA_OPTS=-Xmx8g for \\./disco\\)\n"), line);
  }

  /**
   * The whole path in a real process: a program that writes forever, its output piped into a
   * reader that takes 100 bytes and closes the pipe. The command must end at once, quietly, 141.
   */
  @Test
  void execIntoAReaderThatClosesEarlyExitsQuietly() throws Exception {
    // loop: write(1, 0x400000, 84); b loop   (big-endian MIPS o32, syscall 4004)
    int[] code = {0x2402_0fa4, 0x2404_0001, 0x3c05_0040, 0x2406_0054, 0x0000_000c, 0x1000_fffa, 0};
    Path prog = dir.resolve("yes.elf");
    Files.write(prog, BadInputTest.elf(1, 2, 8, code));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "exec", prog.toString())).start();
    try {
      InputStream in = p.getInputStream();
      byte[] first = in.readNBytes(100);
      assertEquals(100, first.length);
      in.close();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the command went on writing into a closed pipe");
      assertEquals("", new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
      assertEquals(ExitStatus.BROKEN_PIPE, p.exitValue());
    } finally {
      p.destroyForcibly();
    }
  }
}
