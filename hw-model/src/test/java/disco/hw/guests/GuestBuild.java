package disco.hw.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs the guests' build and test commands (make, the cross compiler) for the guest tests. */
final class GuestBuild {
  private GuestBuild() {}

  /**
   * Runs a command in {@code dir}; returns its output (stdout and stderr), failing on a non-zero
   * exit or after {@code timeoutSeconds}. A make above us does not leak its options in, and
   * /usr/sbin and /sbin (e2fsprogs) are on the PATH even where a user's PATH lacks them.
   */
  static String run(Path dir, long timeoutSeconds, String... command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("guest-build", ".log");
    try {
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().remove("MAKEFLAGS");
      pb.environment().remove("MFLAGS");
      String path = pb.environment().getOrDefault("PATH", "");
      pb.environment().put("PATH", path + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/sbin");
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(String.join(" ", command) + ": no answer in " + timeoutSeconds + " s");
      }
      String text = Files.readString(log, StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + text);
      return text;
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
