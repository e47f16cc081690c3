package disco.check.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Helpers for symmetry reduction: all permutations of a few indices, and the least encoding. */
public final class Permutations {
  private Permutations() {}

  /** Every permutation of {@code 0..n-1}, the identity first; n! of them, so keep n small. */
  public static List<int[]> of(int n) {
    List<int[]> out = new ArrayList<>();
    permute(identity(n), 0, out);
    return out;
  }

  public static int[] identity(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    return p;
  }

  private static void permute(int[] a, int k, List<int[]> out) {
    if (k == a.length) {
      out.add(a.clone());
      return;
    }
    for (int i = k; i < a.length; i++) {
      swap(a, k, i);
      permute(a, k + 1, out);
      swap(a, k, i);
    }
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }

  /** The lexicographically least of {@code candidates}. */
  public static long[] least(List<long[]> candidates) {
    long[] best = candidates.get(0);
    for (long[] c : candidates) {
      if (Arrays.compare(c, best) < 0) {
        best = c;
      }
    }
    return best;
  }
}
