package disco.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.hw.machine.MachineConfig;
import disco.testing.GuestPrograms;
import disco.testing.Qemu;
import disco.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commodity guest on the monitor against the oracle of its bare build's tests: programs of the
 * root image run as init of {@code unix-disco.elf} in one VM (one vCPU, 32 MB, flash-4) give the
 * console output and exit status that {@code qemu-mips} gives for the same executable (hw-model's
 * {@code UnixKernelLongTest} holds {@code unix-bare.elf} to the same oracle), and for the workloads
 * also exactly what the bare build prints on the machine. The monitor adds no prefix to the console
 * of a lone VM, and the VM's own record of its console has none either; both are checked.
 */
@Tag("long")
class UnixOnDiscoDifferentialTest {
  /** As in UnixKernelLongTest (guests/unix/README.md says why files.c is not compared). */
  private static final Set<String> NOT_COMPARED = Set.of("files.c");

  @TempDir static Path tmp;

  private static Path tree;

  /** The big-endian root unpacked once for this class: qemu's working directory. */
  private static synchronized Path tree() throws Exception {
    if (tree == null) {
      tree = UnixOnDisco.unpack(true, tmp.resolve("root"));
    }
    return tree;
  }

  private static MachineConfig flash4() {
    return MachineConfig.preset("flash-4");
  }

  /** One VM running {@code init} with {@code args}; disk 0 a snapshot of the committed root. */
  private static UnixOnDisco.MonitorRun onDisco(String init, List<String> args, byte[] stdin) throws Exception {
    String cmdline = "quiet maxcpus=1 init=" + init + (args.isEmpty() ? "" : " -- " + String.join(" ", args));
    return UnixOnDisco.monitor(flash4(), List.of(UnixOnDisco.vm("unix", 1, 32, true, cmdline,
        UnixOnDisco.root(true), false, new String(stdin, StandardCharsets.UTF_8))));
  }

  /** The VM halted by itself with {@code status}, and the host saw its console unchanged. */
  private static void assertHalted(UnixOnDisco.MonitorRun r, int status, String what) {
    assertNull(r.vm(0).stopReason(), what + ": the monitor stopped the VM; console:\n" + r.console(0));
    assertEquals(status, r.vm(0).exitStatus(), what + ": exit status; console:\n" + r.console(0));
    assertEquals(r.console(0), r.host(), what + ": a lone VM's console reaches the host without a prefix");
  }

  /**
   * Every run of every {@code guests/linux} program (the root's {@code /test}, built as the
   * differential tests build them) against qemu-mips running the same executable: the console
   * with qemu's stderr lines taken out equals qemu's stdout, and the exit status is qemu's
   * (128 + the MIPS signal number for a fatal signal).
   */
  @TestFactory
  Stream<DynamicTest> guestsLinuxProgramsMatchQemu() {
    return GuestPrograms.sources().stream()
        .filter(s -> !NOT_COMPARED.contains(s.getFileName().toString()))
        .flatMap(s -> GuestPrograms.runs(s).stream())
        .map(r -> DynamicTest.dynamicTest(r.displayName(), () -> compare(r)));
  }

  private static void compare(GuestPrograms.Run run) throws Exception {
    String program = "/test/" + run.source().getFileName().toString().replaceFirst("\\.c$", "");
    Qemu.Result q = UnixOnDisco.qemu(tree(), program, run.args(), run.stdin());
    UnixOnDisco.MonitorRun r = onDisco(program, run.args(), run.stdin());
    assertHalted(r, q.guestStatus(), run.displayName());
    String stderr = new String(q.programStderr(), StandardCharsets.ISO_8859_1);
    assertEquals(q.stdoutText(), disco.testing.Consoles.withoutInOrder(r.console(0), stderr, run.displayName()),
        run.displayName());
  }

