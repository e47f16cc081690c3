package disco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code disco run}: statistics, the JSON copy, and bad input. */
class RunCommandTest {
  @TempDir Path dir;

  static final Path HELLO = Path.of("..", "guests", "baremetal", "images", "hello.elf");

  @Test
  void runsAKernelAndWritesStatisticsAsTableAndJson() throws Exception {
    Path json = dir.resolve("stats.json");
    CliTest.Result r = CliTest.run("run", "--machine", "flash-4", "--kernel", HELLO.toString(), "--stats-json", json.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().startsWith("machine flash-4, "), r.err());
    assertTrue(r.err().contains("hottest pages by remote misses:"), r.err());
    JsonNode stats = new ObjectMapper().readTree(json.toFile());
    assertEquals("flash-4", stats.get("machine").asText());
    assertEquals(4, stats.get("cpus").size());
    assertTrue(stats.get("cpus").get(0).get("instructions").asLong() > 0);
  }

  @Test
  void reportPrintsSavedStatisticsAndRefusesOtherFiles() throws Exception {
    Path json = dir.resolve("stats.json");
    CliTest.Result run = CliTest.run("run", "--no-stats", "--kernel", HELLO.toString(), "--stats-json", json.toString());
    assertEquals(0, run.status(), run.err());
    CliTest.Result r = CliTest.run("report", json.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().startsWith("machine flash-8, "), r.out());
    assertEquals(8 + 1, r.out().lines().filter(l -> l.matches("\\s*(cpu|\\d+)\\s+.*")).count(), r.out());
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"machine\": 3, \"cpus\": [");
    CliTest.Result b = CliTest.run("report", bad.toString());
    assertEquals(2, b.status());
    assertTrue(b.err().startsWith("disco report: " + bad + ": not a statistics file"), b.err());
    assertEquals(1, b.err().strip().lines().count(), b.err());
  }

  /** scenarios/bare-smp.yaml is smp.elf on flash-8 without the monitor: its console is the guest's expected output. */
  @Test
  void aBareMetalScenarioPrintsWhatTheGuestIsExpectedTo() throws Exception {
    CliTest.Result r = CliTest.run("run", "--no-stats", Path.of("..", "scenarios", "bare-smp.yaml").toString());
    assertEquals(0, r.status(), r.err());
    String expected = Files.readString(Path.of("..", "guests", "baremetal", "expected", "smp.out"), StandardCharsets.ISO_8859_1);
    // guests/baremetal/README.md: the "cpu N up" lines come in lock order; compare them as a set.
    assertEquals(inCpuOrder(expected), inCpuOrder(r.guestOut()), r.guestOut());
    assertTrue(r.guestOut().endsWith("\n"), r.guestOut());
    assertEquals("", r.guestErr());
    assertEquals("", r.out());
  }

  /** The console text with its "cpu N up" lines sorted, the other lines where they are. */
  static java.util.List<String> inCpuOrder(String console) {
    java.util.List<String> lines = new java.util.ArrayList<>(console.lines().toList());
    java.util.List<Integer> at = new java.util.ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).matches("cpu \\d+ up")) {
        at.add(i);
      }
    }
    java.util.List<String> ups = at.stream().map(lines::get).sorted().toList();
    for (int k = 0; k < at.size(); k++) {
      lines.set(at.get(k), ups.get(k));
    }
    return lines;
  }

  /** A kernel given with --kernel prints its own expected output, not the demonstration's. */
  @Test
  void aKernelsConsoleIsItsExpectedOutput() throws Exception {
    CliTest.Result r = CliTest.run("run", "--no-stats", "--kernel", HELLO.toString());
    assertEquals(0, r.status(), r.err());
    String expected = Files.readString(Path.of("..", "guests", "baremetal", "expected", "hello.out"), StandardCharsets.ISO_8859_1);
    assertEquals(expected, r.guestOut());
  }

  @Test
  void badMachineFileIsOneLineAndStatus2() throws Exception {
    Path cfg = dir.resolve("m.yaml");
    Files.writeString(cfg, "nodes: 100\n");
    CliTest.Result r = CliTest.run("run", "--machine", cfg.toString(), "--kernel", HELLO.toString());
    assertEquals(2, r.status());
    assertEquals("disco run: " + cfg + ": nodes must be 1..64, got 100\n", r.err().replace("\r", ""));
  }

  @Test
  void missingDiskIsRefusedAtStart() {
    Path disk = dir.resolve("none.img");
    CliTest.Result r = CliTest.run("run", "--kernel", HELLO.toString(), "--disk", "0=" + disk);
    assertEquals(2, r.status());
    assertEquals("disco run: disk 0: " + disk + ": no such file\n", r.err().replace("\r", ""));
  }

  @Test
  void aKernelOfTheWrongByteOrderIsRefused() throws Exception {
    Path cfg = dir.resolve("le.yaml");
    Files.writeString(cfg, "endianness: little\n");
    CliTest.Result r = CliTest.run("run", "--machine", cfg.toString(), "--kernel", HELLO.toString());
    assertEquals(2, r.status());
    assertTrue(r.err().contains("big-endian image, but the machine is configured little-endian"), r.err());
  }
}
