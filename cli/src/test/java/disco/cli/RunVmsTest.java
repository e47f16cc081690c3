package disco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code disco run} with a scenario of VMs: the example scenario's consoles against the guests' expected output
 * (guests/disco-tests/expected, written from the monitor interface, not from a run), the report,
 * the trace, the exit statuses and bad input.
 */
class RunVmsTest {
  @TempDir Path dir;

  static final Path TWO_VMS = Path.of("..", "scenarios", "two-vms.yaml");

  private static String expected(String guest, String vm) throws Exception {
    String text = Files.readString(Path.of("..", "guests", "disco-tests", "expected", guest + ".txt"), StandardCharsets.UTF_8);
    text = text.replace("{vcpus}", "1").replace("{memory}", "00800000");
    StringBuilder b = new StringBuilder();
    text.lines().forEach(l -> b.append('[').append(vm).append("] ").append(l).append('\n'));
    return b.toString();
  }

  private static String linesOf(String out, String vm) {
    StringBuilder b = new StringBuilder();
    out.lines().filter(l -> l.startsWith("[" + vm + "] ")).forEach(l -> b.append(l).append('\n'));
    return b.toString();
  }

  @Test
  void theExampleScenarioRunsBothGuestsAsTheirExpectedOutputSays() throws Exception {
    Path json = dir.resolve("report.json");
    Path trace = dir.resolve("trace.txt");
    CliTest.Result r = CliTest.run("run", TWO_VMS.toString(), "--stats-json", json.toString(),
        "--trace-monitor", trace.toString());
    assertEquals(0, r.status(), r.err());
    assertEquals(expected("hello", "hello"), linesOf(r.guestOut(), "hello"), r.guestOut());
    assertEquals(expected("user", "user"), linesOf(r.guestOut(), "user"), r.guestOut());
    assertTrue(r.err().contains("hello        exit 0"), r.err());
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertEquals(2, report.get("vms").size());
    for (JsonNode vm : report.get("vms")) {
      assertEquals(0, vm.get("exit").asInt(), vm.toString());
      JsonNode v = vm.get("vcpus").get(0);
      assertTrue(v.get("traps").get("MONITOR_CALL").asLong() > 0, vm.toString());
      assertTrue(v.get("monitorCycles").asLong() > 0, vm.toString());
    }
    long calls = 0;
    for (JsonNode vm : report.get("vms")) {
      calls += vm.get("totals").get("traps").get("MONITOR_CALL").asLong();
    }
    assertEquals(calls, report.get("totals").get("traps").get("MONITOR_CALL").asLong(), "the totals sum the VMs");
    // user forwards its one user-segment miss to the guest's refill handler: none came from the L2TLB.
    assertEquals(0.0, report.get("vms").get(1).get("totals").get("l2tlbHitRate").asDouble(), report.toString());
    assertEquals(-1.0, report.get("vms").get(0).get("totals").get("l2tlbHitRate").asDouble(), "hello has no user code");
    // The monitor's code is replicated on each of flash-4's four nodes.
    assertTrue(report.get("pages").get("monitor").asInt() >= 4 * 18, report.toString());
    List<String> events = Files.readAllLines(trace);
    assertTrue(events.stream().anyMatch(l -> l.contains("hello.0") && l.contains("EMULATED")), String.join("\n", events));
    assertTrue(events.stream().anyMatch(l -> l.contains("user.0") && l.contains("TLB_FORWARDED")), String.join("\n", events));
  }

  @Test
  void theTraceAsJsonLinesParses() throws Exception {
    Path trace = dir.resolve("trace.jsonl");
    CliTest.Result r = CliTest.run("run", TWO_VMS.toString(), "--no-stats", "--trace-monitor", trace.toString(), "--trace-json");
    assertEquals(0, r.status(), r.err());
    assertEquals("", r.err());
    ObjectMapper m = new ObjectMapper();
    List<String> lines = Files.readAllLines(trace);
    assertTrue(lines.size() > 10, lines.toString());
    long previousOnCpu0 = -1;
    for (String l : lines) {
      JsonNode e = m.readTree(l);
      assertTrue(e.get("vm").asText().equals("hello") || e.get("vm").asText().equals("user"), l);
      if (e.get("cpu").asInt() == 0) {
        assertTrue(e.get("cycle").asLong() >= previousOnCpu0, "cycles go forward on one CPU: " + l);
        previousOnCpu0 = e.get("cycle").asLong();
      }
    }
  }

