package disco.hw.machine;

import static disco.testing.TinyElf.addiu;
import static disco.testing.TinyElf.bne;
import static disco.testing.TinyElf.code;
import static disco.testing.TinyElf.li;
import static disco.testing.TinyElf.lw;
import static disco.testing.TinyElf.sw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.hw.Endianness;
import disco.hw.elf.ElfFile;
import disco.testing.TinyElf;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The multiprocessor with hand-assembled kernels (no cross toolchain needed). */
class MachineTest {
  @TempDir Path dir;

  static final int KSEG0 = 0x8001_0000;
  static final int DEV = 0xbf00_0000;
  static final int T0 = 8;
  static final int T1 = 9;
  static final int T2 = 10;
  static final int T3 = 11;

  static MachineConfig noCache(int nodes, int cpusPerNode) {
    return new MachineConfig("test", nodes, cpusPerNode, 32, false, 1024, 128, 2, "MESI", 1, 60, 180,
        1000, 64, 0, Endianness.BIG);
  }

  record Run(Machine machine, String console) {}

  static Run run(MachineConfig config, int[] code) throws Exception {
    ElfFile elf = ElfFile.parse(Path.of("test.elf"), TinyElf.build(true, KSEG0, code, new byte[0]));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Machine m = new Machine(config, new TreeMap<>(), new ByteArrayInputStream(new byte[0]), out);
    m.load(elf);
    m.run(50_000_000, null);
    return new Run(m, out.toString(StandardCharsets.US_ASCII));
  }

  static int[] halt(int status) {
    return code(li(T3, DEV), new int[] {addiu(T2, 0, status), sw(T2, T3, 0x100)});
  }

  /** Every started CPU prints 'c' and its number; CPU 0 starts the others by IPI, waits, halts. */
  static int[] hello(int cpus) {
    return code(
        li(T0, DEV),
        new int[] {
          addiu(T1, 4, '0'), addiu(T2, 0, 'c'), sw(T2, T0, 0), sw(T1, T0, 0),
          addiu(T2, 0, '\n'), sw(T2, T0, 0),
          bne(4, 0, 17), TinyElf.NOP, // others: to the park loop at word 26
          addiu(T1, 0, 1), // t1 = 1
          sw(T1, T0, 0x300), addiu(T1, T1, 1), addiu(T2, 0, cpus), bne(T1, T2, -4), TinyElf.NOP,
          addiu(T1, 0, 20000), addiu(T1, T1, -1), bne(T1, 0, -2), TinyElf.NOP
        },
        halt(5),
        new int[] {bne(0, 0, 0), TinyElf.NOP, 0x1000_ffff, TinyElf.NOP}); // park: b .
  }

  @Test
  void everyCpuStartedByIpiPrintsAndTheHaltStatusIsTheExitStatus() throws Exception {
    Run r = run(noCache(4, 2), hello(8));
    assertEquals(5, r.machine().exitStatus());
    assertTrue(r.machine().halted());
    for (int c = 0; c < 8; c++) {
      assertTrue(r.console().contains("c" + c + "\n"), r.console());
    }
    assertEquals(8, r.console().lines().count());
  }

  @Test
  void twoRunsAreIdenticalBitForBit() throws Exception {
    Run a = run(noCache(4, 2), hello(8));
    Run b = run(noCache(4, 2), hello(8));
    assertEquals(a.console(), b.console());
    assertEquals(a.machine().stats(), b.machine().stats());
    assertEquals(a.machine().clock(), b.machine().clock());
  }

