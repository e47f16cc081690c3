package disco.hw.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.hw.machine.MachineConfig;
import disco.hw.machine.MachineState;
import disco.hw.numa.DirectoryEntry;
import disco.hw.numa.DirectoryState;
import disco.hw.numa.MemorySystemState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Equal states have equal fingerprints; states differing in one memory byte, one TLB entry or one
 * directory bit do not. Each difference is also shown to vanish under a fingerprint that leaves
 * the component out, so the checks depend on the component being fingerprinted.
 */
class FingerprintTest {
  private static Booted machine;
  private static MachineState base;
  private static final int ROUNDS = 6;

  @BeforeAll
  static void boot() throws Exception {
    machine = new Booted("spinlock", MachineConfig.preset("flash-8"), Map.of());
    machine.port.runRounds(ROUNDS, Scheduler.ROUND_ROBIN);
    assertTrue(!machine.machine.halted(), "still running");
    base = machine.port.snapshot();
  }

  @Test
  void equalStatesHaveEqualFingerprints() throws Exception {
    Booted other = new Booted("spinlock", MachineConfig.preset("flash-8"), Map.of());
    other.port.runRounds(ROUNDS, Scheduler.ROUND_ROBIN);
    assertEquals(Fingerprint.of(base), other.port.fingerprint(), "two identical runs");
    assertEquals(64, Fingerprint.of(base).length(), "256 bits as hex");
    other.port.runRounds(1, Scheduler.ROUND_ROBIN);
    assertNotEquals(Fingerprint.of(base), other.port.fingerprint(), "one more round");
  }

  @Test
  void oneMemoryByte() {
    machine.port.restore(base);
    int a = 0x0070_0003;
    machine.machine.memory().storeByte(a, machine.machine.memory().loadByte(a) ^ 0x10);
    MachineState changed = machine.port.snapshot();
    assertDiffersOnlyThrough(base, changed, "MachineState.memory");
  }

  @Test
  void oneTlbEntry() {
    machine.port.restore(base);
    // Straight into the TLB, so that nothing else changes (the port's write also empties the
    // fetch cache, which is state too).
    TlbEntry e = machine.port.cpu(5).tlbRead(9);
    machine.machine.cpus().get(5).tlb().write(9, e.entryHi(), e.pageMask(), e.entryLo0() ^ 0x40, e.entryLo1());
    MachineState changed = machine.port.snapshot();
    assertDiffersOnlyThrough(base, changed, "CpuState.tlb");
  }

  @Test
  void oneDirectoryBit() {
    MemorySystemState ms = base.memorySystem();
    List<DirectoryEntry> dir = new ArrayList<>(ms.directory());
    int i = 0;
    while (dir.get(i).state() != DirectoryState.SHARED) {
      i++;
    }
    DirectoryEntry e = dir.get(i);
    List<Integer> sharers = new ArrayList<>(e.sharers());
    int extra = 0;
    while (sharers.contains(extra)) {
      extra++;
    }
    sharers.add(extra);
    sharers.sort(null);
    dir.set(i, new DirectoryEntry(e.line(), e.state(), e.owner(), sharers));
    MemorySystemState ms2 = new MemorySystemState(ms.caches(), dir, ms.counters(), ms.statistics(), ms.uncountedMisses());
    MachineState changed = new MachineState(base.cpus(), base.memory(), ms2, base.started(), base.entry(),
        base.halted(), base.exitStatus(), base.stopReason(), base.clock(), base.eventSequence(), base.events(),
        base.hotPagePending(), base.devices());
    assertDiffersOnlyThrough(base, changed, "MemorySystemState.directory");
  }

  /**
   * The two states have different fingerprints, and equal ones when {@code component} is left out:
   * the difference lies there, and a fingerprint that forgot it would not see it.
   */
  private static void assertDiffersOnlyThrough(MachineState a, MachineState b, String component) {
    assertNotEquals(Fingerprint.of(a), Fingerprint.of(b));
    assertEquals(Fingerprint.of(a, Set.of(component)), Fingerprint.of(b, Set.of(component)),
        "an incomplete fingerprint, without " + component + ", misses the difference");
  }
}