  @Test
  void theSameScenarioGivesTheSameRunBitForBit() throws Exception {
    Path a = dir.resolve("a.txt");
    Path b = dir.resolve("b.txt");
    CliTest.Result ra = CliTest.run("run", TWO_VMS.toString(), "--trace-monitor", a.toString());
    CliTest.Result rb = CliTest.run("run", TWO_VMS.toString(), "--trace-monitor", b.toString());
    assertEquals(ra.guestOut(), rb.guestOut());
    assertEquals(ra.err(), rb.err());
    assertEquals(Files.readString(a), Files.readString(b));
  }

  @Test
  void aCycleLimitStopsEveryVmWithStatus124() throws Exception {
    CliTest.Result r = CliTest.run("run", TWO_VMS.toString(), "--max-cycles", "2000");
    assertEquals(124, r.status(), r.err());
    assertTrue(r.err().contains("stopped: the run reached its limit of 2000 cycles"), r.err());
  }

  @Test
  void aGuestThatPanicsEndsWithStatus1AndItsReason() throws Exception {
    Path s = dir.resolve("panic.yaml");
    Path kernel = Path.of("..", "guests", "disco-tests", "images", "hostile", "panic.elf").toAbsolutePath();
    Files.writeString(s, "machine: flash-1\nvms:\n  - name: p\n    memoryMb: 4\n    kernel: " + kernel + "\n");
    CliTest.Result r = CliTest.run("run", s.toString(), "--no-stats");
    assertEquals(1, r.status(), r.err() + r.guestOut());
  }

  @Test
  void badScenariosGetOneLineNamingTheFile() throws Exception {
    Path s = dir.resolve("bad.yaml");
    Files.writeString(s, "machine: flash-4\nvms:\n  - name: a\n    kernal: x.elf\n");
    CliTest.Result r = CliTest.run("run", s.toString());
    assertEquals(2, r.status());
    assertTrue(r.err().startsWith("disco run: " + s), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("kernal"), r.err());

    Path missing = dir.resolve("none.yaml");
    CliTest.Result m = CliTest.run("run", missing.toString());
    assertEquals(2, m.status());
    assertTrue(m.err().startsWith("disco run: " + missing), m.err());
    assertEquals(1, m.err().strip().lines().count(), m.err());

    CliTest.Result d = CliTest.run("run", TWO_VMS.toString(), "--stats-json", dir.toString());
    assertEquals(2, d.status());
    assertTrue(d.err().startsWith("disco run: " + dir + ": is a directory"), d.err());
  }
  @Test
  void traceFiltersKeepOnlyTheNamedVmAndKinds() throws Exception {
    Path trace = dir.resolve("t.txt");
    CliTest.Result r = CliTest.run("run", TWO_VMS.toString(), "--no-stats", "--trace-monitor", trace.toString(),
        "--trace-vm", "user", "--trace-kind", "EMULATED", "--trace-kind", "TLB_FORWARDED");
    assertEquals(0, r.status(), r.err());
    List<String> lines = Files.readAllLines(trace);
    assertTrue(lines.stream().anyMatch(l -> l.contains(" TLB_FORWARDED ")), String.join("\n", lines));
    assertTrue(lines.stream().anyMatch(l -> l.contains(" EMULATED ")), String.join("\n", lines));
    for (String l : lines) {
      assertTrue(l.contains(" user.0 ") && (l.contains(" EMULATED ") || l.contains(" TLB_FORWARDED ")), l);
    }
    CliTest.Result bad = CliTest.run("run", TWO_VMS.toString(), "--trace-monitor", trace.toString(), "--trace-vm", "nobody");
    assertEquals(2, bad.status());
    assertTrue(bad.err().startsWith("disco run: --trace-vm nobody: the scenario has no VM of that name (it has hello, user)"),
        bad.err());
    CliTest.Result kind = CliTest.run("run", TWO_VMS.toString(), "--trace-kind", "NOPE");
    assertEquals(2, kind.status());
  }

