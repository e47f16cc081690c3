package disco.hw.numa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The checker has teeth: each deliberately broken protocol (see {@link ProtocolFault}) is caught,
 * both in a scenario built to show the bug and by the random runs the property uses, while the
 * correct protocol passes the same runs.
 */
class CoherenceInvariantsTest {
  static final long A = MemorySystemTest.A;
  static final long LINE = MemorySystemTest.LINE;

  private static MemorySystem broken(ProtocolFault fault) {
    return new MemorySystem(
        MemoryConfig.flash(MemorySystemTest.TOPOLOGY).withCache(MemorySystemTest.SMALL), EnumSet.of(fault));
  }

  @Test
  void skippedInvalidationLeavesStaleSharersNextToTheWriter() {
    MemorySystem m = broken(ProtocolFault.SKIP_SHARER_INVALIDATION);
    m.access(0, A, false);
    m.access(2, A, false);
    assertEquals(List.of(), CoherenceInvariants.check(m));
    m.access(3, A, true);
    assertEquals(
        List.of("line 0x0 (home node 0): cpu 3 holds it MODIFIED while cpus [0, 2] hold it Shared"),
        CoherenceInvariants.check(m));
  }

  @Test
  void skippedInvalidationOnAnUpgradeIsCaughtToo() {
    MemorySystem m = broken(ProtocolFault.SKIP_SHARER_INVALIDATION);
    m.access(0, A, false);
    m.access(1, A, false);
    m.access(1, A, true);
    assertEquals(
        List.of("line 0x0 (home node 0): cpu 1 holds it MODIFIED while cpus [0] hold it Shared"),
        CoherenceInvariants.check(m));
  }

  @Test
  void silentCleanEvictionLeavesAStaleSharer() {
    MemorySystem m = broken(ProtocolFault.SKIP_CLEAN_EVICTION_NOTICE);
    m.access(0, A, false);
    m.access(0, A + 4 * LINE, false);
    m.access(0, A + 8 * LINE, false); // evicts line 0
    assertEquals(
        List.of("line 0x0 (home node 0): no cache holds it but the directory says Shared by cpus [0]"),
        CoherenceInvariants.check(m));
  }

  @Test
  void anOwnerThatKeepsWritePermissionBesideAReaderIsCaught() {
    MemorySystem m = broken(ProtocolFault.SKIP_OWNER_DOWNGRADE);
    m.access(0, A, true);
    m.access(2, A, false);
    assertEquals(
        List.of(
            "line 0x0 (home node 0): cpu 0 holds it MODIFIED while cpus [2] hold it Shared",
            "line 0x0 (home node 0): cpu 0 owns it but the directory says Shared by cpus [0, 2]"),
        CoherenceInvariants.check(m));
  }

  @Test
  void uncountedMissesAreCaught() {
    MemorySystem m = broken(ProtocolFault.SKIP_MISS_COUNT);
    m.access(0, A, false);
    m.access(0, A, false);
    assertEquals(
        List.of("the per-page miss counters add up to 0, but 1 misses happened since they were reset"),
        CoherenceInvariants.check(m));
  }

  /** The property's random runs find every fault, within a budget, from fixed seeds. */
  @ParameterizedTest
  @EnumSource(ProtocolFault.class)
  void randomRunsFindEveryFault(ProtocolFault fault) {
    for (CoherenceProtocol protocol : CoherenceProtocol.values()) {
      for (long seed = 1; seed <= 5; seed++) {
        MemoryConfig config = CoherenceDriver.smallConfig(3, 2, 64, 4, 2, 3, protocol);
        int step = firstViolation(new MemorySystem(config, EnumSet.of(fault)), seed, 2_000);
        assertTrue(step >= 0, fault + " under " + protocol + " went unnoticed for seed " + seed);
      }
    }
  }

  /** The same runs on the correct protocol find nothing: the faults are what the checker sees. */
  @Test
  void theSameRunsPassWithoutFaults() {
    for (CoherenceProtocol protocol : CoherenceProtocol.values()) {
      for (long seed = 1; seed <= 5; seed++) {
        MemoryConfig config = CoherenceDriver.smallConfig(3, 2, 64, 4, 2, 3, protocol);
        assertEquals(-1, firstViolation(new MemorySystem(config), seed, 2_000));
      }
    }
  }

  /**
   * Runs random steps; returns the first step after which {@link CoherenceInvariants} (alone, not
   * the driver's extra checks) reports a violation, or -1.
   */
  private static int firstViolation(MemorySystem m, long seed, int steps) {
    CoherenceDriver driver = new CoherenceDriver(m);
    Random random = new Random(seed);
    for (int i = 0; i < steps; i++) {
      driver.apply(CoherenceDriver.randomOp(random));
      if (!CoherenceInvariants.check(m).isEmpty()) {
        return i;
      }
    }
    return -1;
  }
}
