package disco.hw.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.hw.cpu.CycleBreakdown;
import disco.hw.guests.GuestImages;
import disco.hw.machine.MachineConfig;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stepping through the port, and every cycle attributed to exactly one mode. */
class StepAndTimeTest {
  private static final MachineConfig FLASH8 = MachineConfig.preset("flash-8");

  /** Rounds in the machine's own order are exactly Machine.run. */
  @Test
  void roundRobinRoundsAreTheMachinesOwnRun() throws Exception {
    Booted rounds = new Booted("spinlock", FLASH8, Map.of()).finish();
    Booted run = new Booted("spinlock", FLASH8, Map.of());
    run.machine.run(0, null);
    assertArrayEquals(run.traceHash, rounds.traceHash);
    assertEquals(run.machine.stats(), rounds.machine.stats());
    assertEquals(run.port.fingerprint(), rounds.port.fingerprint());
  }

  /** Another order is another interleaving, still a correct run of the spinlock program. */
  @Test
  void aPluggedOrderGivesAnotherCorrectInterleaving() throws Exception {
    Booted reversed = new Booted("spinlock", FLASH8, Map.of());
    reversed.port.runRounds(Long.MAX_VALUE, (round, cpus) -> {
      int[] o = new int[cpus];
      for (int i = 0; i < cpus; i++) {
        o[i] = (int) ((cpus - 1 - i + round) % cpus);
      }
      return o;
    });
    Booted plain = new Booted("spinlock", FLASH8, Map.of()).finish();
    assertEquals(Files.readString(GuestImages.expected("spinlock")), reversed.consoleText());
    assertTrue(!java.util.Arrays.equals(plain.traceHash, reversed.traceHash), "a different interleaving");
  }

  /** The sum rule: user + supervisor + kernel + monitor + idle + stall = cycles, on every CPU. */
  @Test
  void everyCycleIsAttributedOnce() throws Exception {
    for (String program : new String[] {"spinlock", "timer"}) {
      Booted b = new Booted(program, FLASH8, Map.of()).finish();
      for (int i = 0; i < b.port.cpuCount(); i++) {
        CycleBreakdown t = b.port.cycleBreakdown(i);
        assertEquals(b.port.cpu(i).cycles(), t.total(), program + " cpu " + i + ": " + t);
      }
      CycleBreakdown all = b.port.totalCycleBreakdown();
      assertTrue(all.kernel() > 0 && all.stall() > 0, program + ": " + all);
      assertEquals(b.machine.stats().totalInstructions(), all.user() + all.supervisor() + all.kernel());
      if (program.equals("timer")) {
        assertTrue(all.idle() > all.kernel(), "the timer guest sleeps in WAIT: " + all);
      }
    }
  }

  /** A machine with the cache model off stalls on every access: memory stall dominates. */
  @Test
  void stallFollowsTheMemorySystem() throws Exception {
    Booted on = new Booted("spinlock", FLASH8, Map.of()).finish();
    Booted off = new Booted("spinlock", FLASH8.withCacheEnabled(false), Map.of()).finish();
    assertTrue(off.port.totalCycleBreakdown().stall() > 3 * on.port.totalCycleBreakdown().stall());
  }
}
