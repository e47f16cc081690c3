package disco.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import disco.testing.GuestPrograms;
import disco.hw.Endianness;
import disco.testing.MipsCompiler;
import disco.testing.Qemu;
import disco.testing.ScratchDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Every C program in {@code guests/linux/} (see its README), compiled once with {@code
 * mips-linux-gnu-gcc -static -O2 -march=mips32r2}, run under qemu-mips and on the model's {@link
 * LinuxRunner}, in each of the ways its {@code //@run} lines ask: the exit status (128 + MIPS
 * signal number for a fatal signal), stdout, and stderr must be equal, and so must the files each
 * run leaves in its working directory (an empty scratch directory, the model's root). Each program's stdout and
 * stderr are deterministic by construction; the test checks that on qemu too, by running each
 * program a second time with a different environment (which moves the stack), so that a program
 * that prints something address- or environment-dependent is reported as the program's fault and
 * not the model's.
 */
@Tag("long")
class QemuDifferentialTest {
  /** Far above the largest program (malloc_stress, about 120 million instructions on qemu). */
  static final long INSTRUCTION_LIMIT = 2_000_000_000L;

  /** Each program takes well under a second on qemu; the limit only guards against a hang. */
  static final Duration QEMU_TIMEOUT = Duration.ofSeconds(60);

  @TestFactory
  Stream<DynamicContainer> everyGuestProgramBehavesAsUnderQemu() {
    return programs(Endianness.BIG);
  }

  /** The same programs built little-endian, against qemu-mipsel and the model configured so. */
  @TestFactory
  Stream<DynamicContainer> everyGuestProgramBehavesAsUnderQemuLittleEndian() {
    return programs(Endianness.LITTLE);
  }

  private static Stream<DynamicContainer> programs(Endianness order) {
    // The tools are looked up in each run (by the compiler and qemu helpers), so that without them
    // every run is reported as skipped, or failed under CI, rather than the factory vanishing.
    return GuestPrograms.sources().stream()
        .map(
            source ->
                DynamicContainer.dynamicContainer(
                    GuestPrograms.directory().relativize(source).toString(),
                    source.toUri(),
                    GuestPrograms.runs(source).stream()
                        .map(run -> DynamicTest.dynamicTest(run.displayName(), () -> check(run, order)))));
  }

  static void check(GuestPrograms.Run run, Endianness order) throws Exception {
    Path exe = MipsCompiler.compile(run.source(), order.isBig());
    byte[] stdin = run.stdin();
    // Each run starts in the same empty directory, which is also the model's root.
    Path scratch = ScratchDirectory.fresh(run.displayName() + "-" + order);
    Qemu.Result q = Qemu.run(exe, run.args(), stdin, QEMU_TIMEOUT, Map.of(), scratch);
    assertFalse(
        q.timedOut(), () -> run.displayName() + " did not finish on qemu in " + QEMU_TIMEOUT);
    SortedMap<String, String> qemuFiles = ScratchDirectory.contents(scratch);
    ScratchDirectory.clear(scratch);
    Qemu.Result again = Qemu.run(
        exe, run.args(), stdin, QEMU_TIMEOUT, Map.of("DISCO_PADDING", "x".repeat(3000)), scratch);
    ScratchDirectory.clear(scratch);
    Differential.mismatch(Differential.ofQemu(q), Differential.ofQemu(again), true)
        .ifPresent(
            m ->
                fail(
                    run.displayName()
                        + " is not deterministic under qemu (a bug in the guest program, not in the"
                        + " model): two runs with different environments differ:\n"
                        + m));

    ExecResult model =
        LinuxRunner.run(
            new ExecRequest(exe, run.args(), List.of(), stdin, order, INSTRUCTION_LIMIT)
                .in(scratch, scratch));
    Differential.assertSame(
        Differential.ofQemu(q), Differential.ofModel(model, INSTRUCTION_LIMIT), true);
    assertEquals(qemuFiles, ScratchDirectory.contents(scratch),
        run.displayName() + ": the files left behind differ (expected: qemu's)");
  }
}
