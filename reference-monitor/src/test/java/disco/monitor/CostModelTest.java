package disco.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class CostModelTest {
  @Test
  void negativeCostIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new CostModel(-1, 0, 0, 0, 0));
  }

  @Property
  void emulationCostIsEntryPlusPerInstruction(
      @ForAll @LongRange(max = 1_000_000) long entry,
      @ForAll @LongRange(max = 1_000_000) long perInsn,
      @ForAll @IntRange(max = 1000) int n) {
    CostModel m = new CostModel(entry, perInsn, 0, 0, 0);
    assertEquals(entry + n * perInsn, m.emulationTrap(n));
    assertEquals(m.emulationTrap(n) + perInsn, m.emulationTrap(n + 1));
  }
}
