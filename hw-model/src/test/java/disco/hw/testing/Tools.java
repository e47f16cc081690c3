package disco.hw.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * External tools the tests run (cross compiler, qemu, csmith). On a developer's machine a missing
 * tool skips the test that needs it; under CI (environment variable {@code CI=true}, set by the CI
 * runner) it fails the test, because CI installs every tool and a missing one there is a bug in
 * the installation, not a reason to pass silently.
 */
public final class Tools {
  private Tools() {}

  /** True where missing tools must fail tests rather than skip them. */
  public static boolean ciRequiresTools() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /**
   * The executable {@code name} found on {@code PATH}.
   *
   * @throws org.opentest4j.TestAbortedException if it is missing and this is not CI
   * @throws org.opentest4j.AssertionFailedError if it is missing under CI
   */
  public static Path require(String name) {
    Path found = find(name);
    if (found != null) {
      return found;
    }
    missing(name + " is not on PATH");
    throw new AssertionError("unreachable");
  }

  /** The first executable named {@code name} in the {@code PATH} directories, or null. */
  public static @Nullable Path find(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /**
   * Reports a missing prerequisite other than an executable (a header directory, say) the same
   * way {@link #require} does: skip, or fail under CI. Never returns.
   */
  public static void missing(String what) {
    String message = what + " (see README.md, Prerequisites)";
    if (ciRequiresTools()) {
      fail(message + "; CI=true, where every tool must be installed");
    }
    Assumptions.abort(message + "; skipping");
  }
}
