package disco.testing;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * The random decisions a test generator makes, as a source it draws from one at a time. Drawn from
 * a jqwik-generated list of integers ({@link #of}), a failing case shrinks on that list: jqwik
 * drops and zeroes choices, and a choice of zero is always a generator's first, plainest option,
 * so the state a property failed on shrinks towards a simple one, where a single {@code long}
 * seed fed to a random generator would not shrink at all. Past the end of the list every choice
 * is zero. {@link #seeded} draws from a {@link SplittableRandom} instead, for fixed cases written
 * down before.
 */
public abstract class Choices {
  /** A non-negative integer below {@code bound}. */
  public abstract int nextInt(int bound);

  /** Any integer. */
  public abstract int nextInt();

  public boolean nextBoolean() {
    return nextInt(2) == 1;
  }

  /**
   * Lists of {@code size} choices as jqwik generates and shrinks them. Of a fixed size, because
   * jqwik's default list sizes are mostly short, and a short list would leave most of a state at
   * its plainest; shrinking turns choices into zeros instead, which is the same thing.
   */
  public static Arbitrary<List<Integer>> lists(int size) {
    return Arbitraries.integers().list().ofSize(size);
  }

  public static Choices of(List<Integer> choices) {
    return new Choices() {
      private int next;

      private int draw() {
        return next < choices.size() ? choices.get(next++) : 0;
      }

      @Override
      public int nextInt(int bound) {
        return Math.floorMod(draw(), bound);
      }

      @Override
      public int nextInt() {
        return draw();
      }

      @Override
      public String toString() {
        return next + " choices drawn (the sample shows them)";
      }
    };
  }

  public static Choices seeded(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    return new Choices() {
      @Override
      public int nextInt(int bound) {
        return rnd.nextInt(bound);
      }

      @Override
      public int nextInt() {
        return rnd.nextInt();
      }

      @Override
      public boolean nextBoolean() {
        return rnd.nextBoolean();
      }

      @Override
      public String toString() {
        return "seed " + seed;
      }
    };
  }
}
