package disco.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * External tools the tests run (cross compiler, qemu, csmith). On a developer's machine a missing
 * tool skips the test that needs it (and the end-of-build summary lists the skip with its reason);
 * under the full test command ({@code ./test.sh}, which sets {@code DISCO_REQUIRE_TOOLS=true}
 * after installing every tool) and under CI ({@code CI=true}) it fails the test, because a missing
 * tool there is a bug in the installation, not a reason to pass silently.
 */
public final class Tools {
  private Tools() {}

  /** True where missing tools must fail tests rather than skip them. */
  public static boolean ciRequiresTools() {
    return "true".equalsIgnoreCase(System.getenv("CI"))
        || "true".equalsIgnoreCase(System.getenv("DISCO_REQUIRE_TOOLS"));
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
    String message = what + " (see README.md, Prerequisites; build/setup installs it)";
    if (ciRequiresTools()) {
      fail(message + "; CI=true or DISCO_REQUIRE_TOOLS=true, where every tool must be installed");
    }
    Assumptions.abort(message + "; skipping");
  }
}
