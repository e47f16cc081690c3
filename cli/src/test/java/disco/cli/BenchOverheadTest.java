package disco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code disco bench --overhead}: the Figure 5 table, and its refusals. */
class BenchOverheadTest {
  static final String IMAGES = Path.of("..", "guests", "unix", "images").toString();

  /** Both runs of raytrace finish with equal consoles; the rows add up to 100% and the bare row is 1.000. */
  @Test
  @Tag("long")
  void raytraceOnBareMetalAndUnderDisco() {
    CliTest.Result r = CliTest.run("bench", "--overhead", "raytrace", "--images", IMAGES);
    assertEquals(0, r.status(), r.err() + r.out());
    List<String> rows = r.out().lines().filter(l -> l.matches("(raytrace)?\\s+(bare|disco)\\s.*")).toList();
    assertEquals(2, rows.size(), r.out());
    for (String row : rows) {
      String[] f = row.trim().split("\\s+");
      int at = f[0].equals("raytrace") ? 3 : 2;
      double sum = 0;
      for (int i = at; i < at + 5; i++) {
        sum += Double.parseDouble(f[i]);
      }
      assertEquals(100.0, sum, 0.3, row);
      if (row.contains("bare")) {
        assertEquals("1.000", f[at + 5], row);
        assertEquals("0.0", f[at + 2], "no monitor on bare metal: " + row);
      } else {
        assertTrue(Double.parseDouble(f[at + 2]) > 0, "the monitor's share under Disco: " + row);
        assertTrue(Double.parseDouble(f[at + 6]) > 1.0, "Disco adds busy cycles: " + row);
      }
    }
  }

  @Test
  void unknownWorkloadsAndMissingImagesAreRefused() {
    CliTest.Result r = CliTest.run("bench", "--overhead", "nope", "--images", IMAGES);
    assertEquals(2, r.status());
    assertEquals("disco bench: --overhead: unknown workload 'nope' (known: pmake, engineering, raytrace, database)",
        r.err().strip());
    CliTest.Result m = CliTest.run("bench", "--overhead", "--images", "/nonexistent");
    assertEquals(2, m.status());
    assertTrue(m.err().startsWith("disco bench: /nonexistent/unix-bare.elf: no such file"), m.err());
    CliTest.Result s = CliTest.run("bench", "--overhead", "--size", "huge", "--images", IMAGES);
    assertEquals(2, s.status());
    assertEquals("disco bench: --size: small or full, got huge", s.err().strip());
  }
}
