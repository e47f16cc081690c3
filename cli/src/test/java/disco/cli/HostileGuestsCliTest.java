package disco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every hostile guest of {@code guests/baremetal/hostile} through {@code disco run}: the exit
 * status {@code hostile/expected.txt} gives, the statistics, one line saying why the run stopped
 * when the guest did not halt, and never a stack trace.
 */
class HostileGuestsCliTest {
  static final Path DIR = Path.of("..", "guests", "baremetal");

  @TestFactory
  Stream<DynamicTest> everyHostileGuestStopsWithItsStatusAndNoStackTrace() throws Exception {
    return Files.readAllLines(DIR.resolve("hostile").resolve("expected.txt")).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .map(l -> l.trim().split("\\s+"))
        .map(f -> DynamicTest.dynamicTest(f[0], () -> {
          Path image = DIR.resolve("images").resolve("hostile").resolve(f[0] + ".elf");
          CliTest.Result r = CliTest.run("run", "--machine", "flash-8", "--max-cycles", "10000000",
              "--kernel", image.toString());
          assertEquals(Integer.parseInt(f[1]), r.status(), r.err());
          assertTrue(r.err().startsWith("machine flash-8, "), "statistics first:\n" + r.err());
          assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
          String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
          // The third column, how the run stops, is the last line's sentence (StopReason).
          String said = switch (f[2]) {
            case "halted" -> null;
            case "no-progress" -> "disco run: CPU ";
            case "idle" -> "disco run: every CPU is waiting or parked and no device event is pending";
            case "cycle-limit" -> "disco run: stopped at the cycle limit of 10000000";
            default -> throw new AssertionError("unknown stop in expected.txt: " + f[2]);
          };
          if (said == null) {
            assertFalse(last.startsWith("disco run: "), r.err());
          } else {
            assertTrue(last.startsWith(said), r.err());
          }
          if (f[2].equals("no-progress")) {
            assertTrue(last.contains(" makes no progress: "), r.err());
          }
        }));
  }

  @Test
  void aNoProgressStopNamesTheCpuTheExceptionAndThePc() {
    Path image = DIR.resolve("images").resolve("hostile").resolve("entry-boot-rom.elf");
    CliTest.Result r = CliTest.run("run", "--machine", "flash-1", "--no-stats", "--kernel", image.toString());
    assertEquals(125, r.status(), r.err());
    assertEquals("disco run: CPU 0 makes no progress: IBE (bus error on fetch) at pc 0xbfc00380, 1000 times in a"
        + " row with no instruction completing: the exception vector has nothing to execute\n",
        r.err().replace("\r", ""));
  }

  @Test
  void aSpinWithInterruptsOffStopsAtTheCycleLimitWithStatus124() {
    Path image = DIR.resolve("images").resolve("hostile").resolve("spin-interrupts-off.elf");
    CliTest.Result r = CliTest.run("run", "--machine", "flash-1", "--no-stats", "--max-cycles", "50000",
        "--kernel", image.toString());
    assertEquals(124, r.status(), r.err());
    assertEquals("disco run: stopped at the cycle limit of 50000\n", r.err().replace("\r", ""));
  }
}