  /** The same load loop over local and over remote memory differs by the latency difference. */
  @Test
  void remoteMemoryCostsTheConfiguredLatency() throws Exception {
    MachineConfig cfg = noCache(4, 1);
    long local = loopCycles(cfg, 0x8000_0000 + 0x0010_0000);
    long remote = loopCycles(cfg, 0x8000_0000 + 3 * (32 << 20) + 0x0010_0000);
    // noCache: a local miss costs 60 cycles, a remote one 180; 1000 loads, each a miss.
    assertEquals(1000L * (180 - 60), remote - local);
    // With equal local and remote latencies the two loops cost the same: the difference is the latency.
    MachineConfig flat = new MachineConfig("flat", 4, 1, 32, false, 1024, 128, 2, "MESI", 1, 60, 60,
        1000, 64, 0, Endianness.BIG);
    assertEquals(0, loopCycles(flat, 0x8000_0000 + 3 * (32 << 20) + 0x0010_0000) - loopCycles(flat, 0x8000_0000 + 0x0010_0000));
  }

  private static long loopCycles(MachineConfig cfg, int address) throws Exception {
    int[] prog = code(li(T0, address), new int[] {
      addiu(T1, 0, 1000), lw(T2, T0, 0), addiu(T1, T1, -1), bne(T1, 0, -3), TinyElf.NOP
    }, halt(0));
    Run r = run(cfg, prog);
    assertEquals(0, r.machine().exitStatus());
    return r.machine().stats().cpus().get(0).cycles();
  }

  static int ll(int rt, int base, int offset) {
    return 0x30 << 26 | base << 21 | rt << 16 | (offset & 0xffff);
  }

  static int sc(int rt, int base, int offset) {
    return 0x38 << 26 | base << 21 | rt << 16 | (offset & 0xffff);
  }

  /**
   * CPU 0 links a line with LL; CPU 1 stores to another word of that line; CPU 0's SC then fails
   * and stores nothing. Without CPU 1's store the same SC succeeds.
   */
  @Test
  void aStoreByAnotherCpuToTheLinkedLineBreaksTheLink() throws Exception {
    for (boolean otherStores : new boolean[] {true, false}) {
      int[] prog = code(
          new int[] {bne(4, 0, 11), TinyElf.NOP}, // CPU 1 goes to word 12
          li(T0, 0x8010_0000),
          new int[] {ll(T1, T0, 0), addiu(T2, 0, 5), sc(T2, T0, 0), 0x1000_ffff, TinyElf.NOP, TinyElf.NOP,
              TinyElf.NOP, TinyElf.NOP},
          li(T0, 0x8010_0000), // word 12: CPU 1
          new int[] {addiu(T1, 0, 9), sw(T1, T0, 4), 0x1000_ffff, TinyElf.NOP});
      ElfFile elf = ElfFile.parse(Path.of("ll.elf"), TinyElf.build(true, KSEG0, prog, new byte[0]));
      Machine m = new Machine(noCache(2, 1), new TreeMap<>(), new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream());
      m.load(elf);
      m.start(1);
      var cpu0 = m.cpus().get(0);
      var cpu1 = m.cpus().get(1);
      cpu0.run(5); // bne, nop, lui, ori, ll
      assertTrue(cpu0.llBit());
      if (otherStores) {
        cpu1.run(6); // bne, nop (taken to word 12), lui, ori, addiu, sw
        assertEquals(9, m.memory().loadWord(0x0010_0004));
      }
      cpu0.run(2); // addiu, sc
      assertEquals(otherStores ? 0 : 1, cpu0.gpr(T2), "SC result");
      assertEquals(otherStores ? 0 : 5, m.memory().loadWord(0x0010_0000));
    }
  }

  /** A DMA write into memory breaks the LL link of a CPU linked to a line it covers. */
  @Test
  void aDmaWriteBreaksTheLink() throws Exception {
    int[] prog = code(li(T0, 0x8010_0000), new int[] {ll(T1, T0, 0x40), 0x1000_ffff, TinyElf.NOP});
    ElfFile elf = ElfFile.parse(Path.of("dma.elf"), TinyElf.build(true, KSEG0, prog, new byte[0]));
    Machine m = new Machine(noCache(1, 1), new TreeMap<>(), new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream());
    m.load(elf);
    var cpu0 = m.cpus().get(0);
    cpu0.run(3);
    assertTrue(cpu0.llBit());
    m.dma(0x0010_0200, 512, false); // a DMA read of memory leaves the link alone
    assertTrue(cpu0.llBit());
    m.dma(0x0010_0000, 512, true); // a DMA write over the linked line breaks it
    assertTrue(!cpu0.llBit());
  }

