package disco.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.hw.Endianness;
import disco.hw.elf.ElfFormatException;
import disco.testing.TinyElf;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs hand-built executables through the Linux user ABI layer (no cross toolchain needed). */
class LinuxRunnerTest {
  static Path write(byte[] elf) throws Exception {
    Path f = Files.createTempFile("tiny", ".elf");
    Files.write(f, elf);
    f.toFile().deleteOnExit();
    return f;
  }

  static Path helloProgram(boolean big, int status) throws Exception {
    byte[] msg = "hello, world\n".getBytes(StandardCharsets.US_ASCII);
    int[] probe = TinyElf.writeAndExit(0, 0, 0);
    int data = TinyElf.dataAddress(probe, 0);
    return write(TinyElf.build(big, TinyElf.writeAndExit(data, msg.length, status), msg));
  }

  @Test
  void writesAndExitsWithStatusInBothByteOrders() throws Exception {
    for (boolean big : new boolean[] {true, false}) {
      ExecRequest req = new ExecRequest(helloProgram(big, 42), List.of(), List.of(), new byte[0],
          big ? Endianness.BIG : Endianness.LITTLE, 0);
      ExecResult r = LinuxRunner.run(req);
      assertEquals("hello, world\n", new String(r.stdout(), StandardCharsets.US_ASCII));
      assertEquals(42, r.exitStatus());
      assertEquals(9, r.instructions());
      assertNull(r.fatalReport());
    }
  }

  /** --trace: one line per executed instruction, as objdump -d prints it. */
  @Test
  void traceListsEveryInstructionInObjdumpSyntax() throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream trace = new java.io.ByteArrayOutputStream();
    ExecResult r = LinuxRunner.run(ExecRequest.of(helloProgram(true, 0)),
        new Streams(new java.io.ByteArrayInputStream(new byte[0]), out, out, trace));
    List<String> lines = trace.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(r.instructions(), lines.size());
    assertEquals("  400054:\t24040001 \tli\ta0,1", lines.get(0)); // objdump prints addiu from zero as li
    assertEquals("  400068:\t0000000c \tsyscall", lines.get(5));
  }

  @Test
  void wrongByteOrderIsRefused() throws Exception {
    Path f = helloProgram(false, 0);
    ElfFormatException e = assertThrows(ElfFormatException.class, () -> LinuxRunner.run(ExecRequest.of(f)));
    assertTrue(e.getMessage().contains("little-endian executable, but the machine is configured big-endian"), e.getMessage());
  }

  @Test
  void reservedInstructionKillsWithSigill() throws Exception {
    Path f = write(TinyElf.build(true, new int[] {0xfc00_0000}, new byte[0]));
    ExecResult r = LinuxRunner.run(ExecRequest.of(f));
    assertEquals(128 + 4, r.exitStatus());
    assertTrue(r.fatalReport() != null && r.fatalReport().startsWith("RI (reserved instruction) at pc 0x00400054"),
        String.valueOf(r.fatalReport()));
  }

  @Test
  void nullStoreKillsWithSigsegv() throws Exception {
    Path f = write(TinyElf.build(true, new int[] {0xac00_0000 /* sw zero,0(zero) */}, new byte[0]));
    ExecResult r = LinuxRunner.run(ExecRequest.of(f));
    assertEquals(128 + 11, r.exitStatus());
    assertTrue(String.valueOf(r.fatalReport()).contains("bad address 0x00000000"), r.fatalReport());
  }

  /**
   * The program runs in user mode over the architecture's own translation: kernel space is an
   * address error, and a user page no region covers (a bus error on the one-to-one map) is a
   * segmentation fault, for a fetch as for data.
   */
  @Test
  void kernelSpaceAndUncoveredPagesKillWithSigsegv() throws Exception {
    int[][] programs = {
      {0x3c08_8000 /* lui t0,0x8000 */, 0x8d08_0000 /* lw t0,0(t0) */},
      {0x3c08_1000 /* lui t0,0x1000 */, 0x0100_0008 /* jr t0 */, 0},
      {0x3c08_1000 /* lui t0,0x1000 */, 0xa100_0003 /* sb zero,3(t0) */},
    };
    String[] reports = {
      "AdEL (address error on load/fetch) at pc 0x00400058",
      "IBE (bus error on fetch) at pc 0x10000000",
      "DBE (bus error on data) at pc 0x00400058",
    };
    String[] addresses = {"", "bad address 0x10000000", "bad address 0x10000003"};
    for (int i = 0; i < programs.length; i++) {
      ExecResult r = LinuxRunner.run(ExecRequest.of(write(TinyElf.build(true, programs[i], new byte[0]))));
      String report = String.valueOf(r.fatalReport());
      assertEquals(128 + 11, r.exitStatus(), report);
      assertTrue(report.startsWith(reports[i]) && report.contains(addresses[i]), report);
    }
  }

  @Test
  void instructionLimitStopsALoop() throws Exception {
    Path f = write(TinyElf.build(true, new int[] {0x1000_ffff /* b . */, 0}, new byte[0]));
    ExecResult r = LinuxRunner.run(new ExecRequest(f, List.of(), List.of(), new byte[0], Endianness.BIG, 1000));
    assertEquals(ExecResult.LIMIT_STATUS, r.exitStatus());
    assertEquals(1000, r.instructions());
  }

  /** exit_group((a3 << 7) + v0) after system call {@code nr}: the status shows how it ended. */
  static ExecResult callThenExit(int nr) throws Exception {
    int[] code = {
      TinyElf.addiu(2, 0, nr), TinyElf.SYSCALL,
      0x0007_21c0 /* sll a0,a3,7 */, 0x0082_2021 /* addu a0,a0,v0 */,
      TinyElf.addiu(2, 0, 4246), TinyElf.SYSCALL
    };
    return LinuxRunner.run(ExecRequest.of(write(TinyElf.build(true, code, new byte[0]))));
  }

  /** An unknown call returns ENOSYS (89, a3 = 1) quietly, and is counted for --stats. */
  @Test
  void unknownSystemCallIsCountedAndReturnsEnosysQuietly() throws Exception {
    ExecResult r = callThenExit(4999);
    assertEquals(128 + 89, r.exitStatus());
    assertEquals("", new String(r.stderr(), StandardCharsets.UTF_8));
    assertEquals(java.util.Map.of(4999, 1), r.unknownCalls());
  }

  /** prctl and clock_nanosleep are served (0, a3 = 0), and so not counted as unknown. */
  @Test
  void prctlAndClockNanosleepSucceed() throws Exception {
    for (int nr : new int[] {4192, 4265}) {
      ExecResult r = callThenExit(nr);
      assertEquals(0, r.exitStatus(), "system call " + nr);
      assertEquals(java.util.Map.of(), r.unknownCalls());
    }
  }
}
