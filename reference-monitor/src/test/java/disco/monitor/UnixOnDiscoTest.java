package disco.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import disco.hw.machine.MachineConfig;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The commodity guest boots on the monitor: {@code unix-disco.elf} mounts its ext2 root through the
 * disk monitor calls, execs a program of it as init with the arguments after {@code --}, and halts
 * the VM with the program's exit status. The first test is quick and runs in every build; the
 * second, two VMs on one CPU, is tagged long, as are {@code UnixOnDiscoDifferentialTest}, {@code
 * UnixOnDiscoSmpTest}, {@code UnixOnDiscoTwoVmsTest}, {@code UnixOnDiscoLittleEndianTest} and
 * {@code UnixOnDiscoOverheadTest}. The expected texts are what {@code qemu-mips /test/argv_exit}
 * prints with the same arguments (the console is not a terminal, so printf's output stays in
 * stdio's buffer until exit, after the line the last atexit handler writes with write(2)); the disk
 * is a snapshot of the committed image.
 */
class UnixOnDiscoTest {
  private static final String ARGV_EXIT_3 = """
      atexit handler 3 via write(2)
      argc 4
      argv[1] = 'exit' (4 bytes)
      argv[2] = '3' (1 bytes)
      argv[3] = 'extra' (5 bytes)
      argv[argc] is NULL
      calling exit(3)
      atexit handler 2
      atexit handler 1 (registered first, runs last)
      """;

  /** What {@code qemu-mips /test/argv_exit return 42} prints. */
  private static final String RETURN_42 = """
      atexit handler 3 via write(2)
      argc 3
      argv[1] = 'return' (6 bytes)
      argv[2] = '42' (2 bytes)
      argv[argc] is NULL
      returning 42 from main
      atexit handler 2
      atexit handler 1 (registered first, runs last)
      """;

  private static Scenario.Vm argvExit(String name, String args) {
    return UnixOnDisco.vm(name, 1, 12, true, "quiet maxcpus=1 init=/test/argv_exit -- " + args,
        UnixOnDisco.root(true), false, "");
  }

  @Test
  void aProgramOfTheRootImageRunsAsInitAndItsStatusEndsTheVm() throws Exception {
    UnixOnDisco.MonitorRun r = UnixOnDisco.monitor(MachineConfig.preset("flash-1"), List.of(argvExit("u", "exit 3 extra")));
    assertNull(r.vm(0).stopReason(), r.console(0));
    assertEquals(3, r.vm(0).exitStatus());
    assertEquals(ARGV_EXIT_3, r.console(0));
    assertEquals(ARGV_EXIT_3, r.host(), "a lone VM's lines carry no prefix");
  }

  /**
   * Two VMs share one CPU of flash-1 and one snapshot image: each halts with its own status, its
   * console is its own program's output, and on the host every line carries its VM's name. (Long:
   * the monitor switches between the two vCPUs, flushing the TLB each time, for about 9 s.)
   */
  @Test
  @Tag("long")
  void twoVmsOnOneCpuEachPrefixTheirLines() throws Exception {
    UnixOnDisco.MonitorRun r = UnixOnDisco.monitor(MachineConfig.preset("flash-1"),
        List.of(argvExit("a", "exit 3 extra"), argvExit("b", "return 42")));
    assertNull(r.vm(0).stopReason(), r.console(0));
    assertNull(r.vm(1).stopReason(), r.console(1));
    assertEquals(3, r.vm(0).exitStatus());
    assertEquals(42, r.vm(1).exitStatus());
    assertEquals(ARGV_EXIT_3, r.console(0));
    assertEquals(RETURN_42, r.console(1));
    StringBuilder a = new StringBuilder();
    StringBuilder b = new StringBuilder();
    for (String line : r.host().split("(?<=\n)")) {
      if (line.startsWith("[a] ")) {
        a.append(line.substring(4));
      } else if (line.startsWith("[b] ")) {
        b.append(line.substring(4));
      } else {
        throw new AssertionError("a line without a VM's prefix: '" + line + "'");
      }
    }
    assertEquals(r.console(0), a.toString());
    assertEquals(r.console(1), b.toString());
  }
}
