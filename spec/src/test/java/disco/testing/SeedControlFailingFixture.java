package disco.testing;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** For {@link SeedControlTest}: a property that fails on its second execution, the first fixed seed's. */
public class SeedControlFailingFixture {
  static int calls;

  @Property(tries = 3)
  void failsOnItsSecondExecution(@ForAll int x) {
    if (calls++ / 3 == 1) {
      throw new AssertionError("broken under the fixed seed");
    }
  }
}
