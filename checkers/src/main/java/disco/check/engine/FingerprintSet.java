package disco.check.engine;

/**
 * A set of 64-bit fingerprints: open addressing with linear probing in one {@code long[]}, 0
 * standing for an empty slot (the fingerprint 0 itself is kept in a flag). Slots are 8 bytes and at
 * most half full, so a state costs 16 to 32 bytes.
 */
final class FingerprintSet {
  private long[] slots = new long[1 << 16];
  private int size;
  private boolean hasZero;

  /** Adds {@code fp}; returns whether it was absent. */
  boolean add(long fp) {
    if (fp == 0) {
      boolean added = !hasZero;
      hasZero = true;
      return added;
    }
    if (2 * (size + 1) > slots.length) {
      grow();
    }
    if (!insert(slots, fp)) {
      return false;
    }
    size++;
    return true;
  }

  private static boolean insert(long[] table, long fp) {
    int mask = table.length - 1;
    int i = (int) (fp ^ (fp >>> 32)) & mask;
    while (table[i] != 0) {
      if (table[i] == fp) {
        return false;
      }
      i = (i + 1) & mask;
    }
    table[i] = fp;
    return true;
  }

  private void grow() {
    long[] bigger = new long[slots.length * 2];
    for (long fp : slots) {
      if (fp != 0) {
        insert(bigger, fp);
      }
    }
    slots = bigger;
  }
}
