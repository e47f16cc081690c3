package disco.testing;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Seeds for every jqwik property of the build, registered for all test classes through
 * {@code META-INF/services/net.jqwik.api.lifecycle.LifecycleHook} (compiled into every module's
 * tests from {@code build/test-support}).
 *
 * <ul>
 *   <li>{@code -Ddisco.jqwik.seed=S} replays: every property without a seed of its own in its
 *       annotation runs with seed {@code S} (the seed a failure printed), so a failure in CI's log
 *       is reproduced with one command line and no edit.
 *   <li>{@code -Ddisco.jqwik.fixedSeeds=A,B,...} (set by the {@code long} profile, which CI runs):
 *       after its run with a fresh random seed, every property runs once more per listed seed. The
 *       random run keeps exploring; the fixed ones make each CI run cover at least the same
 *       ground as the last.
 * </ul>
 *
 * <p>A failure under a fixed seed is reported with that seed and the replay command.
 */
public final class SeedControl implements AroundPropertyHook {
  public static final String REPLAY = "disco.jqwik.seed";
  public static final String FIXED = "disco.jqwik.fixedSeeds";

  @Override
  public PropagationMode propagateTo() {
    return PropagationMode.ALL_DESCENDANTS;
  }

  @Override
  public boolean appliesTo(Optional<AnnotatedElement> element) {
    return true;
  }

  /** The seeds listed in {@code value} ("1, 2,3"), or none. */
  public static List<String> seeds(String value) {
    List<String> seeds = new ArrayList<>();
    if (value == null) {
      return seeds;
    }
    for (String s : value.split(",")) {
      String t = s.strip();
      if (!t.isEmpty()) {
        Long.parseLong(t); // a seed that is not a number is a configuration error, said at once
        seeds.add(t);
      }
    }
    return seeds;
  }

  @Override
  public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
    boolean ownSeed = context.attributes().seed().filter(s -> !s.isEmpty()).isPresent();
    List<String> replay = seeds(System.getProperty(REPLAY));
    if (!replay.isEmpty() && !ownSeed) {
      context.attributes().setSeed(replay.get(0));
      return property.execute();
    }
    PropertyExecutionResult result = property.execute();
    if (ownSeed || result.status() != PropertyExecutionResult.Status.SUCCESSFUL) {
      return result;
    }
    for (String seed : seeds(System.getProperty(FIXED))) {
      context.attributes().setSeed(seed);
      PropertyExecutionResult fixed = property.execute();
      if (fixed.status() != PropertyExecutionResult.Status.SUCCESSFUL) {
        Throwable cause = fixed.throwable().orElse(new AssertionError("failed"));
        AssertionError failure =
            new AssertionError(
                context.extendedLabel() + " failed with the fixed seed " + seed
                    + " (replay: -D" + REPLAY + "=" + seed + "): " + cause.getMessage(),
                cause);
        return fixed.mapToFailed(failure);
      }
    }
    return result;
  }
}
