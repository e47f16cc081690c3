package disco.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A directory a program runs in, emptied before each run, and what the run left there: every
 * path under it with its type, permissions and (for a file) its contents, so two runs can be
 * compared on the files they made as well as on their output.
 */
public final class ScratchDirectory {
  private ScratchDirectory() {}

  /** {@code target/scratch/NAME} (absolute), created empty; anything there before is removed. */
  public static Path fresh(String name) {
    Path dir = Path.of("target", "scratch", name.replaceAll("[^A-Za-z0-9._-]+", "_")).toAbsolutePath();
    clear(dir);
    return dir;
  }

  /** Removes everything under {@code dir} and leaves it empty (never following a link). */
  public static void clear(Path dir) {
    try {
      if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        try (Stream<Path> s = Files.walk(dir)) {
          for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
            if (!p.equals(dir)) {
              Files.delete(p);
            }
          }
        }
      }
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every path under {@code dir}, relative, with "dir MODE", "link -> TARGET" or "file MODE
   * SIZE bytes: CONTENTS" (contents as text if short and printable, else hex of the first bytes).
   */
  public static SortedMap<String, String> contents(Path dir) {
    SortedMap<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.toList()) {
        if (p.equals(dir)) {
          continue;
        }
        String perms = Files.isSymbolicLink(p) ? ""
            : PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
        String what;
        if (Files.isSymbolicLink(p)) {
          what = "link -> " + Files.readSymbolicLink(p);
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          what = "dir " + perms;
        } else {
          byte[] b = Files.readAllBytes(p);
          what = "file " + perms + " " + b.length + " bytes: " + show(b);
        }
        out.put(dir.relativize(p).toString(), what);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static String show(byte[] b) {
    boolean text = b.length <= 2000;
    for (byte c : b) {
      text &= (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\t';
    }
    if (text) {
      return '"' + new String(b, java.nio.charset.StandardCharsets.US_ASCII).replace("\n", "\\n") + '"';
    }
    // A digest keeps the message short and still tells any two contents apart.
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(b);
      return "sha256 " + HexFormat.of().formatHex(d);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
