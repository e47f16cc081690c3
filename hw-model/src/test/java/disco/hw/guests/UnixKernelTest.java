package disco.hw.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.hw.Endianness;
import disco.hw.cpu.Cpu;
import disco.hw.machine.Machine;
import disco.hw.machine.MachineConfig;
import disco.testing.MipsCompiler;
import disco.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel of {@code guests/unix} on the machine: boot, the command line, processes, files,
 * robustness (kernel/tests/ktest.c, run as init on one CPU and on eight), the ext2 root on disk 0,
 * a panic, the committed kernel images rebuilt byte for byte, and the monitor's images checked for
 * kseg0 and kseg1 addresses.
 */
class UnixKernelTest {
  @TempDir Path tmp;

  private Path ktestKernel() throws Exception {
    Path ktest = MipsCompiler.compile(UnixKernel.dir().resolve("kernel/tests/ktest.c"));
    return UnixKernel.ramfsKernel(tmp, Map.of("sbin/init", ktest));
  }

  /** Boots the ktest kernel (no disk, empty input) with this command line. */
  private UnixKernel.Run ktest(String preset, String cmdline) throws Exception {
    return UnixKernel.boot(ktestKernel(), MachineConfig.preset(preset), null, tmp, cmdline, new byte[0]);
  }

  @Test
  void ktestPassesOnOneCpuAndOnEight() throws Exception {
    for (String cpus : List.of("1", "8")) {
      UnixKernel.Run r = ktest("flash-8", "maxcpus=" + cpus);
      assertEquals(0, r.status(), r.console());
      assertTrue(r.console().startsWith("unix: " + cpus + " cpus, 256 MB"), r.console());
      assertTrue(r.console().contains("ktest: 0 failures\n"), r.console());
      assertTrue(r.console().contains("a store to kernel space: SIGSEGV: ok\n"), r.console());
      assertTrue(r.console().matches("(?s).*unix: statistics: \\d+ context switches, \\d+ system calls.*"), r.console());
    }
  }

  @Test
  void quietSilencesTheKernelAndArgumentsFollowTheDashes() throws Exception {
    UnixKernel.Run r = ktest("flash-1", "quiet init=/sbin/init -- child 42");
    assertEquals("child: argc 3, arg 42, env -\n", r.console());
    assertEquals(42, r.status());
  }

  @Test
  void aMissingInitPanicsWithANonZeroStatus() throws Exception {
    UnixKernel.Run r = ktest("flash-1", "quiet init=/no/such/program");
    assertEquals(2, r.status());
    assertTrue(r.console().contains("panic: cannot run init /no/such/program: error 2"), r.console());
  }

  @Test
  @Tag("long")
  void stressTwoHundredForkExecWaitCyclesWithPipesOnEightCpus() throws Exception {
    UnixKernel.Run r = ktest("flash-8", "quiet -- stress 200");
    assertEquals("stress: 200 cycles, 5600 bytes through pipes\n", r.console());
    assertEquals(0, r.status());
  }

  @Test
  void pmakeOnTheExt2RootLeavesAFileSystemThatE2fsckFindsClean() throws Exception {
    Path e2fsck = Tools.require("e2fsck");
    UnixKernel.Run r = UnixKernel.boot(UnixKernel.image("unix-bare.elf"), MachineConfig.preset("flash-8"),
        UnixImages.root(Endianness.BIG), tmp, "maxcpus=2 init=/bin/pmake -- small", new byte[0]);
    assertEquals(0, r.status(), r.console());
    assertTrue(r.console().contains("\npmake: ok\n"), r.console());
    assertTrue(r.console().matches("(?s).*unix: disk: \\d+ reads, [1-9]\\d* writes.*"), r.console());
    String fsck = UnixKernel.run(tmp, List.of(e2fsck.toString(), "-fn", r.disk().toString()));
    assertTrue(fsck.contains(" files (") && fsck.contains(" blocks"), fsck);
  }

  /**
   * A disk completion taken by the idle CPU right after hal_wait's Status write (at the EHB before
   * the WAIT) is served, and the CPU must not then WAIT for another interrupt: the process that
   * completion woke would never run. On one CPU nothing else comes, and the machine stops idle.
   * The timing is forced rather than waited for: CPU 0 runs one instruction at a time, and whenever
   * it is about to execute the instruction after that Status write with a transfer in flight, the
   * transfer completes at once. A kernel that resumed only an interrupt taken at the WAIT itself
   * hung pmake at full this way, after about 1,800 system calls, when a completion fell there.
   */
  @Test
  void aDiskCompletionTakenJustBeforeTheIdleWaitStillRunsTheProcessItWoke() throws Exception {
    Path kernel = UnixKernel.image("unix-bare.elf");
    int afterStatusWrite = UnixKernel.symbol(kernel, "hal_wait") + 4;
    UnixKernel.Loaded l = UnixKernel.load(kernel, MachineConfig.preset("flash-8"), UnixImages.root(Endianness.BIG),
        tmp, "quiet maxcpus=1 init=/bin/cc1 -- -I src/include -o unit00.o src/unit00.c", new byte[0]);
    Machine m = l.machine();
    Cpu cpu0 = m.cpus().get(0);
    int forced = 0;
    for (long steps = 0; !m.halted() && steps < 200_000_000L; steps++) {
      if (cpu0.pc() == afterStatusWrite && !m.pendingEvents().isEmpty()) {
        m.fireNextEvent();
        forced++;
      }
      if (m.runCpu(0, 1) == 0 && !m.halted() && cpu0.state().waiting() && !m.fireNextEvent()) {
        break; // waiting with nothing pending: what the lost wakeup looks like
      }
    }
    UnixKernel.Run r = l.result();
    assertTrue(forced > 0, "the idle window was never reached with a transfer in flight:\n" + r.console());
    assertTrue(m.halted(), "the machine stopped, not halted, after " + forced + " forced completions:\n" + r.console());
    assertEquals(0, r.status(), r.console());
  }

