package disco.hw.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * External tools a test needs (the MIPS cross toolchain, QEMU). On a developer machine without
 * them the test is skipped; in CI (environment variable {@code CI=true}) a missing tool fails the
 * test instead, so that a broken CI image cannot turn the differential tests into silent skips.
 */
public final class Tools {
  private Tools() {}

  /**
   * The executable {@code tool} found on {@code PATH}. Aborts the calling test (JUnit assumption)
   * if there is none, or fails it when running in CI.
   */
  public static Path require(String tool) {
    Path found = find(tool);
    String message = tool + " not found on PATH (see README, Prerequisites)";
    if (found == null && "true".equals(System.getenv("CI"))) {
      Assertions.fail(message + "; CI=true, so this is a failure, not a skip");
    }
    Assumptions.assumeTrue(found != null, message);
    return found;
  }

  /** The first executable named {@code tool} in the {@code PATH} directories, or null. */
  public static @Nullable Path find(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, tool);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
