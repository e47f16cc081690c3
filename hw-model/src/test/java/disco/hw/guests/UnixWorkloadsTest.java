package disco.hw.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.hw.Endianness;
import disco.testing.Qemu;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workloads of the root images at {@code small}, under qemu-user as the reference run of the
 * kernel's differential test makes them: the image unpacked into a directory, which is the working
 * directory, pmake with {@code --no-exec}. Each must exit 0 having printed equal checksums from its
 * worker processes and from its one-process recomputation; the big-endian build (qemu-mips) and
 * the little-endian one (qemu-mipsel) must print the same bytes; and so must a run with one worker
 * process, since nothing a workload prints depends on the number of workers.
 */
@Tag("long")
class UnixWorkloadsTest {
  /** Each takes well under a second; the limit only guards against a hang. */
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private static final Pattern CHECKSUMS = Pattern.compile(
      "(?m)^checksum \\(worker processes\\): (0x[0-9a-f]{8})\\nchecksum \\(one process\\): +(0x[0-9a-f]{8})\\n");

  @TempDir static Path roots;

  @TestFactory
  Stream<DynamicTest> everyWorkloadAgreesWithItselfAndAcrossByteOrders() {
    return UnixImages.WORKLOADS.stream().map(w -> DynamicTest.dynamicTest(w + " small", () -> check(w)));
  }

  private static void check(String workload) throws Exception {
    Path big = root(Endianness.BIG);
    Path little = root(Endianness.LITTLE);
    String be = run(big, workload, List.of());
    String le = run(little, workload, List.of());
    assertEquals(be, le, workload + ": the big- and little-endian builds print different output");
    String oneWorker = run(big, workload, List.of("-j", "1"));
    assertEquals(be, oneWorker, workload + ": the output with one worker process differs from the default's");
  }

  /** Unpacks each root image once (the tests share it: every run is repeatable in place). */
  private static synchronized Path root(Endianness order) throws Exception {
    Path dir = roots.resolve(order.name());
    if (!dir.resolve("bin").toFile().isDirectory()) {
      UnixImages.unpack(UnixImages.root(order), dir);
    }
    return dir;
  }

  /** Runs {@code bin/WORKLOAD [--no-exec] OPTIONS small} in {@code root}; checks its verdict; returns stdout. */
  private static String run(Path root, String workload, List<String> options) {
    List<String> args = new ArrayList<>();
    if (workload.equals("pmake")) {
      args.add("--no-exec");
    }
    args.addAll(options);
    args.add("small");
    String what = workload + " " + String.join(" ", args) + " in " + root.getFileName();
    Qemu.Result r = Qemu.run(root.resolve("bin").resolve(workload), args, new byte[0], TIMEOUT, Map.of(), root);
    assertFalse(r.timedOut(), what + ": no exit in " + TIMEOUT);
    String out = r.stdoutText();
    assertEquals("", r.stderrText(), what + ": wrote to stderr");
    assertEquals(0, r.guestStatus(), what + ": exit status; output:\n" + out);
    Matcher m = CHECKSUMS.matcher(out);
    assertTrue(m.find(), what + ": no pair of checksum lines in:\n" + out);
    assertEquals(m.group(1), m.group(2), what + ": the worker processes' checksum differs from one process's");
    assertTrue(out.endsWith(workload + ": ok\n"), what + ": does not end with its verdict:\n" + out);
    return out;
  }
}