  /**
   * A workload at {@code small} (one worker process per item, forked and waited for) gives qemu's
   * output and exit 0 on the monitor, and exactly the bare kernel's console on the same machine.
   */
  private static UnixOnDisco.MonitorRun workload(String name, List<String> qemuArgs) throws Exception {
    Qemu.Result q = UnixOnDisco.qemu(tree(), "/bin/" + name, qemuArgs, new byte[0]);
    assertEquals(0, q.guestStatus(), name + " under qemu: " + q.stderrText());
    assertTrue(q.stdoutText().endsWith("\n" + name + ": ok\n"), q.stdoutText());
    UnixOnDisco.MonitorRun r = onDisco("/bin/" + name, List.of("small"), new byte[0]);
    assertHalted(r, 0, name);
    assertEquals(q.stdoutText(), r.console(0), name + " on the monitor against qemu");
    UnixOnDisco.BareRun b = UnixOnDisco.bare(flash4(), true, "quiet maxcpus=1 init=/bin/" + name + " -- small",
        new byte[0]);
    assertEquals(0, b.status(), b.console());
    assertEquals(b.console(), r.console(0), name + " on the monitor against the bare kernel");
    return r;
  }

  /** raytrace: four forked workers reading a scene in MAP_SHARED memory, then wait4 for each. */
  @Test
  void raytraceMatchesQemuAndTheBareKernel() throws Exception {
    workload("raytrace", List.of("small"));
  }

  /** engineering: four forked workers sending their results back through a pipe. */
  @Test
  void engineeringMatchesQemuAndTheBareKernel() throws Exception {
    workload("engineering", List.of("small"));
  }

  /**
   * pmake: reads its sources from the ext2 root, forks a job per unit that execs {@code /bin/cc1}
   * (read from disk again each time), waits for them, creates {@code /obj} and writes an object
   * file per unit, all through the disco HAL's disk monitor calls. Its output equals qemu's for
   * {@code pmake --no-exec} (qemu-user cannot exec a guest program; the README says the bytes are
   * the same), the VM's disk, a private persistent copy, is clean for {@code e2fsck -fn}, and every
   * object file on it holds the bytes qemu's run wrote.
   */
  @Test
  void pmakeMatchesQemuAndWritesTheSameObjectFilesToItsDisk() throws Exception {
    Path root = tree();
    Qemu.Result q = UnixOnDisco.qemu(root, "/bin/pmake", List.of("--no-exec", "small"), new byte[0]);
    assertEquals(0, q.guestStatus(), q.stderrText());
    assertTrue(q.stdoutText().endsWith("\npmake: ok\n"), q.stdoutText());

    Path disk = UnixOnDisco.copy(UnixOnDisco.root(true), tmp);
    UnixOnDisco.MonitorRun r = UnixOnDisco.monitor(flash4(), List.of(UnixOnDisco.vm("unix", 1, 32, true,
        "quiet maxcpus=1 init=/bin/pmake -- small", disk, true, "")));
    assertHalted(r, 0, "pmake");
    assertEquals(q.stdoutText(), r.console(0), "pmake on the monitor against qemu");

    String fsck = UnixOnDisco.tool(Tools.require("e2fsck").toString(), "-fn", disk.toString());
    assertTrue(fsck.contains(" files (") && fsck.contains(" blocks"), fsck);
    Path written = tmp.resolve("pmake-disk");
    Files.createDirectories(written);
    UnixOnDisco.tool(Tools.require("debugfs").toString(), "-R", "rdump /obj " + written, disk.toString());
    List<String> objects;
    try (Stream<Path> s = Files.list(root.resolve("obj"))) {
      objects = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertEquals(List.of("unit00.o", "unit01.o", "unit02.o", "unit03.o", "unit04.o", "unit05.o", "unit06.o",
        "unit07.o"), objects);
    try (Stream<Path> s = Files.list(written.resolve("obj"))) {
      assertEquals(objects, s.map(p -> p.getFileName().toString()).sorted().toList());
    }
    for (String o : objects) {
      assertEquals(-1, Files.mismatch(root.resolve("obj").resolve(o), written.resolve("obj").resolve(o)), o);
    }
  }
}
