package disco.check.engine;

import disco.spec.invariant.Invariant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Models whose answers are known in closed form, to test the explorer on. States are int arrays. */
final class ToyModels {
  private ToyModels() {}

  /** A harness over int-array states whose operations are "process i moves". */
  abstract static class ArrayModel implements Harness<int[], Integer> {
    @Override
    public String label(Integer op) {
      return "p" + op;
    }

    @Override
    public long[] encode(int[] s) {
      return Arrays.stream(s).asLongStream().toArray();
    }

    @Override
    public SortedMap<String, String> describe(int[] s) {
      SortedMap<String, String> m = new TreeMap<>();
      for (int i = 0; i < s.length; i++) {
        m.put("v" + i, Integer.toString(s[i]));
      }
      return m;
    }

    @Override
    public List<Invariant<int[]>> invariants() {
      return List.of();
    }

    static int[] with(int[] s, int i, int v) {
      int[] t = s.clone();
      t[i] = v;
      return t;
    }
  }

  /** A counter modulo {@code n}: n states, n transitions, depth n - 1. */
  static final class Counter extends ArrayModel {
    private final int n;
    private final int forbidden;

    Counter(int n, int forbidden) {
      this.n = n;
      this.forbidden = forbidden;
    }

    @Override
    public String name() {
      return "counter";
    }

    @Override
    public int[] initial() {
      return new int[] {0};
    }

    @Override
    public List<Integer> enabled(int[] s) {
      return List.of(0);
    }

    @Override
    public int[] step(int[] s, Integer op) {
      return new int[] {(s[0] + 1) % n};
    }

    @Override
    public List<Invariant<int[]>> invariants() {
      return List.of(new Invariant<>("CNT-1", "The counter never reaches the forbidden value.",
          s -> s[0] == forbidden ? List.of("counter = " + s[0]) : List.of()));
    }
  }

  /**
   * Peterson's mutual exclusion for two processes: state (pc0, pc1, turn, flag0, flag1); pc 0 sets
   * its flag, 1 gives the turn away, 2 waits, 3 is the critical section, leaving clears the flag.
   * With {@code swapped}, a process gives the turn away before raising its flag: the classic bug.
   */
  static final class Peterson extends ArrayModel {
    private final boolean swapped;

    Peterson(boolean swapped) {
      this.swapped = swapped;
    }

    @Override
    public String name() {
      return swapped ? "peterson-swapped" : "peterson";
    }

    @Override
    public int[] initial() {
      return new int[5];
    }

    @Override
    public List<Integer> enabled(int[] s) {
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        int j = 1 - i;
        if (s[i] != 2 || s[3 + j] == 0 || s[2] == i) {
          out.add(i);
        }
      }
      return out;
    }

    @Override
    public int[] step(int[] s, Integer i) {
      int j = 1 - i;
      int[] t = s.clone();
      switch (s[i]) {
        case 0, 1 -> {
          boolean raiseFlag = (s[i] == 0) != swapped;
          if (raiseFlag) {
            t[3 + i] = 1;
          } else {
            t[2] = j;
          }
          t[i] = s[i] + 1;
        }
        case 2 -> t[i] = 3;
        default -> {
          t[3 + i] = 0;
          t[i] = 0;
        }
      }
      return t;
    }

    @Override
    public List<Invariant<int[]>> invariants() {
      return List.of(new Invariant<>("MUTEX", "At most one process is in its critical section.",
          s -> s[0] == 3 && s[1] == 3 ? List.of("both processes are critical") : List.of()));
    }
  }

  /**
   * Dining philosophers on a ring of {@code n}: each thinks (0), takes its left fork (1), then its
   * right fork and eats (2), then puts both down. Fork i is philosopher i's left and philosopher
   * i-1's right. Symmetric under rotation.
   */
  static final class Philosophers extends ArrayModel {
    private final int n;

    Philosophers(int n) {
      this.n = n;
    }

    @Override
    public String name() {
      return "philosophers-" + n;
    }

    @Override
    public int[] initial() {
      return new int[n];
    }

    private boolean held(int[] s, int fork) {
      int left = (fork - 1 + n) % n;
      return s[fork] >= 1 || s[left] == 2;
    }

    @Override
    public List<Integer> enabled(int[] s) {
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if ((s[i] == 0 && !held(s, i)) || (s[i] == 1 && !held(s, (i + 1) % n)) || s[i] == 2) {
          out.add(i);
        }
      }
      return out;
    }

    @Override
    public int[] step(int[] s, Integer i) {
      return with(s, i, (s[i] + 1) % 3);
    }

    @Override
    public List<Invariant<int[]>> invariants() {
      return List.of(new Invariant<>("FORK-1", "No fork is held by both its philosophers.", s -> {
        for (int i = 0; i < n; i++) {
          if (s[i] == 2 && s[(i + 1) % n] >= 1) {
            return List.of("fork " + ((i + 1) % n) + " is held twice");
          }
        }
        return List.of();
      }));
    }

    @Override
    public boolean symmetric() {
      return true;
    }

    @Override
    public long[] canonical(int[] s) {
      List<long[]> rotations = new ArrayList<>();
      for (int r = 0; r < n; r++) {
        long[] e = new long[n];
        for (int i = 0; i < n; i++) {
          e[i] = s[(i + r) % n];
        }
        rotations.add(e);
      }
      return Permutations.least(rotations);
    }
  }

  /** {@code n} independent bits, each flipped by its own process: 2^n states; n + 1 up to permutation. */
  static final class Bits extends ArrayModel {
    private final int n;
    private final int limit;

    Bits(int n, int limit) {
      this.n = n;
      this.limit = limit;
    }

    @Override
    public String name() {
      return "bits-" + n;
    }

    @Override
    public int[] initial() {
      return new int[n];
    }

    @Override
    public List<Integer> enabled(int[] s) {
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(i);
      }
      return out;
    }

    @Override
    public int[] step(int[] s, Integer i) {
      return with(s, i, 1 - s[i]);
    }

    @Override
    public List<Invariant<int[]>> invariants() {
      return List.of(new Invariant<>("BITS-1", "Fewer than the limit of bits are set.",
          s -> Arrays.stream(s).sum() >= limit ? List.of(Arrays.stream(s).sum() + " bits set") : List.of()));
    }

    @Override
    public boolean symmetric() {
      return true;
    }

    @Override
    public long[] canonical(int[] s) {
      long[] e = encode(s);
      Arrays.sort(e);
      return e;
    }
  }
}
