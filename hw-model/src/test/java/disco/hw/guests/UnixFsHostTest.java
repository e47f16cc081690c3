package disco.hw.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guest Unix's ext2 file system ({@code guests/unix/fs}), built for the host and run by its
 * own driver ({@code make -C guests/unix/fs/host test}): reading {@code mke2fs -d} images, many
 * thousands of pseudo-random operations checked against a model, big, sparse and full disks,
 * errors, each judged by {@code e2fsck -fn} and {@code debugfs}, natively and (some) as a big-endian MIPS program under
 * qemu-mips; then seeded faults that e2fsck
 * must catch; and the freestanding MIPS build of the same sources, both byte orders.
 *
 * <p>Needs gcc, make, mips-linux-gnu-gcc, qemu-mips and e2fsprogs: skipped without them, a failure under
 * {@code CI=true} (see {@link Tools}). About a minute: tagged long.
 */
@Tag("long")
class UnixFsHostTest {
  private static final long TIMEOUT_SECONDS = 1200;

  /** The fault names of the host Makefile's FAULTS: each must be reported caught. */
  private static final List<String> FAULTS =
      List.of("GROUP_FREE_BLOCKS", "BITMAP_NOT_CLEARED", "PARENT_LINK", "KEEP_INDEX");

  /**
   * Scenarios run-tests.sh runs besides the faults: 7 for each of 3 image kinds, 2 on hashed
   * directories, 3 big-endian under qemu-mips.
   */
  private static final int SCENARIOS = 3 * 7 + 2 + 3;

  @Test
  void theFileSystemKeepsImagesCleanForE2fsckAndTheSeededFaultsAreCaught(@TempDir Path out) throws Exception {
    Path make = Tools.require("make");
    Tools.require("gcc");
    Tools.require("mips-linux-gnu-gcc");
    Tools.require("mips-linux-gnu-nm");
    Tools.require("qemu-mips");
    for (String tool : List.of("mke2fs", "e2fsck", "debugfs")) {
      requireSbin(tool);
    }
    Path dir = hostDir();
    String log = GuestBuild.run(dir, TIMEOUT_SECONDS, make.toString(), "--no-print-directory", "-C", dir.toString(), "test", "OUT=" + out);

    assertTrue(log.contains("target-check: ext2.c and bcache.c build for mips32r2 -EB and -EL without warnings"),
        "no target-check result in:\n" + log);
    for (String fault : FAULTS) {
      assertTrue(log.contains("fault " + fault + ": e2fsck reported errors, as it must"),
          "seeded fault " + fault + " not reported caught:\n" + log);
    }
    Matcher summary = Pattern.compile("== summary: (\\d+) passed, (\\d+) failed").matcher(log);
    assertTrue(summary.find(), "no summary line:\n" + log);
    assertEquals(0, Integer.parseInt(summary.group(2)), log);
    assertEquals(SCENARIOS + FAULTS.size(), Integer.parseInt(summary.group(1)), "scenarios run:\n" + log);
    // every scenario ended with e2fsck: the random runs several times, the directed ones at least once
    long clean = log.lines().filter(l -> l.trim().equals("e2fsck -fn: clean")).count();
    assertTrue(clean >= 40, clean + " clean e2fsck runs reported:\n" + log);
    Matcher random = Pattern.compile("random: seed \\d+, (\\d+) of (\\d+) operations").matcher(log);
    int randomRuns = 0;
    while (random.find()) {
      randomRuns++;
      assertEquals(random.group(2), random.group(1), "a random run stopped early:\n" + log);
      assertTrue(Integer.parseInt(random.group(2)) >= 2500, "a short random run:\n" + log);
    }
    assertEquals(5, randomRuns, "random runs (4 native, 1 big-endian):\n" + log);
  }

  /** e2fsprogs lives in /usr/sbin, which an ordinary user's PATH may lack. */
  private static void requireSbin(String name) {
    UnixImages.e2fsprogs(name);
  }

  /** guests/unix/fs/host, found from the working directory upwards. */
  private static Path hostDir() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("guests/unix/fs/host");
      if (Files.isRegularFile(candidate.resolve("Makefile"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("guests/unix/fs/host not found above " + Path.of("").toAbsolutePath());
  }
}
