package disco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  @TempDir Path dir;

  @Test
  void aCorrectProtocolPassesWithASummary() {
    CliTest.Result r = CliTest.run("check", "coherence-2");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("(complete)"), r.out());
    assertTrue(r.out().contains("collision probability"), r.out());
    assertTrue(r.out().strip().endsWith("no violation"), r.out());
  }

  @Test
  void aSeededFaultGivesTheCounterexampleAFileAndStatus1ThatReplays() throws IOException {
    Path file = dir.resolve("cex.json");
    CliTest.Result r = CliTest.run("check", "coherence-2", "--fault", "forget-sharer", "--out", file.toString());
    assertEquals(1, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("VIOLATION COH-1"), r.out());
    assertTrue(r.out().contains("1. read(cpu0, line0)"), r.out());
    assertTrue(Files.readString(file).contains("\"fault\" : \"FORGET_SHARER\""), Files.readString(file));
    CliTest.Result again = CliTest.run("check", "--replay", file.toString());
    assertEquals(1, again.status(), again.err());
    assertTrue(again.out().contains("VIOLATION COH-1"), again.out());
  }

  @Test
  void theMonitorsFaultsAreCaughtToo() {
    CliTest.Result r = CliTest.run("check", "monitor", "--fault", "UNZEROED_FREE", "--max-depth", "4",
        "--out", dir.resolve("x.json").toString());
    assertEquals(1, r.status(), r.out());
    assertTrue(r.out().contains("shortest counterexample, 3 steps"), r.out());
  }

  @Test
  void listFaultsNamesEverySeededFault() {
    CliTest.Result r = CliTest.run("check", "--list-faults");
    assertEquals(0, r.status());
    for (String f : new String[] {"FORGOTTEN_SHOOTDOWN", "L2TLB_NOT_FLUSHED", "COW_LEFT_WRITABLE", "ASID_IGNORED_ON_SWITCH",
        "DMA_UNCHECKED", "REFCOUNT_OFF_BY_ONE", "PRIVILEGED_PAGE_WRITABLE", "UNZEROED_FREE", "FORGET_SHARER"}) {
      assertTrue(r.out().contains(f), f);
    }
  }

  @Test
  void badInputGetsOneLineAndStatus2() throws IOException {
    CliTest.Result r = CliTest.run("check", "nosuch");
    assertEquals(2, r.status());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"configuration\": \"coherence-2\", \"fault\": \"\", \"steps\": [{\"op\": \"fly()\"}]}");
    CliTest.Result b = CliTest.run("check", "--replay", bad.toString());
    assertEquals(2, b.status());
    assertTrue(b.err().contains("step 1: fly() is not enabled"), b.err());
    Files.writeString(bad, "[1, 2");
    assertEquals(2, CliTest.run("check", "--replay", bad.toString()).status());
    assertEquals(2, CliTest.run("check", "coherence-2", "--fault", "NOPE").status());
  }
}
