package disco.conformance.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import disco.conformance.FileRefs;
import disco.hw.elf.ElfFile;
import disco.hw.machine.DiskImage;
import disco.hw.machine.Machine;
import disco.hw.machine.MachineConfig;
import disco.hw.machine.StopReason;
import disco.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The privileged bare-metal programs of {@code guests/conformance} (docs/conformance.md,
 * "Privileged programs on QEMU's Malta board"): each prints facts of the MIPS32 privileged
 * architecture, built once for our machine and once for QEMU's Malta board.
 *
 * <p>Our machine must print {@code expected/NAME.out}; {@code qemu-system-mips -M malta} must print
 * the same but for the lines {@code differences.txt} lists, each classified there. The run on QEMU
 * needs {@code qemu-system-mips}, the rebuild {@code make} and {@code mips-linux-gnu-gcc}: skipped
 * without them, a failure under {@code CI=true} ({@link Tools}). About 3 s in all: the seven runs on
 * each machine 1 s, the rebuild 1 s.
 */
class MaltaProgramsTest {
  static final List<String> PROGRAMS = List.of("segments", "cop", "tlb", "exl", "delay", "intr", "fpu");

  private static final long MAX_CYCLES = 500_000_000L;
  private static final long QEMU_TIMEOUT_SECONDS = 20;
  private static final long MAKE_TIMEOUT_SECONDS = 300;
  private static final List<String> QEMU = List.of("qemu-system-mips", "-M", "malta", "-cpu", "24Kf", "-m", "64",
      "-nographic", "-no-reboot", "-nic", "none", "-vga", "none", "-monitor", "none", "-serial", "stdio", "-kernel");

  /** One documented difference: on QEMU, line {@code ours} of the program's output reads {@code qemu}. */
  record Difference(String program, String ours, String qemu, String kind) {}

  private static Path dir() {
    return FileRefs.defaultRoot().resolve("guests/conformance");
  }

  private static String expected(String program) throws IOException {
    return Files.readString(dir().resolve("expected/" + program + ".out"), StandardCharsets.ISO_8859_1);
  }

  static List<Difference> differences() throws IOException {
    List<Difference> all = new ArrayList<>();
    String text = Files.readString(dir().resolve("differences.txt"), StandardCharsets.UTF_8);
    for (String block : text.split("\n\\s*\n")) {
      Map<String, String> fields = new LinkedHashMap<>();
      for (String line : block.split("\n")) {
        Matcher m = Pattern.compile("^(program|ours|qemu|class|why): (.*)$").matcher(line);
        if (m.matches()) {
          fields.put(m.group(1), m.group(2));
        }
      }
      if (fields.isEmpty()) {
        continue; // the header comment
      }
      for (String f : List.of("program", "ours", "qemu", "class", "why")) {
        assertTrue(fields.containsKey(f), "differences.txt: an entry without " + f + ":\n" + block);
      }
      all.add(new Difference(fields.get("program"), fields.get("ours"), fields.get("qemu"), fields.get("class")));
    }
    return all;
  }

  /** What QEMU must print: the expected output with the documented lines replaced. */
  private static String expectedOnQemu(String program, List<Difference> differences) throws IOException {
    List<String> lines = new ArrayList<>(Arrays.asList(expected(program).split("\n", -1)));
    for (Difference d : differences) {
      if (!d.program().equals(program)) {
        continue;
      }
      int at = lines.indexOf(d.ours());
      assertTrue(at >= 0, "differences.txt: expected/" + program + ".out has no line \"" + d.ours() + "\"");
      lines.set(at, d.qemu());
    }
    return String.join("\n", lines);
  }

