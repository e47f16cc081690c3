package disco.hw.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every committed qemu-mips vector, replayed through {@link Fpu}: result bits and FCSR exact. */
class FpuVectorsTest {

  private static void replay(String file, int atLeast) {
    List<FpuVectors.Vector> vs = FpuVectors.load(file);
    assertTrue(vs.size() >= atLeast, file + " has only " + vs.size() + " vectors");
    List<String> bad = FpuVectors.failures(vs);
    assertTrue(
        bad.isEmpty(),
        () ->
            bad.size() + " of " + vs.size() + " vectors of " + file + " disagree with qemu-mips:\n"
                + String.join("\n", bad.subList(0, Math.min(40, bad.size()))));
  }

  @Test
  void fr0VectorsMatchQemu() {
    replay(FpuVectors.FR0, 3000);
  }

  @Test
  void fr1VectorsMatchQemu() {
    replay(FpuVectors.FR1, 6000);
  }
}