  /**
   * --check-invariants evaluates the catalogue after every trap (its teeth: InvariantsOnRunsTest in
   * reference-monitor, where broken views and corrupted monitor state are caught).
   */
  @Test
  void invariantsAreCheckedAfterEveryTrap() throws Exception {
    Path trace = dir.resolve("t.txt");
    CliTest.Result r = CliTest.run("run", TWO_VMS.toString(), "--no-stats", "--check-invariants",
        "--trace-monitor", trace.toString());
    assertEquals(0, r.status(), r.err());
    long traps = Files.readAllLines(trace).size();
    assertTrue(traps > 100, "traps: " + traps);
    assertEquals(String.format("invariants (ISO-1, ISO-2, TLB-1, TLB-2, MAP-1, MAP-2, MEM-1, DMA-1, CONF-1): "
        + "checked after each of %,d traps, 0 violations", traps), r.err().strip());
    assertEquals(expected("hello", "hello"), linesOf(r.guestOut(), "hello"), "checking changes nothing of the run");
  }

  @Test
  void optionsForTheOtherKindOfRunAreRefused() throws Exception {
    CliTest.Result a = CliTest.run("run", TWO_VMS.toString(), "--disk", "0=x.img");
    assertEquals(2, a.status());
    assertTrue(a.err().startsWith("disco run: a scenario of VMs gives each VM's kernel"), a.err());
    CliTest.Result b = CliTest.run("run", "--kernel", "../guests/baremetal/images/hello.elf", "--trace-monitor",
        dir.resolve("t").toString());
    assertEquals(2, b.status());
    assertTrue(b.err().startsWith("disco run: --trace-monitor, its filters and --check-invariants need a scenario of VMs"), b.err());
    CliTest.Result c = CliTest.run("run", TWO_VMS.toString(), "--kernel", "../guests/baremetal/images/hello.elf");
    assertEquals(2, c.status());
    assertTrue(c.err().startsWith("disco run: give a scenario file or --kernel, not both"), c.err());
    Path tagged = dir.resolve("tagged.yaml");
    Files.writeString(tagged, "machine: flash-4\nmonitor: {asidTagging: true}\nvms: [{kernel: "
        + Path.of("..", "guests", "disco-tests", "images", "hello.elf").toAbsolutePath() + "}]\n");
    CliTest.Result t = CliTest.run("run", tagged.toString(), "--check-invariants");
    assertEquals(2, t.status());
    assertTrue(t.err().startsWith("disco run: --check-invariants cannot check a scenario with monitor.asidTagging yet"),
        t.err());
    Path neither = dir.resolve("neither.yaml");
    Files.writeString(neither, "machine: flash-4\n");
    CliTest.Result d = CliTest.run("run", neither.toString());
    assertEquals(2, d.status());
    assertTrue(d.err().startsWith("disco run: " + neither + ": a scenario names either vms"), d.err());
    Path bare = dir.resolve("bare.yaml");
    Files.writeString(bare, "kernel: x.elf\nkernal: y\n");
    CliTest.Result e = CliTest.run("run", bare.toString());
    assertEquals(2, e.status());
    assertTrue(e.err().startsWith("disco run: " + bare + ": unknown field 'kernal'"), e.err());
  }

  /**
   * With no argument: flash-8, four VMs of two vCPUs running the Unix guest's pmake. Each VM's
   * console ends with the workload's own check (its checksum computed by worker processes equals
   * the one computed in one process) and every VM exits 0.
   */
  @Test
  @Tag("long")
  void theDefaultScenarioRunsFourUnixVmsToTheEnd() throws Exception {
    Path json = dir.resolve("report.json");
    CliTest.Result r = CliTest.run("run", "--stats-json", json.toString());
    assertEquals(0, r.status(), r.err());
    for (String vm : List.of("vm0", "vm1", "vm2", "vm3")) {
      String console = linesOf(r.guestOut(), vm);
      assertTrue(console.endsWith("[" + vm + "] pmake: ok\n"), console);
    }
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertEquals(4, report.get("vms").size());
    for (JsonNode vm : report.get("vms")) {
      assertEquals(2, vm.get("vcpus").size(), vm.toString());
      assertTrue(vm.get("vcpus").get(1).get("userCycles").asLong() > 0, "the second vCPU ran user code: " + vm);
    }
  }
}
