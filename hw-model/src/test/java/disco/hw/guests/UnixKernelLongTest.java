package disco.hw.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import disco.hw.Endianness;
import disco.testing.GuestPrograms;
import disco.hw.machine.MachineConfig;
import disco.testing.MipsCompiler;
import disco.testing.Qemu;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The programs of {@code guests/linux} and the four workloads as processes of the kernel, with the
 * ext2 root on disk 0, against {@code qemu-mips}: the same output and exit status. The console
 * carries both stdout and stderr: with stderr's lines taken out, in their order, what is left must
 * be qemu's stdout exactly (how the two streams interleave is not what either runner promises).
 */
@Tag("long")
class UnixKernelLongTest {
  private static final Duration QEMU_TIMEOUT = Duration.ofSeconds(120);

  /**
   * Not compared, and why (guests/unix/README.md lists them): files.c exercises what the kernel
   * does not implement (symbolic links, calls relative to a directory descriptor, poll, prctl,
   * 64 KB pipes) and prints st_blocks, which depends on the file system's block size.
   */
  private static final java.util.Set<String> NOT_COMPARED = java.util.Set.of("files.c");

  @TempDir static Path tmp;

  private static synchronized Path tree() throws Exception {
    Path dir = tmp.resolve("root");
    if (!dir.resolve("bin").toFile().isDirectory()) {
      UnixImages.unpack(UnixImages.root(Endianness.BIG), dir);
    }
    return dir;
  }

  @TestFactory
  Stream<DynamicTest> guestsLinuxProgramsMatchQemu() {
    return GuestPrograms.sources().stream()
        .filter(s -> s.getParent().getFileName().toString().equals("linux"))
        .filter(s -> !NOT_COMPARED.contains(s.getFileName().toString()))
        .flatMap(s -> GuestPrograms.runs(s).stream())
        .map(r -> DynamicTest.dynamicTest(r.displayName(), () -> compare(r)));
  }

  private static void compare(GuestPrograms.Run run) throws Exception {
    String name = run.source().getFileName().toString().replaceFirst("\\.c$", "");
    Qemu.Result q = Qemu.run(MipsCompiler.compile(run.source()), run.args(), run.stdin(), QEMU_TIMEOUT);
    assertFalse(q.timedOut(), run.displayName() + ": qemu timed out");
    String cmdline = "quiet init=/test/" + name + (run.args().isEmpty() ? "" : " -- " + String.join(" ", run.args()));
    UnixKernel.Run k = UnixKernel.boot(UnixKernel.image("unix-bare.elf"), MachineConfig.preset("flash-8"),
        UnixImages.root(Endianness.BIG), tmp, "maxcpus=2 " + cmdline, run.stdin());
    String stderr = new String(q.programStderr(), StandardCharsets.ISO_8859_1);
    assertEquals(q.stdoutText(), disco.testing.Consoles.withoutInOrder(k.console(), stderr, run.displayName()), run.displayName());
    assertEquals(q.guestStatus(), k.status(), run.displayName() + ": exit status");
  }



  @TestFactory
  Stream<DynamicTest> workloadsAtSmallMatchQemuOnOneTwoFourAndEightCpus() {
    return UnixImages.WORKLOADS.stream().flatMap(w -> Stream.of(1, 2, 4, 8)
        .map(n -> DynamicTest.dynamicTest(w + " small, " + n + " cpus", () -> workload(w, n))));
  }

  private static void workload(String w, int cpus) throws Exception {
    Path root = tree();
    List<String> args = w.equals("pmake") ? List.of("--no-exec", "small") : List.of("small");
    Qemu.Result q = Qemu.run(root.resolve("bin").resolve(w), args, new byte[0], QEMU_TIMEOUT, Map.of(), root);
    UnixKernel.Run k = UnixKernel.boot(UnixKernel.image("unix-bare.elf"), MachineConfig.preset("flash-8"),
        UnixImages.root(Endianness.BIG), tmp, "quiet maxcpus=" + cpus + " init=/bin/" + w + " -- small", new byte[0]);
    assertEquals(q.stdoutText(), k.console(), w + " on " + cpus + " cpus");
    System.out.printf("%s small on %d cpus: %,d cycles%n", w, cpus, k.machine().clock()); // the README's table
    assertEquals(0, k.status(), w + " on " + cpus + " cpus: exit status");
  }
}
