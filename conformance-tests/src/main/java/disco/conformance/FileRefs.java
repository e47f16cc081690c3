package disco.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The files a program or machine vector names ({@code init.elf}, {@code init.kernel}: a path
 * relative to the repository's root and the file's sha256). Before a run they are made absolute,
 * so an implementation in any directory finds them, and checked: a missing file, or one whose
 * bytes are not those the vector was recorded with, fails the vector with that reason.
 */
public final class FileRefs {
  /** The fields of {@code init} that name a file. */
  static final List<String> FIELDS = List.of("elf", "kernel");

  private FileRefs() {}

  /**
   * The repository's root: the nearest directory, from the working directory up, holding
   * {@code guests/baremetal}; the working directory itself when there is none.
   */
  public static Path defaultRoot() {
    Path cwd = Path.of("").toAbsolutePath();
    for (Path p = cwd; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("guests/baremetal"))) {
        return p;
      }
    }
    return cwd;
  }

  /** The vectors with every named file's path resolved against {@code root}. */
  public static List<Vector> resolve(List<Vector> vectors, Path root) {
    List<Vector> out = new ArrayList<>(vectors.size());
    for (Vector v : vectors) {
      ObjectNode request = v.request().deepCopy();
      JsonNode init = request.path("init");
      for (String f : FIELDS) {
        JsonNode ref = init.path(f);
        if (ref.isObject() && ref.path("path").isTextual()) {
          ((ObjectNode) ref).put("path", root.resolve(ref.get("path").textValue()).toAbsolutePath().normalize().toString());
        }
      }
      out.add(new Vector(v.kind(), v.id(), v.purpose(), v.manual(), request, v.expect()));
    }
    return out;
  }

  /** Why the files {@code request} names cannot be used, or null when they are all there and right. */
  public static @Nullable String problem(JsonNode request) {
    JsonNode init = request.path("init");
    for (String f : FIELDS) {
      JsonNode ref = init.path(f);
      if (!ref.isObject()) {
        continue;
      }
      Path path = Path.of(ref.path("path").asText(""));
      if (!Files.isRegularFile(path)) {
        return "init." + f + ": no file " + path + " (docs/conformance.md: Program and machine vectors, the files)";
      }
      String want = ref.path("sha256").asText("");
      if (!want.isEmpty()) {
        String got = sha256(path);
        if (!want.equals(got)) {
          return "init." + f + ": " + path + " is not the file the vector was recorded with (sha256 " + got + ", expected " + want + ")";
        }
      }
    }
    return null;
  }

  /**
   * The file's sha256 in hex, computed afresh each time (about 2 ms for a 700 KB ELF): a file
   * rewritten within the same millisecond keeps its size and time stamp, so no cache can trust them.
   */
  static String sha256(Path path) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (InputStream in = Files.newInputStream(path)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          md.update(buf, 0, n);
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
