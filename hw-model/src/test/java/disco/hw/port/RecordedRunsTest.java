package disco.hw.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Determinism across runs, JVMs and builds: the hashes of {@link RecordedRuns} equal the values
 * recorded in {@code recorded-runs.txt}, twice in this JVM and once in a JVM of its own (which has
 * other identity hash codes, another HashMap iteration for identity-keyed maps, another heap
 * layout). The recorded values guard determinism, not correctness: the tests that compare output
 * with expected files do that.
 */
class RecordedRunsTest {
  static Map<String, String> recorded() throws IOException {
    try (InputStream in = RecordedRunsTest.class.getResourceAsStream("recorded-runs.txt")) {
      if (in == null) {
        throw new AssertionError("recorded-runs.txt is missing");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
    }
  }

  /** {@code name = hash} lines; {@code #} starts a comment. */
  static Map<String, String> parse(List<String> lines) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : lines) {
      String l = line.replaceFirst("#.*", "").strip();
      if (!l.isEmpty()) {
        String[] kv = l.split("\\s*=\\s*", 2);
        m.put(kv[0], kv[1]);
      }
    }
    return m;
  }

  @Test
  void twoRunsInThisJvmGiveTheRecordedHashes() throws Exception {
    Map<String, String> expected = recorded();
    assertEquals(List.of("spinlock-flash-8", "spinlock-flash-8-snapshot-restore"), List.copyOf(expected.keySet()));
    Map<String, String> first = RecordedRuns.all();
    assertEquals(expected, first, "a change here must be explained: see recorded-runs.txt");
    assertEquals(first, RecordedRuns.all(), "the second run in the same JVM differs from the first");
  }

  @Test
  void aSeparateJvmGivesTheRecordedHashes() throws Exception {
    String java = ProcessHandle.current().info().command().orElse(
        Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Process p = new ProcessBuilder(java, "-Xss8m", "-cp", System.getProperty("java.class.path"),
        RecordedRuns.class.getName()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the forked JVM did not finish");
    }
    assertEquals(0, p.exitValue(), out);
    assertEquals(recorded(), parse(out.lines().toList()), out);
  }

  /** The hash sees the interleaving: the same guest on fewer CPUs, or a run cut short, hashes differently. */
  @Test
  void theHashSeesEveryInstruction() throws Exception {
    RecordedRuns.TraceDigest a = new RecordedRuns.TraceDigest();
    RecordedRuns.TraceDigest b = new RecordedRuns.TraceDigest();
    var m = RecordedRuns.boot("hello", disco.hw.machine.MachineConfig.preset("flash-1"), new java.io.ByteArrayOutputStream());
    var n = RecordedRuns.boot("hello", disco.hw.machine.MachineConfig.preset("flash-1"), new java.io.ByteArrayOutputStream());
    a.watch(m);
    b.watch(n);
    m.run(0, null);
    n.run(0, null);
    assertEquals(a.instructions, b.instructions);
    b.instruction(n.cpus().get(0), 0x8001_0000, 0); // one more instruction
    assertNotEquals(a.hex(), b.hex());
  }
}