  @Test
  void littleEndianKernelRunsAProgramFromItsRoot() throws Exception {
    UnixKernel.Run r = UnixKernel.boot(UnixKernel.image("unix-bare-el.elf"), UnixKernel.flash8Little(tmp),
        UnixImages.root(Endianness.LITTLE), tmp, "quiet maxcpus=2 init=/test/argv_exit -- one two", new byte[0]);
    assertEquals(0, r.status(), r.console());
    assertTrue(r.console().contains("argv[2] = 'two' (3 bytes)\n"), r.console());
  }

  /** The figures of the README: cycles per system call, fork+exec+exit+wait, fault, refill, switch. */
  @Test
  void benchmarkPrintsCyclesPerOperation() throws Exception {
    Path kbench = MipsCompiler.compile(UnixKernel.dir().resolve("kernel/tests/kbench.c"));
    Path kernel = UnixKernel.ramfsKernel(tmp, Map.of("sbin/kbench", kbench));
    UnixKernel.Run r = UnixKernel.boot(kernel, MachineConfig.preset("flash-8"), null, tmp,
        "quiet maxcpus=1 init=/sbin/kbench", new byte[0]);
    System.out.print(r.console());
    assertEquals(0, r.status(), r.console());
    for (String what : List.of("system call (getpid)", "fork+exec+exit+wait", "page fault, demand zero",
        "page fault, copy on write", "TLB refill", "context switch")) {
      assertTrue(r.console().matches("(?s).*\\Q" + what + "\\E[^\\n]* [1-9]\\d* cycles\\n.*"), what + " in:\n" + r.console());
    }
  }

  @Test
  void rebuildingGivesTheCommittedKernelImagesByteForByte() throws Exception {
    Tools.require("mips-linux-gnu-gcc");
    Tools.require("mipsel-linux-gnu-gcc");
    Path out = tmp.resolve("out");
    UnixKernel.run(UnixKernel.dir(), List.of(Tools.require("make").toString(), "--no-print-directory", "-s",
        "OUT=" + out, out.resolve("unix-bare.elf").toString(), out.resolve("unix-bare-el.elf").toString(),
        out.resolve("unix-disco.elf").toString(), out.resolve("unix-disco-el.elf").toString()));
    for (String name : List.of("unix-bare.elf", "unix-bare-el.elf", "unix-disco.elf", "unix-disco-el.elf")) {
      assertEquals(-1, Files.mismatch(UnixKernel.image(name), out.resolve(name)),
          name + " differs from its rebuild: run make in guests/unix and commit images/");
    }
  }

  /**
   * The monitor's images (HAL_DISCO) reach nothing in kseg0 or kseg1 and read no trapping CP0
   * register in the exception handlers; the bare image, which does both, fails the same check.
   */
  @Test
  void theMonitorsImagesStayOutOfKseg0AndKseg1AndTheBareImageDoesNot() throws Exception {
    String python = Tools.require("python3").toString();
    String objdump = Tools.require("mips-linux-gnu-objdump").toString();
    List<String> check = List.of(python, "tools/check-disco-image.py", "--objdump", objdump);
    List<String> disco = new ArrayList<>(check);
    disco.addAll(List.of("images/unix-disco.elf", "images/unix-disco-el.elf"));
    String ok = UnixKernel.run(UnixKernel.dir(), disco);
    assertTrue(ok.contains("images/unix-disco.elf: ok (0 findings)"), ok);
    assertTrue(ok.contains("images/unix-disco-el.elf: ok (0 findings)"), ok);

    List<String> bare = new ArrayList<>(check);
    bare.add("images/unix-bare.elf");
    Process p = new ProcessBuilder(bare).directory(UnixKernel.dir().toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(1, p.waitFor(), out);
    for (String finding : List.of("entry 0x8001", "section .text at 0x80010000",
        "<hal_console_putc>: sw a0,0(v0): a kseg0/kseg1 address",
        "<_ebase>: mfc0 k1,c0_context: a trapping read of context in the exception handlers",
        "<general>: mfc0 t1,c0_cause: a trapping read of cause in the exception handlers")) {
      assertTrue(out.contains(finding), finding + " in:\n" + out);
    }
  }
}
