package disco.hw.guests;

import disco.hw.Endianness;
import disco.testing.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The images of {@code guests/unix} (see its README): the root file systems {@code root.ext2}
 * (big-endian programs) and {@code root-el.ext2} (little-endian), and the kernel's images, all in
 * {@code guests/unix/images}.
 */
public final class UnixImages {
  private UnixImages() {}

  /** The workloads in the root image's {@code /bin}, as the README lists them. */
  public static final List<String> WORKLOADS = List.of("pmake", "engineering", "raytrace", "database");

  /** debugfs unpacks 24 MB in about a second; the limit only guards against a hang. */
  private static final long TIMEOUT_SECONDS = 120;

  /**
   * An e2fsprogs tool (mke2fs, debugfs, e2fsck): on PATH, or in /usr/sbin or /sbin, which a
   * user's PATH on Debian leaves out. Skips the test (fails under CI) if there is none.
   */
  public static Path e2fsprogs(String name) {
    Path found = Tools.find(name);
    if (found != null) {
      return found;
    }
    for (String d : List.of("/usr/sbin", "/sbin")) {
      if (Files.isExecutable(Path.of(d, name))) {
        return Path.of(d, name);
      }
    }
    Tools.missing(name + " (package e2fsprogs) is not on PATH, /usr/sbin or /sbin");
    throw new AssertionError("unreachable");
  }

  /** {@code guests/unix}, beside {@code guests/baremetal}. */
  public static Path dir() {
    return GuestImages.dir().resolveSibling("unix");
  }

  /** The root file system whose programs are built for {@code order}. */
  public static Path root(Endianness order) {
    return dir().resolve("images").resolve(order.isBig() ? "root.ext2" : "root-el.ext2");
  }

  /** Every committed image (root file systems and kernels), by name. */
  public static List<Path> committed() {
    try (Stream<Path> s = Files.list(dir().resolve("images"))) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Copies the whole file tree of {@code image} into the empty directory {@code into}, as {@code
   * debugfs -R "rdump / DIR"} does (modes kept, so the programs stay executable). The image is only
   * read.
   */
  public static Path unpack(Path image, Path into) throws IOException, InterruptedException {
    Path debugfs = e2fsprogs("debugfs");
    Files.createDirectories(into);
    GuestBuild.run(into, TIMEOUT_SECONDS, debugfs.toString(), "-R", "rdump / " + into.toAbsolutePath(), image.toString());
    if (!Files.isRegularFile(into.resolve("bin").resolve("pmake"))) {
      throw new IllegalStateException("debugfs rdump of " + image + " left no bin/pmake in " + into);
    }
    return into;
  }
}
