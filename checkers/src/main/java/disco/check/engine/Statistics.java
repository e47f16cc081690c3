package disco.check.engine;

/**
 * What a search did.
 *
 * @param states distinct states found (after symmetry reduction)
 * @param transitions transitions taken, to new states or old
 * @param depth the greatest depth reached, in steps from the initial state
 * @param checks invariant and transition checks evaluated
 * @param elapsedNanos time taken
 * @param bound the bound that cut the search short ("depth", "states"), or "" if it was complete
 */
public record Statistics(long states, long transitions, int depth, long checks, long elapsedNanos, String bound) {
  public double statesPerSecond() {
    return elapsedNanos == 0 ? 0 : states * 1e9 / elapsedNanos;
  }

  /**
   * The probability that a fingerprint collision hid a state, estimated as TLC does ("calculated
   * (optimistic)"): n(m - n) / 2^64 for n distinct states among m generated (each of the m - n
   * states found already seen could instead have been a new state with a colliding fingerprint).
   */
  public double collisionProbability() {
    double n = states;
    double m = transitions + 1;
    return n * Math.max(0, m - n) / Math.pow(2, 64);
  }

  public boolean complete() {
    return bound.isEmpty();
  }
}
