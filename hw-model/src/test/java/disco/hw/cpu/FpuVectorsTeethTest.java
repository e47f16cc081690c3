package disco.hw.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The replay checker of {@link FpuVectorsTest} catches wrong results, not just crashes. */
class FpuVectorsTeethTest {
  private static final List<FpuVectors.Vector> FR1 = FpuVectors.load(FpuVectors.FR1);

  private static FpuVectors.Vector firstWithResult(int funct) {
    for (FpuVectors.Vector v : FR1) {
      if ((v.insn() >>> 26) == 0x11 && (v.insn() & 63) == funct && v.status().equals("OK")
          && !v.out().isEmpty()) {
        return v;
      }
    }
    throw new AssertionError("no vector for funct " + funct);
  }

  @Test
  void aWrongResultBitIsReported() {
    FpuVectors.Vector v = firstWithResult(3); // a DIV
    assertNull(FpuVectors.check(v));
    Map<Integer, Long> wrong = new TreeMap<>(v.out());
    wrong.replaceAll((r, x) -> x ^ 1); // off by one unit in the last place
    String e = FpuVectors.check(v.withOut(wrong));
    assertNotNull(e);
    assertTrue(e.contains("out"), e);
  }

  @Test
  void aWrongFcsrIsReported() {
    FpuVectors.Vector v = firstWithResult(0);
    String e = FpuVectors.check(v.withFcsrOut(v.fcsrOut() ^ (1 << 12))); // Cause.I flipped
    assertNotNull(e);
    assertTrue(e.contains("fcsr"), e);
  }

  @Test
  void aWrongStatusIsReported() {
    FpuVectors.Vector v = firstWithResult(2);
    String e = FpuVectors.check(v.withStatus("FPE"));
    assertNotNull(e);
    assertTrue(e.contains("status OK"), e);
  }

  @Test
  void aMissingOrExtraRegisterWriteIsReported() {
    FpuVectors.Vector v = firstWithResult(1);
    assertNotNull(FpuVectors.check(v.withOut(Map.of())));
    Map<Integer, Long> extra = new TreeMap<>(v.out());
    int other = v.out().containsKey(0) ? 1 : 0;
    extra.put(other, 0L);
    assertNotNull(FpuVectors.check(v.withOut(extra)));
  }

  /**
   * An implementation that ignored FCSR.RM would be what the replay sees if every vector's
   * rounding mode were replaced by round-to-nearest: hundreds of vectors must then fail.
   */
  @Test
  void anFpuThatIgnoredTheRoundingModeWouldFailManyVectors() {
    List<FpuVectors.Vector> nearest = new ArrayList<>();
    for (FpuVectors.Vector v : FR1) {
      if ((v.fcsrIn() & 3) != 0) {
        nearest.add(v.withFcsrIn(v.fcsrIn() & ~3));
      }
    }
    int bad = FpuVectors.failures(nearest).size();
    assertTrue(bad > 300, "only " + bad + " of " + nearest.size() + " failed");
  }

  /** An FPU that signaled no exceptions at all (FCSR untouched) would fail most vectors. */
  @Test
  void anFpuThatNeverSetCauseWouldFailMostArithmeticVectors() {
    int arithmetic = 0;
    int differ = 0;
    for (FpuVectors.Vector v : FR1) {
      if (v.status().equals("OK") && (v.insn() >>> 26) == 0x11 && ((v.insn() >>> 21) & 31) >= 16) {
        arithmetic++;
        if (v.fcsrOut() != v.fcsrIn()) {
          differ++;
        }
      }
    }
    assertTrue(differ * 2 > arithmetic, differ + " of " + arithmetic);
  }

  @Test
  void malformedLinesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> FpuVectors.parse("46000000 0 0 - : OK 0 0 -\n"));
    assertThrows(
        IllegalArgumentException.class, () -> FpuVectors.parse("fr 1\n46000000 0 0 - OK 0 0 - x\n"));
    assertEquals(1, FpuVectors.parse("fr 0\n# c\n46000000 0 0 - : RI 0 0 -\n").size());
  }
}