  private static String runOnOurMachine(String program) throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    Machine m = new Machine(MachineConfig.preset("flash-1"), List.<DiskImage>of(), InputStream.nullInputStream(), console);
    m.load(ElfFile.read(dir().resolve("images/disco/" + program + ".elf")), null);
    StopReason reason = m.run(MAX_CYCLES, null);
    String out = console.toString(StandardCharsets.ISO_8859_1);
    assertEquals(0, reason.exitStatus(), program + " on our machine: " + reason.sentence() + "\n" + out);
    return out;
  }

  private static String runOnQemu(String program, Path scratch) throws Exception {
    List<String> command = new ArrayList<>(QEMU);
    command.add(dir().resolve("images/malta/" + program + ".elf").toString());
    Path out = scratch.resolve(program + ".out");
    Path err = scratch.resolve(program + ".err");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    p.getOutputStream().close();
    if (!p.waitFor(QEMU_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      fail(program + " on qemu-system-mips: no stop within " + QEMU_TIMEOUT_SECONDS + " s; it printed:\n"
          + Files.readString(out, StandardCharsets.ISO_8859_1));
    }
    assertEquals(0, p.exitValue(), program + " on qemu-system-mips: exit status; stderr: " + Files.readString(err));
    return Files.readString(out, StandardCharsets.ISO_8859_1);
  }

  @Test
  void ourMachinePrintsTheExpectedFacts() throws Exception {
    for (String program : PROGRAMS) {
      String out = runOnOurMachine(program);
      assertEquals(expected(program), out, program + " on our machine (flash-1) differs from expected/" + program + ".out");
      assertTrue(out.endsWith("stop: 0\n"), program);
    }
  }

  @Test
  void theDocumentedDifferencesNameLinesOfTheExpectedOutputs() throws Exception {
    List<Difference> all = differences();
    for (Difference d : all) {
      assertTrue(PROGRAMS.contains(d.program()), "differences.txt: no program " + d.program());
      assertTrue(List.of("qemu-bug", "unpredictable", "not-modelled", "ours").contains(d.kind()),
          "differences.txt: class " + d.kind());
      expectedOnQemu(d.program(), all);
    }
  }

  @Test
  void qemuMaltaPrintsTheSameButForTheDocumentedDifferences(@TempDir Path scratch) throws Exception {
    Tools.require("qemu-system-mips");
    List<Difference> differences = differences();
    List<String> failures = new ArrayList<>();
    for (String program : PROGRAMS) {
      String want = expectedOnQemu(program, differences);
      String got = runOnQemu(program, scratch);
      if (!want.equals(got)) {
        failures.add(program + ":\n" + lineDiff(want, got));
      }
    }
    if (!failures.isEmpty()) {
      fail("qemu-system-mips -M malta prints other lines than expected/ with differences.txt applied"
          + " (classify each in differences.txt and docs/conformance.md):\n" + String.join("\n", failures));
    }
  }

  @Test
  void rebuildingGivesTheCommittedImagesByteForByte(@TempDir Path out) throws Exception {
    Path make = Tools.require("make");
    Tools.require("mips-linux-gnu-gcc");
    Process p = new ProcessBuilder(make.toString(), "--no-print-directory", "-C", dir().toString(), "OUT=" + out)
        .redirectErrorStream(true).start();
    p.getOutputStream().close();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(MAKE_TIMEOUT_SECONDS, TimeUnit.SECONDS), "make did not finish");
    assertEquals(0, p.exitValue(), log);
    List<String> differing = new ArrayList<>();
    for (String platform : List.of("disco", "malta")) {
      for (String program : PROGRAMS) {
        Path committed = dir().resolve("images/" + platform + "/" + program + ".elf");
        Path rebuilt = out.resolve(platform + "/" + program + ".elf");
        assertTrue(Files.isRegularFile(rebuilt), "make did not build " + rebuilt + ":\n" + log);
        if (Files.mismatch(committed, rebuilt) != -1) {
          differing.add(platform + "/" + program + ".elf");
        }
      }
    }
    assertEquals(List.of(), differing,
        "rebuilt images differ from the committed ones: after changing a source, run make in guests/conformance"
            + " and commit images/ and expected/");
    String makefile = Files.readString(dir().resolve("Makefile"), StandardCharsets.US_ASCII);
    Matcher m = Pattern.compile("(?m)^PROGRAMS\\s*:?=\\s*(.*)$").matcher(makefile);
    assertTrue(m.find(), "no PROGRAMS line in the Makefile");
    assertEquals(PROGRAMS, Arrays.asList(m.group(1).trim().split("\\s+")));
  }

  /** The first differing lines, numbered from 1. */
  private static String lineDiff(String want, String got) {
    String[] a = want.split("\n", -1);
    String[] b = got.split("\n", -1);
    StringBuilder s = new StringBuilder();
    int shown = 0;
    for (int i = 0; i < Math.max(a.length, b.length) && shown < 10; i++) {
      String x = i < a.length ? a[i] : "(none)";
      String y = i < b.length ? b[i] : "(none)";
      if (!x.equals(y)) {
        s.append(String.format("  line %d: expected \"%s\"%n          got      \"%s\"%n", i + 1, x, y));
        shown++;
      }
    }
    return s.toString();
  }
}
