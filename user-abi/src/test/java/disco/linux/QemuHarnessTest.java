package disco.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.testing.GuestPrograms;
import disco.testing.MipsCompiler;
import disco.testing.Qemu;
import disco.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Checks the differential-testing harness itself, before and apart from the model: that the
 * compiler helper, qemu helper and guest-program directives do what the differential tests rely
 * on, and that the comparison has teeth (it reports a difference when given two runs that
 * differ). Tests that need the cross compiler or qemu skip without them, except under CI.
 */
class QemuHarnessTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** Writes a C source under target/ (sources here are small and made by the test). */
  private static Path source(String name, String text) throws IOException {
    Path dir = Path.of("target", "harness-src").toAbsolutePath();
    Files.createDirectories(dir);
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static Path guest(String name) {
    return GuestPrograms.directory().resolve(name);
  }

  private static Qemu.Result qemu(Path source, String... args) {
    return Qemu.run(MipsCompiler.compile(source), List.of(args), new byte[0], TIMEOUT);
  }

  // ---- the helpers ----

  @Test
  void qemuRunsACompiledProgramWithArgumentsAndStdin() throws IOException {
    Path src =
        source(
            "tiny.c",
            """
            #include <stdio.h>
            int main(int argc, char **argv) {
              char line[100] = "";
              fgets(line, sizeof line, stdin);
              printf("args %d first '%s' read '%s'\\n", argc - 1, argc > 1 ? argv[1] : "", line);
              fprintf(stderr, "to stderr\\n");
              return 3;
            }
            """);
    Qemu.Result r =
        Qemu.run(
            MipsCompiler.compile(src),
            List.of("alpha", "beta"),
            "from stdin".getBytes(StandardCharsets.US_ASCII),
            TIMEOUT);
    assertEquals("args 2 first 'alpha' read 'from stdin'\n", r.stdoutText());
    assertEquals("to stderr\n", r.stderrText());
    assertEquals(3, r.exitStatus());
    assertEquals(3, r.guestStatus());
    assertFalse(r.timedOut());
    assertEquals(OptionalInt.empty(), r.targetSignal());
  }

  @Test
  void theProgramSeesOnlyTheEnvironmentItIsGiven() throws IOException {
    Path src =
        source(
            "env.c",
            """
            #include <stdio.h>
            extern char **environ;
            int main(void) {
              int n = 0;
              for (char **e = environ; *e; e++, n++) printf("%s\\n", *e);
              printf("%d variables\\n", n);
              return 0;
            }
            """);
    Path exe = MipsCompiler.compile(src);
    // The model gets an empty environment; qemu must too, or the two would start differently.
    assertEquals("0 variables\n", Qemu.run(exe, List.of(), new byte[0], TIMEOUT).stdoutText());
    assertEquals(
        "A=b\n1 variables\n",
        Qemu.run(exe, List.of(), new byte[0], TIMEOUT, Map.of("A", "b")).stdoutText());
  }

  @Test
  void aFatalSignalIsReportedWithTheMipsSignalNumber() {
    Path src = guest("fatal_signals.c");

    Qemu.Result segv = qemu(src, "segv");
    // qemu kills itself with the host's SIGSEGV (11, as on MIPS): Process.exitValue() is 128+11.
    assertEquals(139, segv.exitStatus());
    assertEquals(OptionalInt.of(11), segv.targetSignal());
    assertEquals(139, segv.guestStatus());
    // The program's own stderr, without qemu's "uncaught target signal" line.
    assertEquals(
        "stderr before the fault (segv)\n",
        new String(segv.programStderr(), StandardCharsets.ISO_8859_1));
    assertTrue(segv.stderrText().contains("qemu: uncaught target signal 11"), segv.stderrText());

    Qemu.Result bus = qemu(src, "unaligned");
    // SIGBUS is 10 on MIPS but 7 on x86-64 and arm64 hosts: the process status says 135, the
    // guest's status (what a MIPS shell would see, and what the model reports) is 138.
    assertEquals(128 + 7, bus.exitStatus());
    assertEquals(OptionalInt.of(10), bus.targetSignal());
    assertEquals(138, bus.guestStatus());
  }

  @Test
  void aRunawayProgramIsKilledAtTheTimeout() throws IOException {
    Path src =
        source(
            "spin.c",
            """
            int main(void) { for (volatile unsigned i = 0;; i++) {} }
            """);
    Path exe = MipsCompiler.compile(src);
    long start = System.nanoTime();
    Qemu.Result r = Qemu.run(exe, List.of(), new byte[0], Duration.ofSeconds(1));
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertTrue(r.timedOut());
    assertTrue(seconds < 30, "took " + seconds + " s to kill");
  }

  @Test
  void compilationIsCachedByTextAndOptions() throws IOException {
    Path src = source("cached.c", "int main(void) { return 7; }\n");
    Path first = MipsCompiler.compile(src);
    FileTime made = Files.getLastModifiedTime(first);
    Path second = MipsCompiler.compile(src);
    assertEquals(first, second);
    assertEquals(made, Files.getLastModifiedTime(second), "recompiled although nothing changed");
    Path otherOptions =
        MipsCompiler.compile(src, List.of("-static", "-O0", "-march=mips32r2"), List.of());
    assertNotEquals(first, otherOptions);
    source("cached.c", "int main(void) { return 8; }\n");
    Path otherText = MipsCompiler.compile(src);
    assertNotEquals(first, otherText);
    assertEquals(8, Qemu.run(otherText, List.of(), new byte[0], TIMEOUT).exitStatus());
  }

  @Test
  void aCompileErrorFailsWithTheCompilersMessage() throws IOException {
    // Looked up first, so that a missing compiler skips here as everywhere else rather than
    // surfacing as the wrong kind of exception inside assertThrows.
    Tools.require(MipsCompiler.COMPILER);
    Path src = source("broken.c", "int main(void) { return undeclared_name; }\n");
    AssertionFailedError e =
        assertThrows(AssertionFailedError.class, () -> MipsCompiler.compile(src));
    assertTrue(e.getMessage().contains("undeclared_name"), e.getMessage());
    assertTrue(e.getMessage().contains("broken.c"), e.getMessage());
  }

  @Test
  void everyGuestProgramDeclaresRunnableRuns() {
    // Needs no tools: the directives must parse, stdin files exist, and names be unique.
    List<Path> sources = GuestPrograms.sources();
    assertTrue(sources.size() >= 15, "only " + sources.size() + " programs in guests/linux");
    assertTrue(sources.stream().anyMatch(p -> p.endsWith(Path.of("bench", "coremark_like.c"))));
    Set<String> names = new HashSet<>();
    for (Path source : sources) {
      for (GuestPrograms.Run run : GuestPrograms.runs(source)) {
        assertTrue(names.add(run.displayName()), "two runs named " + run.displayName());
        if (run.stdinFile() != null) {
          assertTrue(Files.isRegularFile(run.stdinFile()), "missing " + run.stdinFile());
        }
      }
    }
    assertEquals(
        List.of("segv", "segv-read", "segv-jump", "break", "teq", "overflow", "ill", "unaligned",
            "abort", "none"),
        GuestPrograms.runs(guest("fatal_signals.c")).stream()
            .map(r -> String.join(" ", r.args()))
            .toList());
    GuestPrograms.Run withStdin = GuestPrograms.runs(guest("stdin_filter.c")).get(0);
    assertEquals(List.of(), withStdin.args());
    assertEquals(guest("stdin_filter.input.txt"), withStdin.stdinFile());
  }

  // ---- the comparison has teeth: qemu on both sides, with runs that differ ----

  @Test
  void theComparisonFindsTheFirstDifferingLine() {
    Path src = guest("argv_exit.c");
    Differential.Outcome a = Differential.ofQemu(qemu(src, "one", "two", "three"));
    Differential.Outcome b = Differential.ofQemu(qemu(src, "one", "2", "three"));
    Optional<String> m = Differential.mismatch(a, b, true);
    assertTrue(m.isPresent(), "two different outputs compared equal");
    String message = m.get();
    // Line 1 is the atexit handler's direct write, line 2 argc, line 3 argv[1], line 4 argv[2].
    assertTrue(message.contains("stdout differs at line 4"), message);
    assertTrue(message.contains("\"argv[2] = 'two' (3 bytes)\\n\""), message);
    assertTrue(message.contains("\"argv[2] = '2' (1 bytes)\\n\""), message);
    assertFalse(message.contains("exit status"), message);
    // The same run twice compares equal.
    assertEquals(
        Optional.empty(),
        Differential.mismatch(a, Differential.ofQemu(qemu(src, "one", "two", "three")), true));
  }

  @Test
  void theComparisonFindsADifferentExitStatus() {
    Path src = guest("argv_exit.c");
    Optional<String> m =
        Differential.mismatch(
            Differential.ofQemu(qemu(src, "exit", "3")),
            Differential.ofQemu(qemu(src, "exit", "4")),
            true);
    assertTrue(m.isPresent());
    assertTrue(m.get().startsWith("exit status: qemu 3, qemu 4"), m.get());
  }

  @Test
  void theComparisonFindsAWhollyDifferentProgram() {
    Optional<String> m =
        Differential.mismatch(
            Differential.ofQemu(qemu(guest("int_arith.c"))),
            Differential.ofQemu(qemu(guest("bitops.c"))),
            true);
    assertTrue(m.isPresent());
    assertTrue(m.get().contains("stdout differs at line 1"), m.get());
  }

  @Test
  void theComparisonFindsAMissingFatalSignal() {
    Path src = guest("fatal_signals.c");
    Differential.Outcome died = Differential.ofQemu(qemu(src, "segv"));
    Differential.Outcome lived = Differential.ofQemu(qemu(src, "none"));
    String m = Differential.mismatch(died, lived, true).orElseThrow();
    assertTrue(m.contains("exit status: qemu 139 (target signal 11), qemu 0"), m);
    // The first line names the fault the program was asked for.
    assertTrue(m.contains("stdout differs at line 1"), m);
    assertTrue(m.contains("stderr differs at line 1"), m);
  }

  // ---- the comparison's stderr rule, on made-up outcomes (no tools needed) ----

  private static Differential.Outcome outcome(
      String runner, int status, String out, String err, boolean fatal) {
    return new Differential.Outcome(
        runner,
        status,
        out.getBytes(StandardCharsets.ISO_8859_1),
        err.getBytes(StandardCharsets.ISO_8859_1),
        fatal,
        "");
  }

  @Test
  void afterAFatalSignalTheModelMayAppendItsOwnReport() {
    Differential.Outcome qemu = outcome("qemu", 139, "out\n", "err\n", true);
    assertEquals(
        Optional.empty(),
        Differential.mismatch(
            qemu,
            outcome("model", 139, "out\n", "err\nSIGSEGV at 0x400123: sw ...\n", true),
            true));
    // but the program's own stderr must still be there, byte for byte
    assertTrue(
        Differential.mismatch(qemu, outcome("model", 139, "out\n", "erX\nSIGSEGV\n", true), true)
            .orElseThrow()
            .contains("stderr differs at line 1"));
    // and without a fatal signal nothing may be appended
    Differential.Outcome clean = outcome("qemu", 0, "out\n", "err\n", false);
    assertTrue(
        Differential.mismatch(clean, outcome("model", 0, "out\n", "err\nextra\n", false), true)
            .orElseThrow()
            .contains("stderr differs at line 2"));
  }

  @Test
  void outputThatEndsEarlyIsReported() {
    String m =
        Differential.mismatch(
                outcome("qemu", 0, "a\nb\nc\n", "", false),
                outcome("model", 0, "a\nb\n", "", false),
                true)
            .orElseThrow();
    assertTrue(m.contains("stdout differs at line 3"), m);
    assertTrue(m.contains("model: (no more output)"), m);
    assertTrue(m.contains("(qemu wrote 6 bytes in 3 lines, model 4 bytes in 2)"), m);
  }

  @Test
  void aMissingFinalNewlineIsADifference() {
    String m =
        Differential.mismatch(
                outcome("qemu", 0, "a\nb\n", "", false),
                outcome("model", 0, "a\nb", "", false),
                true)
            .orElseThrow();
    assertTrue(m.contains("line 2"), m);
    assertTrue(m.contains("\"b\\n\""), m);
    assertTrue(m.contains("\"b\""), m);
  }
}
