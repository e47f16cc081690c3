package disco.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import disco.hw.machine.MachineConfig;
import disco.testing.Qemu;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The little-endian commodity guest: {@code unix-disco-el.elf} on flash-4 with only the byte order
 * changed, its root {@code root-el.ext2} (the same programs built {@code -EL}), against
 * qemu-mipsel running the same executables; and a workload's output is the same bytes in both
 * byte orders, as guests/unix/README.md promises.
 */
@Tag("long")
class UnixOnDiscoLittleEndianTest {
  @TempDir static Path tmp;

  private static UnixOnDisco.MonitorRun run(String program, List<String> args, String stdin) throws Exception {
    MachineConfig little = UnixOnDisco.little("flash-4", tmp);
    String cmdline = "quiet maxcpus=1 init=" + program + (args.isEmpty() ? "" : " -- " + String.join(" ", args));
    UnixOnDisco.MonitorRun r = UnixOnDisco.monitor(little, List.of(UnixOnDisco.vm("el", 1, 32, false, cmdline,
        UnixOnDisco.root(false), false, stdin)));
    assertNull(r.vm(0).stopReason(), r.console(0));
    return r;
  }

  private static Qemu.Result qemu(String program, List<String> args, byte[] stdin) throws Exception {
    Path tree = UnixOnDisco.unpack(false, tmp.resolve("root-el"));
    Qemu.Result q = UnixOnDisco.qemu(tree, program, args, stdin);
    assertEquals("qemu-mipsel", Qemu.executableFor(tree.resolve(program.substring(1))));
    return q;
  }

  @Test
  void raytraceMatchesQemuMipselAndTheBigEndianOutput() throws Exception {
    Qemu.Result q = qemu("/bin/raytrace", List.of("small"), new byte[0]);
    assertEquals(0, q.guestStatus(), q.stderrText());
    UnixOnDisco.MonitorRun r = run("/bin/raytrace", List.of("small"), "");
    assertEquals(0, r.vm(0).exitStatus(), r.console(0));
    assertEquals(q.stdoutText(), r.console(0));
    Path big = UnixOnDisco.unpack(true, tmp.resolve("root-eb"));
    assertEquals(UnixOnDisco.qemu(big, "/bin/raytrace", List.of("small"), new byte[0]).stdoutText(), r.console(0),
        "the little-endian guest's output against the big-endian program's");
  }

  /** Console input (the GETC monitor call) and arithmetic on bytes, in the other byte order. */
  @Test
  void stdinFilterMatchesQemuMipsel() throws Exception {
    Path input = UnixOnDisco.unixDir().resolveSibling("linux").resolve("stdin_filter.input.txt");
    byte[] stdin = Files.readAllBytes(input);
    Qemu.Result q = qemu("/test/stdin_filter", List.of(), stdin);
    UnixOnDisco.MonitorRun r = run("/test/stdin_filter", List.of(), new String(stdin, StandardCharsets.UTF_8));
    assertEquals(q.guestStatus(), r.vm(0).exitStatus(), r.console(0));
    assertEquals(q.stdoutText(), disco.testing.Consoles.withoutInOrder(r.console(0),
        new String(q.programStderr(), StandardCharsets.ISO_8859_1), "stdin_filter"));
  }

  /** The FPU in the guest's processes and in its kernel's context switches (saved and restored). */
  @Test
  void fpuMathMatchesQemuMipsel() throws Exception {
    Qemu.Result q = qemu("/test/fpu_math", List.of(), new byte[0]);
    UnixOnDisco.MonitorRun r = run("/test/fpu_math", List.of(), "");
    assertEquals(q.guestStatus(), r.vm(0).exitStatus(), r.console(0));
    assertEquals(q.stdoutText(), disco.testing.Consoles.withoutInOrder(r.console(0),
        new String(q.programStderr(), StandardCharsets.ISO_8859_1), "fpu_math"));
  }
}
