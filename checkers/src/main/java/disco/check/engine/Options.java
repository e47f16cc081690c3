package disco.check.engine;

/**
 * How to search.
 *
 * @param exact store whole canonical states instead of 64-bit fingerprints
 * @param symmetry reduce by the harness's symmetries
 * @param maxDepth explore no state deeper than this many steps from the initial state
 * @param maxStates stop after this many distinct states
 * @param progressEvery report progress after every this many new states
 */
public record Options(boolean exact, boolean symmetry, int maxDepth, long maxStates, long progressEvery) {
  public static final Options DEFAULT = new Options(false, true, Integer.MAX_VALUE, 50_000_000L, 1L << 16);

  public Options withExact(boolean e) {
    return new Options(e, symmetry, maxDepth, maxStates, progressEvery);
  }

  public Options withSymmetry(boolean s) {
    return new Options(exact, s, maxDepth, maxStates, progressEvery);
  }

  public Options withMaxDepth(int d) {
    return new Options(exact, symmetry, d, maxStates, progressEvery);
  }

  public Options withMaxStates(long n) {
    return new Options(exact, symmetry, maxDepth, n, progressEvery);
  }
}
