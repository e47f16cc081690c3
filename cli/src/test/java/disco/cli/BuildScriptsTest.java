package disco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fresh-machine set-up ({@code build/setup}) and the end-of-build summary
 * ({@code build/TestSummary.java}): the package list is the one place the prerequisites live, a
 * machine that cannot install them is told which and how, and a skip that is not a documented
 * exception fails the full test command.
 */
class BuildScriptsTest {
  /** The repository root: the cli module runs its tests in {@code cli/}. */
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  record Run(int status, String out, String err) {}

  private static Run run(Map<String, String> env, Path dir, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().putAll(env);
    Path out = Files.createTempFile("build-script", ".out");
    Path err = Files.createTempFile("build-script", ".err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
    }
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static List<String> packageList() throws IOException {
    List<String> packages = new ArrayList<>();
    for (String line : Files.readAllLines(ROOT.resolve("build/debian-packages.txt"))) {
      String p = line.replaceAll("#.*", "").strip();
      if (!p.isEmpty()) {
        packages.add(p);
      }
    }
    return packages;
  }

  /**
   * A PATH whose {@code dpkg-query} reports every package as not installed and whose {@code id}
   * says "not root", with no {@code sudo}: a fresh machine where the user cannot install.
   */
  private static Map<String, String> unprivilegedFreshMachine(Path bin) throws IOException {
    write(bin.resolve("dpkg-query"), "#!/bin/sh\nexit 1\n");
    write(bin.resolve("id"), "#!/bin/sh\necho 1000\n");
    // Only the utilities setup uses, so that no real sudo or dpkg is found.
    for (String tool : new String[] {"sed", "dirname"}) {
      Path real = Path.of("/usr/bin", tool);
      if (!Files.exists(real)) {
        real = Path.of("/bin", tool);
      }
      write(bin.resolve(tool), "#!/bin/sh\nexec " + real + " \"$@\"\n");
    }
    return Map.of("PATH", bin.toString());
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void theListNamesTheCHeadersThatTheCompilersOnlyRecommend() throws IOException {
    List<String> packages = packageList();
    for (String p :
        List.of(
            "gcc-mips-linux-gnu", "gcc-mipsel-linux-gnu", "libc6-dev-mips-cross",
            "libc6-dev-mipsel-cross", "qemu-user", "csmith", "libcsmith-dev")) {
      assertTrue(packages.contains(p), "build/debian-packages.txt lacks " + p);
    }
  }

  @Test
  void withoutRootOrSudoSetupNamesTheMissingPackagesAndTheCommandInOneLine(@TempDir Path bin)
      throws Exception {
    Run r = run(unprivilegedFreshMachine(bin), ROOT, "/bin/bash", "build/setup");
    assertEquals(3, r.status(), r.err());
    assertEquals("", r.out());
    List<String> lines = r.err().lines().toList();
    assertEquals(1, lines.size(), r.err());
    String line = lines.get(0);
    for (String p : packageList()) {
      assertTrue(line.contains(p), "the message lacks " + p + ": " + line);
    }
    assertTrue(line.contains("apt-get install"), line);
  }

  @Test
  void theReadmeTestCommandIsWhatCiRunsAndItSetsUpFirst() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    assertTrue(readme.contains("The test command is\n\n```sh\n./test.sh\n```"), "README's test command");
    assertTrue(readme.contains("build/debian-packages.txt"), "README must point at the package list");
    String ci = Files.readString(ROOT.resolve(".ci/run"));
    assertTrue(ci.lines().anyMatch(l -> l.strip().equals("./test.sh")), ".ci/run must run ./test.sh");
    String test = Files.readString(ROOT.resolve("test.sh"));
    int setup = test.indexOf("build/setup");
    int mvn = test.indexOf("mvn ");
    assertTrue(setup >= 0 && mvn > setup, "test.sh must set up before Maven");
    assertTrue(test.contains("DISCO_REQUIRE_TOOLS=true"), "test.sh must require every tool");
  }

  private static Path reportsWith(Path root, String skipReason) throws IOException {
    Path reports = Files.createDirectories(root.resolve("mod/target/surefire-reports"));
    Files.writeString(
        reports.resolve("TEST-x.ExampleTest.xml"),
        "<?xml version=\"1.0\"?>\n"
            + "<testsuite name=\"x.ExampleTest\" tests=\"2\" failures=\"0\" errors=\"0\" skipped=\"1\">\n"
            + "  <testcase name=\"passes\" classname=\"x.ExampleTest\"/>\n"
            + "  <testcase name=\"needsATool\" classname=\"x.ExampleTest\">\n"
            + "    <skipped message=\"" + skipReason + "\"/>\n"
            + "  </testcase>\n"
            + "</testsuite>\n");
    return reports;
  }

  private Run summary(Path tree) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return run(
        Map.of(), ROOT, java, "build/TestSummary.java", tree.toString(),
        "--excluded-groups", "none", "--strict", "build/allowed-skips.txt");
  }

  @Test
  void aSkipForAMissingToolFailsTheStrictSummaryAndIsNamed(@TempDir Path tree) throws Exception {
    reportsWith(tree, "qemu-mips is not on PATH; skipping");
    Run r = summary(tree);
    assertEquals(1, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("ExampleTest.needsATool: qemu-mips is not on PATH"), r.out());
    assertTrue(r.out().contains("FAILED"), r.out());
  }

  @Test
  void aCsmithSeedPastQemusTimeLimitIsTheDocumentedException(@TempDir Path tree) throws Exception {
    reportsWith(tree, "org.opentest4j.TestAbortedException: seed 17 skipped: qemu did not finish in 5 s");
    Run r = summary(tree);
    assertEquals(0, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("seed N skipped: qemu did not finish in 5 s"), r.out());
    assertFalse(r.out().contains("FAILED"), r.out());
  }
}
