package disco.cli;

import static disco.cli.BadInputTest.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code disco bench --unix}: kbench's figures and the workloads' rows, and its refusals. */
class BenchUnixTest {
  static final String IMAGES = BenchOverheadTest.IMAGES;

  /** A workload's row: name, status, cycles, instructions, host seconds, MIPS. */
  private static final Pattern ROW =
      Pattern.compile("(?m)^(pmake|engineering|raytrace|database) +(\\d+) +([\\d,]+) +([\\d,]+) +([\\d.]+) +([\\d.]+)$");

  private static final List<String> KBENCH = List.of("system call (getpid)", "fork+exec+exit+wait",
      "page fault, demand zero", "page fault, copy on write", "TLB refill", "context switch");

  @Test
  void badOptionsAreOneLineAndStatus2(@TempDir Path tmp) throws Exception {
    assertRefused("disco bench: --unix: unknown workload 'nope' (known: pmake, engineering, raytrace, database)",
        CliTest.run("bench", "--unix", "raytrace,nope", "--images", IMAGES));
    assertRefused("disco bench: --size: small or full, got huge",
        CliTest.run("bench", "--unix", "--size", "huge", "--images", IMAGES));
    assertRefused("disco bench: --cpus: must be 1 to 8 (the CPUs of flash-8), got 9",
        CliTest.run("bench", "--unix", "--cpus", "9", "--images", IMAGES));
    assertRefused("disco bench: --cpus: must be 1 to 4 (the CPUs of flash-4), got 0",
        CliTest.run("bench", "--unix", "--cpus", "0", "--machine", "flash-4", "--images", IMAGES));
    assertRefused("disco bench: --cpus: only with --unix", CliTest.run("bench", "--cpus", "2", "--kernel", "x.elf"));
    assertRefused("disco bench: --overhead, --unix and --kernel are separate benchmarks: give one of them",
        CliTest.run("bench", "--unix", "--overhead"));
    assertRefused("disco bench: /nonexistent/unix-bare.elf: no such file (the Unix guest's images; see guests/unix/README.md)",
        CliTest.run("bench", "--unix", "--images", "/nonexistent"));
    Path little = tmp.resolve("little.yaml");
    Files.writeString(little, "base: flash-1\nendianness: little\n");
    assertRefused("disco bench: --machine: " + little + " is little-endian; the Unix images --unix runs are big-endian",
        CliTest.run("bench", "--unix", "--machine", little.toString(), "--images", IMAGES));
    CliTest.Result preset = CliTest.run("bench", "--unix", "--machine", "flash-3", "--images", IMAGES);
    assertEquals(ExitStatus.FAILURE, preset.status());
    assertEquals(1, preset.err().lines().count(), preset.err());
    assertTrue(preset.err().startsWith("disco bench: ") && preset.err().contains("flash-3"), preset.err());
  }

  /**
   * A guest that does not exit 0 fails the command (status 1) after every row is printed, with a
   * line saying which: here every image halts at once with status 153 (a hostile guest).
   */
  @Test
  void aGuestThatExitsNonZeroMakesStatus1(@TempDir Path tmp) throws Exception {
    Path halt = Path.of("..", "guests", "baremetal", "images", "hostile", "halt-wide-status.elf");
    Files.copy(halt, tmp.resolve("unix-bare.elf"));
    Files.copy(halt, tmp.resolve("unix-kbench.elf"));
    Files.write(tmp.resolve("root.ext2"), new byte[512]); // one sector: the halting guest reads no disk
    CliTest.Result r = CliTest.run("bench", "--unix", "--cpus", "1", "--images", tmp.toString());
    assertEquals(ExitStatus.GUEST_FAILED, r.status(), r.err() + r.out());
    Matcher m = ROW.matcher(r.out());
    int rows = 0;
    while (m.find()) {
      assertEquals("153", m.group(2), m.group());
      rows++;
    }
    assertEquals(4, rows, r.out());
    assertEquals(5, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("disco bench: kbench: the guest wrote "), r.err());
    assertTrue(r.err().contains("disco bench: database: the guest wrote "), r.err());
  }

  /** At small on 2 CPUs: kbench's six figures and a row per workload, each exit 0 with positive numbers. */
  @Test
  @Tag("long")
  void smallOnTwoCpusPrintsEveryFigure() {
    CliTest.Result r = CliTest.run("bench", "--unix", "--cpus", "2", "--images", IMAGES);
    assertEquals(0, r.status(), r.err() + r.out());
    assertEquals("", r.err());
    for (String what : KBENCH) {
      assertTrue(r.out().matches("(?s).*\\n  \\Q" + what + "\\E[^\\n]* +[1-9][\\d,]*\\n.*"), what + " in:\n" + r.out());
    }
    assertTrue(r.out().contains("workloads (small) on flash-8, 2 of its 8 CPUs"), r.out());
    Matcher m = ROW.matcher(r.out());
    List<String> seen = new java.util.ArrayList<>();
    while (m.find()) {
      seen.add(m.group(1));
      assertEquals("0", m.group(2), m.group());
      for (int g = 3; g <= 6; g++) {
        assertTrue(Double.parseDouble(m.group(g).replace(",", "")) > 0, "column " + g + " of " + m.group());
      }
    }
    assertEquals(UnixBench.WORKLOADS, seen, r.out());
  }
}
