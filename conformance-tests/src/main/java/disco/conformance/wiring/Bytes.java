package disco.conformance.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import disco.hw.Endianness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Byte strings as the vectors write them (one character per byte, ISO-8859-1), and scratch directories. */
final class Bytes {
  private Bytes() {}

  static String text(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  static Endianness order(JsonNode init) {
    return switch (init.path("endian").asText("big")) {
      case "big" -> Endianness.BIG;
      case "little" -> Endianness.LITTLE;
      default -> throw new IllegalArgumentException("field \"init.endian\" must be \"big\" or \"little\"");
    };
  }

  /** Deletes a scratch directory and what a run left in it. */
  static void deleteTree(@Nullable Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
