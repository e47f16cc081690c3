package disco.check.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The explorer against models whose reachable states and verdicts are known in closed form. */
class ExplorerTest {
  private static final Options PLAIN = Options.DEFAULT.withSymmetry(false);

  @Test
  void counterHasNStatesAndNTransitions() {
    Result r = Explorer.explore(new ToyModels.Counter(10, -1), PLAIN);
    assertTrue(r.passed());
    assertEquals(10, r.statistics().states());
    assertEquals(10, r.statistics().transitions());
    assertEquals(9, r.statistics().depth());
    assertTrue(r.statistics().complete());
  }

  @Test
  void counterViolationIsFoundAtItsDepthWithTheTrace() {
    Counterexample c = Explorer.explore(new ToyModels.Counter(10, 4), PLAIN).counterexample().orElseThrow();
    assertEquals("CNT-1", c.checkId());
    assertEquals(List.of("p0", "p0", "p0", "p0"), c.labels());
    assertEquals("3 -> 4", c.steps().get(3).changes().get("v0"));
  }

  @Test
  void depthAndStateBoundsCutTheSearchAndSaySo() {
    Result r = Explorer.explore(new ToyModels.Counter(10, -1), PLAIN.withMaxDepth(3));
    assertEquals(4, r.statistics().states());
    assertEquals("depth", r.statistics().bound());
    Result s = Explorer.explore(new ToyModels.Counter(10, -1), PLAIN.withMaxStates(5));
    assertEquals(5, s.statistics().states());
    assertEquals("states", s.statistics().bound());
  }

  /** Peterson's algorithm: 20 reachable states (pc0, pc1, turn, flag0, flag1), mutual exclusion holds. */
  @Test
  void petersonKeepsMutualExclusion() {
    Result r = Explorer.explore(new ToyModels.Peterson(false), PLAIN);
    assertTrue(r.passed());
    assertEquals(20, r.statistics().states());
  }

  /** Giving the turn away before raising the flag breaks it, in six steps at the least. */
  @Test
  void swappedPetersonBreaksMutualExclusionInSixSteps() throws Exception {
    Counterexample c = Explorer.explore(new ToyModels.Peterson(true), PLAIN).counterexample().orElseThrow();
    assertEquals("MUTEX", c.checkId());
    assertEquals(6, c.steps().size());
    assertEquals(c, Replay.run(new ToyModels.Peterson(true), c.labels()).orElseThrow());
  }

  /**
   * Dining philosophers: the reachable states are the rings over {thinking, left fork, eating} with
   * no eater next to a right neighbour holding a fork, counted by the transfer matrix
   * [[1,1,1],[1,1,1],[1,0,0]]: trace(A^n) = (1+sqrt 2)^n + (1-sqrt 2)^n (the companion Pell
   * numbers 6, 14, 34, 82, 198). Up to rotation, Burnside's lemma gives the mean of trace(A^gcd(k,n)).
   */
  @ParameterizedTest
  @ValueSource(ints = {2, 3, 4, 5, 6})
  void diningPhilosophersStateCountsAreCompanionPellNumbers(int n) {
    Result plain = Explorer.explore(new ToyModels.Philosophers(n), PLAIN);
    assertTrue(plain.passed());
    assertEquals(pell(n), plain.statistics().states());
    long orbits = 0;
    for (int k = 0; k < n; k++) {
      orbits += pell(gcd(k, n));
    }
    Result reduced = Explorer.explore(new ToyModels.Philosophers(n), Options.DEFAULT);
    assertEquals(orbits / n, reduced.statistics().states());
  }

  @Test
  void bitsAreTwoToTheNOrNPlusOneUnderSymmetry() {
    assertEquals(1 << 10, Explorer.explore(new ToyModels.Bits(10, 99), PLAIN).statistics().states());
    assertEquals(11, Explorer.explore(new ToyModels.Bits(10, 99), Options.DEFAULT).statistics().states());
  }

  /** Symmetry reduction keeps verdicts and the length of the shortest counterexample. */
  @Test
  void symmetryKeepsVerdictsAndShortestDepth() {
    for (int limit = 1; limit <= 6; limit++) {
      Optional<Counterexample> a = Explorer.explore(new ToyModels.Bits(6, limit), PLAIN).counterexample();
      Optional<Counterexample> b = Explorer.explore(new ToyModels.Bits(6, limit), Options.DEFAULT).counterexample();
      assertEquals(a.isPresent(), b.isPresent());
      assertEquals(limit, a.orElseThrow().steps().size());
      assertEquals(limit, b.orElseThrow().steps().size());
    }
    assertFalse(Explorer.explore(new ToyModels.Bits(6, 7), Options.DEFAULT).counterexample().isPresent());
  }

  @Test
  void exactModeFindsTheSameStatesAsFingerprints() {
    for (Harness<int[], Integer> h : List.of(new ToyModels.Philosophers(6), new ToyModels.Bits(12, 99), new ToyModels.Peterson(false))) {
      assertEquals(
          Explorer.explore(h, PLAIN).statistics().states(),
          Explorer.explore(h, PLAIN.withExact(true)).statistics().states(),
          h.name());
    }
  }

  @Test
  void collisionProbabilityIsTinyAndGrowsWithStates() {
    Statistics s = Explorer.explore(new ToyModels.Bits(12, 99), PLAIN).statistics();
    assertTrue(s.collisionProbability() > 0 && s.collisionProbability() < 1e-9, Double.toString(s.collisionProbability()));
  }

  @Test
  void replayOfAnUnknownLabelSaysWhichStep() {
    Replay.NotEnabled e = org.junit.jupiter.api.Assertions.assertThrows(
        Replay.NotEnabled.class, () -> Replay.run(new ToyModels.Counter(3, -1), List.of("p0", "p7")));
    assertTrue(e.getMessage().startsWith("step 2: p7 is not enabled"), e.getMessage());
  }

  private static long pell(int n) {
    return Math.round(Math.pow(1 + Math.sqrt(2), n) + Math.pow(1 - Math.sqrt(2), n));
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
