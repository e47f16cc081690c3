package disco.hw.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import disco.hw.Endianness;
import disco.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed images of {@code guests/unix}: rebuilt byte for byte from their sources, clean
 * ext2 file systems (e2fsck), holding the workloads and every {@code guests/linux} test program.
 */
class UnixImagesTest {
  /** Two cross builds of 30 programs and two images: about a minute on two busy cores. */
  private static final long MAKE_TIMEOUT_SECONDS = 600;

  @Test
  @Tag("long")
  void rebuildingGivesTheCommittedImagesByteForByte(@TempDir Path out) throws Exception {
    Path make = Tools.require("make");
    List.of("mips-linux-gnu-gcc", "mipsel-linux-gnu-gcc", "python3").forEach(Tools::require);
    List.of("mke2fs", "debugfs", "e2fsck").forEach(UnixImages::e2fsprogs);
    Path dir = UnixImages.dir();
    String log = GuestBuild.run(dir, MAKE_TIMEOUT_SECONDS, make.toString(), "--no-print-directory", "-C", dir.toString(), "OUT=" + out);

    List<String> differing = new ArrayList<>();
    for (Path committed : UnixImages.committed()) {
      Path rebuilt = out.resolve(committed.getFileName());
      assertTrue(Files.isRegularFile(rebuilt), "make did not build " + rebuilt + ":\n" + log);
      long at = Files.mismatch(committed, rebuilt);
      if (at != -1) {
        differing.add(committed.getFileName() + " (first difference at byte " + at + ")");
      }
    }
    if (!differing.isEmpty()) {
      fail("rebuilt images differ from the committed ones: " + differing
          + ". After changing a program, a test program of guests/linux or the Makefile, run `make`"
          + " in guests/unix and commit images/.");
    }
  }

  @Test
  void theCommittedRootImagesAreCleanExt2FileSystems() throws Exception {
    Path e2fsck = UnixImages.e2fsprogs("e2fsck");
    for (Endianness order : Endianness.values()) {
      Path image = UnixImages.root(order);
      assertTrue(Files.isRegularFile(image), "missing " + image);
      // -n opens the image read-only and answers no to every question; -f checks even a clean one.
      String report = GuestBuild.run(UnixImages.dir(), MAKE_TIMEOUT_SECONDS, e2fsck.toString(), "-fn", image.toString());
      assertTrue(report.contains(" files ("), image + ": no summary from e2fsck:\n" + report);
    }
  }

  @Test
  void theRootImagesHoldTheWorkloadsAndEveryGuestsLinuxProgram(@TempDir Path tmp) throws Exception {
    Set<String> tests = new TreeSet<>();
    Path linux = UnixImages.dir().resolveSibling("linux");
    for (Path d : List.of(linux, linux.resolve("bench"))) {
      try (Stream<Path> s = Files.list(d)) {
        s.map(p -> p.getFileName().toString())
            .filter(n -> n.endsWith(".c") || n.endsWith(".input.txt"))
            .forEach(n -> tests.add(n.replaceFirst("\\.c$", "")));
      }
    }
    for (Endianness order : Endianness.values()) {
      Path root = UnixImages.unpack(UnixImages.root(order), tmp.resolve(order.name()));
      for (String w : UnixImages.WORKLOADS) {
        assertTrue(Files.isExecutable(root.resolve("bin").resolve(w)), order + ": no /bin/" + w);
      }
      assertTrue(Files.isExecutable(root.resolve("bin/cc1")), order + ": no /bin/cc1 for pmake");
      assertTrue(Files.isRegularFile(root.resolve("src/unit95.c")), order + ": no pmake sources in /src");
      Set<String> present = new TreeSet<>();
      try (Stream<Path> s = Files.list(root.resolve("test"))) {
        s.forEach(p -> present.add(p.getFileName().toString()));
      }
      assertEquals(tests, present, order + ": /test should hold exactly guests/linux's programs and inputs");
      byte[] ident = Files.readAllBytes(root.resolve("bin/pmake"));
      assertEquals(order.isBig() ? 2 : 1, ident[5], order + ": /bin/pmake has the wrong byte order (EI_DATA)");
    }
  }

  /** Not a test of the images: that {@link UnixImages#committed} sees them at all. */
  @Test
  void bothRootImagesAreCommitted() throws IOException {
    List<String> names = UnixImages.committed().stream().map(p -> p.getFileName().toString()).toList();
    assertTrue(names.containsAll(List.of("root.ext2", "root-el.ext2")), "images/ holds " + names);
    for (Path p : UnixImages.committed()) {
      assertTrue(Files.size(p) > 0, p + " is empty");
    }
  }
}
