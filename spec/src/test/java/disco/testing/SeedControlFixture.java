package disco.testing;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Properties that {@link SeedControlTest} runs through the JUnit Platform launcher (the name keeps
 * Surefire from running them on their own): this one records what it was given.
 */
public class SeedControlFixture {
  static final List<List<Integer>> runs = new ArrayList<>();

  static void reset() {
    runs.clear();
    SeedControlFailingFixture.calls = 0;
  }

  @Property(tries = 5)
  void records(@ForAll int x) {
    if (runs.isEmpty() || runs.get(runs.size() - 1).size() == 5) {
      runs.add(new ArrayList<>());
    }
    runs.get(runs.size() - 1).add(x);
  }
}
