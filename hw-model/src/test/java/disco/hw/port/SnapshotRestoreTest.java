package disco.hw.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.hw.guests.GuestImages;
import disco.hw.machine.DeviceEvent;
import disco.hw.machine.MachineConfig;
import disco.hw.machine.MachineState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A machine snapshot mid-run and restored into a fresh machine runs on exactly as the original:
 * the same instruction traces on every CPU, the same statistics, cycles by mode, console output,
 * disk completions and final state.
 */
class SnapshotRestoreTest {
  @TempDir Path dir;

  private static final MachineConfig FLASH8 = MachineConfig.preset("flash-8");

  /** Eight CPUs contending for a spinlock with the caches on, and a monitor's DMA in flight. */
  @Test
  void eightCpusWithCachesAndADmaInFlightRunOnIdentically() throws Exception {
    Path diskA = GuestImages.writeDisk(dir.resolve("a.img"));
    Path diskB = Files.copy(diskA, dir.resolve("b.img"));
    Booted a = new Booted("spinlock", FLASH8, Map.of(0, diskA));
    // Run until every CPU is up and contending.
    for (int r = 0; r < 1000 && !allStarted(a); r++) {
      a.port.runRounds(1, Scheduler.ROUND_ROBIN);
    }
    assertTrue(allStarted(a), "all 8 CPUs started");
    a.port.runRounds(3, Scheduler.ROUND_ROBIN);
    // A monitor's DMA of 8 sectors into node 3's memory; it completes about 10,800 cycles on.
    int target = 3 * (32 << 20) + 0x4000;
    assertTrue(a.port.diskRead(0, 0, 8, target, 42));
    assertEquals(1, a.port.pendingEvents().size());
    assertTrue(a.port.memorySystem().directory(0).size() > 0, "caches hold lines");

    MachineState snap = a.port.snapshot();
    Booted b = new Booted("spinlock", FLASH8, Map.of(0, diskB));
    b.port.restore(snap);
    assertEquals(a.port.fingerprint(), b.port.fingerprint());
    assertEquals(Fingerprint.of(snap), b.port.fingerprint(), "restore then snapshot gives the state back");
    a.resetTrace();
    b.resetTrace();

    a.finish();
    b.finish();
    assertTrue(a.machine.halted(), () -> String.valueOf(a.machine.stopReason()));
    assertTrue(a.traced[7] > 1000, "CPU 7 ran on after the snapshot: " + a.traced[7]);
    assertArrayEquals(a.traced, b.traced);
    assertArrayEquals(a.traceHash, b.traceHash);
    assertEquals(a.machine.stats(), b.machine.stats());
    assertEquals(a.port.totalCycleBreakdown(), b.port.totalCycleBreakdown());
    assertEquals(a.consoleText(), b.consoleText());
    assertEquals(1, a.completions.size(), "the DMA completed after the snapshot");
    assertEquals(a.completions, b.completions);
    assertEquals(a.port.fingerprint(), b.port.fingerprint());
    byte[] pattern = GuestImages.diskPattern(8);
    for (int k = 0; k < pattern.length; k++) {
      assertEquals(pattern[k], (byte) b.machine.memory().loadByte(target + k), "byte " + k);
    }
  }

  /** The disk guest's own DMA, started through the registers, in flight at the snapshot. */
  @Test
  void aRegisterDrivenTransferInFlightCompletesInTheRestoredMachine() throws Exception {
    Path diskA = GuestImages.writeDisk(dir.resolve("a.img"));
    Path diskB = Files.copy(diskA, dir.resolve("b.img"));
    Booted a = new Booted("disk", FLASH8, Map.of(0, diskA));
    for (int r = 0; r < 10_000 && a.port.pendingEvents().isEmpty(); r++) {
      a.port.step(0, 100);
    }
    assertFalse(a.port.pendingEvents().isEmpty(), "a transfer is in flight");
    assertTrue(a.port.pendingEvents().get(0).event() instanceof DeviceEvent.DiskTransfer t && t.tag() == -1);
    Booted b = new Booted("disk", FLASH8, Map.of(0, diskB));
    b.port.restore(a.port.snapshot());
    String before = a.consoleText();
    a.resetTrace();
    b.resetTrace();
    a.finish();
    b.finish();
    assertEquals(0, a.machine.exitStatus());
    assertEquals(0, b.machine.exitStatus());
    assertEquals(Files.readString(GuestImages.expected("disk")), before + b.consoleText());
    assertArrayEquals(a.traceHash, b.traceHash);
    assertEquals(a.machine.stats(), b.machine.stats());
    assertArrayEquals(Files.readAllBytes(diskA), Files.readAllBytes(diskB));
  }

  /**
   * Snapshots taken at odd points (in the middle of a quantum, after whole rounds) of guests that
   * sleep in WAIT with the timer (timer), start CPUs by IPI (smp) and walk remote memory with the
   * miss counters at a threshold (remote) restore exactly.
   */
  @ParameterizedTest(name = "{0}: {1} rounds, then {2} steps of CPU 0")
  @CsvSource({"timer, 0, 777", "timer, 0, 2000", "smp, 0, 1234", "smp, 0, 9000", "remote, 4, 999"})
  void aSnapshotAnywhereRestoresExactly(String program, int rounds, int steps) throws Exception {
    MachineConfig config = FLASH8.withMissThreshold(program.equals("remote") ? 16 : 0);
    Booted a = new Booted(program, config, Map.of());
    a.port.runRounds(rounds, Scheduler.ROUND_ROBIN);
    a.port.step(0, steps);
    Booted b = new Booted(program, config, Map.of());
    b.port.restore(a.port.snapshot());
    a.resetTrace();
    b.resetTrace();
    a.finish();
    b.finish();
    assertTrue(a.traced[0] > 0, "ran on");
    assertArrayEquals(a.traceHash, b.traceHash);
    assertEquals(a.machine.stats(), b.machine.stats());
    assertEquals(a.consoleText(), b.consoleText());
    assertEquals(a.machine.exitStatus(), b.machine.exitStatus());
    assertEquals(a.port.fingerprint(), b.port.fingerprint());
  }

  /**
   * The comparison has teeth: a restore that loses one CPU's fetch cache (a cache of the
   * interpreter's, but one that decides which fetches the memory system sees) is caught.
   */
  @Test
  void aRestoreThatLosesTheFetchCacheIsCaught() throws Exception {
    Booted a = new Booted("spinlock", FLASH8, Map.of());
    a.port.runRounds(6, Scheduler.ROUND_ROBIN);
    Booted b = new Booted("spinlock", FLASH8, Map.of());
    b.port.restore(a.port.snapshot());
    b.machine.cpus().get(3).flushTranslations();
    assertFalse(a.port.fingerprint().equals(b.port.fingerprint()), "the fetch cache is state");
    a.finish();
    b.finish();
    assertFalse(a.port.fingerprint().equals(b.port.fingerprint()), "the runs end apart");
  }

  private static boolean allStarted(Booted b) {
    for (int i = 0; i < b.port.cpuCount(); i++) {
      if (!b.machine.started(i)) {
        return false;
      }
    }
    return true;
  }
}