  @Test
  void aDiskImageOfTheWrongSizeIsRefusedAtStart() throws Exception {
    Path img = dir.resolve("disk.img");
    Files.write(img, new byte[1000]);
    TreeMap<Integer, Path> disks = new TreeMap<>();
    disks.put(0, img);
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> new Machine(noCache(1, 1), disks, new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()));
    assertEquals("disk 0: " + img + ": size 1000 bytes is not a positive multiple of 512", e.getMessage());
    disks.put(0, dir.resolve("absent.img"));
    e = assertThrows(InvalidConfigException.class,
        () -> new Machine(noCache(1, 1), disks, new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()));
    assertTrue(e.getMessage().endsWith("absent.img: no such file"), e.getMessage());
  }

  @Test
  void aDiskThatIsADirectoryOrAFifoIsNamedSo() throws Exception {
    Path fifo = dir.resolve("fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mkfifo.waitFor());
    TreeMap<Integer, Path> disks = new TreeMap<>();
    disks.put(1, dir);
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> new Machine(noCache(1, 1), disks, new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()));
    assertEquals("disk 1: " + dir + ": is a directory", e.getMessage());
    disks.put(1, fifo);
    e = assertThrows(InvalidConfigException.class,
        () -> new Machine(noCache(1, 1), disks, new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()));
    assertEquals("disk 1: " + fifo + ": not a regular file (a disk image must be a file of sectors)", e.getMessage());
  }

  @Test
  void anIdleMachineStopsWithAReason() throws Exception {
    // CPU 0 parks forever in WAIT with nothing enabled: the machine must not spin.
    Run r = run(noCache(1, 1), new int[] {0x4200_0020 /* wait */, 0x1000_fffe, TinyElf.NOP});
    assertTrue(!r.machine().halted());
    assertEquals(new StopReason.Idle(), r.machine().stopReason());
    assertEquals("every CPU is waiting or parked and no device event is pending", new StopReason.Idle().sentence());
  }

  /**
   * A CPU waiting in WAIT for a disk completion wakes when the transfer completes, also when no
   * CPU ran in the round in which the completion event fired (Vol. II, WAIT: the processor
   * restarts when an enabled interrupt is requested). Here IE=0 and IM4=1, so the CPU resumes
   * after the WAIT without taking the interrupt, and halts with 7.
   */
  @Test
  void aWaitingCpuWakesForTheDiskCompletionItWaitsFor() throws Exception {
    Path img = dir.resolve("disk.img");
    Files.write(img, new byte[512]);
    TreeMap<Integer, Path> disks = new TreeMap<>();
    disks.put(0, img);
    int[] prog = code(li(T3, DEV), li(T2, 0x0010_0000), new int[] {
      addiu(T0, 0, 0x1000), 0x4080_0000 | T0 << 16 | 12 << 11, 0xc0, // Status = IM4 (IE=0); ehb
      sw(0, T3, 0x400), sw(0, T3, 0x404), addiu(T1, 0, 1), sw(T1, T3, 0x408), sw(T2, T3, 0x40c),
      sw(T1, T3, 0x410), // read sector 0 of disk 0 to 0x100000
      0x4200_0020 // wait
    }, halt(7));
    ElfFile elf = ElfFile.parse(Path.of("test.elf"), TinyElf.build(true, KSEG0, prog, new byte[0]));
    Machine m = new Machine(noCache(1, 1), disks, new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream());
    m.load(elf);
    m.run(50_000_000, null);
    assertTrue(m.halted(), String.valueOf(m.stopReason()));
    assertEquals(7, m.exitStatus());
  }
}
