package disco.check;

/**
 * A 64-bit fingerprint of a state, built by feeding its fields in a fixed order. The explicit-state
 * search stores fingerprints instead of whole states; a collision could hide a state, so the mix is
 * a full-avalanche one (each input bit flips about half of the output bits).
 */
public final class Fingerprint {
  private long h = 0x9E3779B97F4A7C15L;

  /** Mixes one field into the fingerprint; order matters. */
  public Fingerprint add(long value) {
    h = mix(h ^ mix(value + 0x632BE59BD9B4E019L));
    return this;
  }

  /** The fingerprint of a whole encoding, its length included. */
  public static long of(long[] encoding) {
    Fingerprint f = new Fingerprint().add(encoding.length);
    for (long x : encoding) {
      f.add(x);
    }
    return f.value();
  }

  public long value() {
    return h;
  }

  /** A bijective 64-bit finalizer (the one used by SplitMix64). */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
