package disco.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code disco run --append STRING} and {@code --disk N=FILE,snapshot}, through the command in a
 * process of its own, so that the guest's console (the process's standard output) is captured.
 */
class RunDisksAndCommandLineTest {
  @TempDir Path dir;

  static final Path BAREMETAL = Path.of("..", "guests", "baremetal");

  record Outcome(int status, String out, String err) {}

  /** {@code disco ARGS...} in a new JVM on this test's class path. */
  static Outcome disco(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(Arrays.asList(args));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "disco " + String.join(" ", args) + ": no exit");
    return new Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void theCommandLineGuestPrintsWhatAppendGaveIt() throws Exception {
    Path kernel = BAREMETAL.resolve("images/cmdline.elf");
    Outcome r = disco("run", "--no-stats", "--kernel", kernel.toString(),
        "--append", "root=/dev/disk0 init=/bin/pmake small");
    assertEquals(0, r.status(), r.err());
    assertEquals(Files.readString(BAREMETAL.resolve("expected/cmdline.out")), r.out());
    Outcome none = disco("run", "--no-stats", "--kernel", kernel.toString());
    assertEquals(0, none.status(), none.err());
    assertEquals("no command line\n", none.out());
  }

  @Test
  void aCommandLineTooLongIsOneLineAndStatus2() throws Exception {
    Outcome r = disco("run", "--no-stats", "--kernel", BAREMETAL.resolve("images/cmdline.elf").toString(),
        "--append", "x".repeat(5000));
    assertEquals(2, r.status(), r.err());
    assertEquals("disco run: the kernel command line is 5000 bytes; at most 4095 fit\n", r.err().replace("\r", ""));
  }

  /** The disk guest writes sectors 4-7: with snapshot the file keeps its bytes, without it changes. */
  @Test
  void aSnapshotDiskLeavesItsFileUnchangedAndAPersistentOneIsWritten() throws Exception {
    Path kernel = BAREMETAL.resolve("images/disk.elf");
    Path disk = dir.resolve("disk0.img");
    byte[] pattern = new byte[16 * 512];
    for (int k = 0; k < pattern.length; k++) {
      pattern[k] = (byte) (5 * k + k / 512); // mkdisk.py's pattern
    }
    Files.write(disk, pattern);
    String expected = Files.readString(BAREMETAL.resolve("expected/disk.out"));

    Outcome snap = disco("run", "--no-stats", "--kernel", kernel.toString(), "--disk", "0=" + disk + ",snapshot");
    assertEquals(0, snap.status(), snap.err());
    assertEquals(expected, snap.out(), "the guest reads back its own writes from the snapshot");
    assertArrayEquals(pattern, Files.readAllBytes(disk), "a snapshot disk's file was written");

    Outcome persistent = disco("run", "--no-stats", "--kernel", kernel.toString(), "--disk", "0=" + disk);
    assertEquals(0, persistent.status(), persistent.err());
    assertEquals(expected, persistent.out());
    assertFalse(Arrays.equals(pattern, Files.readAllBytes(disk)), "a persistent disk's file was not written");
  }

  @Test
  void aMissingSnapshotDiskIsNamedWithoutTheSuffix() throws Exception {
    Path disk = dir.resolve("none.img");
    Outcome r = disco("run", "--no-stats", "--kernel", BAREMETAL.resolve("images/hello.elf").toString(),
        "--disk", "0=" + disk + ",snapshot");
    assertEquals(2, r.status());
    assertEquals("disco run: disk 0: " + disk + ": no such file\n", r.err().replace("\r", ""));
  }
}
