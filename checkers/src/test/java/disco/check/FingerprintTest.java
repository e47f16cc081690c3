package disco.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class FingerprintTest {
  @Test
  void smallStatesDoNotCollide() {
    Set<Long> seen = new HashSet<>();
    for (int a = 0; a < 64; a++) {
      for (int b = 0; b < 64; b++) {
        for (int c = 0; c < 16; c++) {
          seen.add(new Fingerprint().add(a).add(b).add(c).value());
        }
      }
    }
    assertEquals(64 * 64 * 16, seen.size());
  }

  @Property
  void equalFieldsGiveEqualFingerprintsAndOrderMatters(@ForAll long a, @ForAll long b) {
    assertEquals(new Fingerprint().add(a).add(b).value(), new Fingerprint().add(a).add(b).value());
    if (a != b) {
      assertNotEquals(new Fingerprint().add(a).add(b).value(), new Fingerprint().add(b).add(a).value());
    }
  }
}
