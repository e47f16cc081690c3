package disco.hw.guests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.hw.elf.ElfFile;
import disco.hw.machine.DiskImage;
import disco.hw.machine.InvalidConfigException;
import disco.hw.machine.Machine;
import disco.hw.machine.MachineConfig;
import disco.hw.machine.MachineStats;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the committed bare-metal images on the multiprocessor and compares their console output
 * with the expected files (no cross toolchain needed: the images are in the repository).
 */
class GuestRunTest {
  @TempDir Path dir;

  record Run(Machine machine, String console) {}

  static Run boot(String program, MachineConfig config, Map<Integer, Path> disks) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Machine m = new Machine(config, new TreeMap<>(disks), new ByteArrayInputStream(new byte[0]), out);
    m.load(ElfFile.read(GuestImages.image(program)));
    m.run(2_000_000_000L, null);
    return new Run(m, out.toString(StandardCharsets.US_ASCII));
  }

  static String expected(String program) throws Exception {
    return Files.readString(GuestImages.expected(program));
  }

  @Test
  void helloPrintsThroughTheConsole() throws Exception {
    Run r = boot("hello", MachineConfig.preset("flash-8"), Map.of());
    assertEquals(expected("hello"), r.console());
    assertEquals(0, r.machine().exitStatus());
  }

  @Test
  void timerTakesFiveInterrupts() throws Exception {
    Run r = boot("timer", MachineConfig.preset("flash-8"), Map.of());
    assertEquals(expected("timer"), r.console());
    assertTrue(r.machine().stats().exceptions().stream().anyMatch(e -> e.code() == 0 && e.count() >= 5));
  }

  @Test
  void everyCpuComesUpByIpi() throws Exception {
    for (String preset : List.of("flash-4", "flash-8", "flash-16")) {
      Run r = boot("smp", MachineConfig.preset(preset), Map.of());
      int cpus = MachineConfig.preset(preset).cpus();
      assertEquals(0, r.machine().exitStatus(), r.console());
      // the order of the "cpu N up" lines depends on the schedule: compare them as a set
      String[] lines = r.console().split("\n");
      assertEquals("smp: starting " + cpus + " cpus", lines[0]);
      assertEquals("all " + cpus + " cpus up", lines[lines.length - 1]);
      String[] ups = Arrays.copyOfRange(lines, 1, lines.length - 1);
      Arrays.sort(ups, (a, b) -> Integer.compare(Integer.parseInt(a.split(" ")[1]), Integer.parseInt(b.split(" ")[1])));
      for (int c = 0; c < cpus; c++) {
        assertEquals("cpu " + c + " up", ups[c]);
      }
    }
  }

  @Test
  void diskDmaReadsAndWrites() throws Exception {
    Path disk = GuestImages.writeDisk(dir.resolve("disk0.img"));
    Run r = boot("disk", MachineConfig.preset("flash-8"), Map.of(0, disk));
    assertEquals(expected("disk"), r.console());
    assertEquals(0, r.machine().exitStatus());
    byte[] image = Files.readAllBytes(disk);
    byte[] pattern = GuestImages.diskPattern(GuestImages.DISK_SECTORS);
    for (int i = 4 * 512; i < 8 * 512; i++) { // sectors 4..7 now hold the inverted sectors 0..3
      assertEquals((byte) ~pattern[i - 4 * 512], image[i], "byte " + i);
    }
  }

  /** A snapshot disk: the guest reads back what it wrote, and the file keeps its bytes. */
  @Test
  void aSnapshotDiskKeepsTheGuestsWritesOutOfTheFile() throws Exception {
    Path disk = GuestImages.writeDisk(dir.resolve("disk0.img"));
    byte[] before = Files.readAllBytes(disk);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Machine m = new Machine(MachineConfig.preset("flash-8"), List.of(new DiskImage(0, disk, true)),
        new ByteArrayInputStream(new byte[0]), out);
    m.load(ElfFile.read(GuestImages.image("disk")));
    m.run(2_000_000_000L, null);
    assertEquals(expected("disk"), out.toString(StandardCharsets.US_ASCII));
    assertEquals(0, m.exitStatus());
    assertArrayEquals(before, Files.readAllBytes(disk), "a snapshot disk's file changed");
  }

  @Test
  void theKernelCommandLineReachesCpu0InA1BelowTheTopOfNode0() throws Exception {
    Run r = bootWith("cmdline", GuestImages.COMMAND_LINE, List.of());
    assertEquals(expected("cmdline"), r.console());
    assertEquals(0, r.machine().exitStatus());
    Run none = bootWith("cmdline", null, List.of());
    assertEquals("no command line\n", none.console());
    // memory per node as the boot $sp tells it is unchanged by a command line
    Run hello = bootWith("hello", "x", List.of());
    assertEquals(expected("hello"), hello.console());
  }

  @Test
  void aCommandLineTooLongOrWithANulIsRefused() throws Exception {
    ElfFile image = ElfFile.read(GuestImages.image("cmdline"));
    Machine m = new Machine(MachineConfig.preset("flash-8"), List.of(), new ByteArrayInputStream(new byte[0]),
        new ByteArrayOutputStream());
    String longest = "x".repeat(Machine.MAX_COMMAND_LINE);
    m.load(image, longest);
    assertEquals(0x8000_0000 + 32 * (1 << 20) - 16 - 4096, m.cpus().get(0).gpr(5));
    InvalidConfigException tooLong = assertThrows(InvalidConfigException.class, () -> m.load(image, longest + "x"));
    assertTrue(tooLong.getMessage().contains("at most 4095"), tooLong.getMessage());
    assertThrows(InvalidConfigException.class, () -> m.load(image, "a\0b"));
  }

  private static Run bootWith(String program, String commandLine, List<DiskImage> disks) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Machine m = new Machine(MachineConfig.preset("flash-8"), disks, new ByteArrayInputStream(new byte[0]), out);
    m.load(ElfFile.read(GuestImages.image(program)), commandLine);
    m.run(2_000_000_000L, null);
    return new Run(m, out.toString(StandardCharsets.US_ASCII));
  }

  @Test
  void llScSpinlockCountsToTheExactTotalOnEightCpus() throws Exception {
    Run r = boot("spinlock", MachineConfig.preset("flash-8"), Map.of());
    assertEquals(expected("spinlock"), r.console());
    assertEquals(0, r.machine().exitStatus());
  }

  @Test
  void remoteMemoryShowsRemoteMissesAndCostsMore() throws Exception {
    Run r = boot("remote", MachineConfig.preset("flash-8"), Map.of());
    assertTrue(r.console().startsWith(expected("remote")), r.console());
    Matcher local = Pattern.compile("local cycles: (\\d+)").matcher(r.console());
    Matcher remote = Pattern.compile("remote cycles: (\\d+)").matcher(r.console());
    assertTrue(local.find() && remote.find(), r.console());
    long l = Long.parseLong(local.group(1));
    long m = Long.parseLong(remote.group(1));
    assertTrue(m > 2 * l, "remote " + m + " vs local " + l);
    MachineStats.CpuStats cpu0 = r.machine().stats().cpus().get(0);
    // 1 MB of remote array, one load per 128-byte line: at least one miss per line
    assertTrue(cpu0.remoteMisses() >= 8192, "remote misses " + cpu0.remoteMisses());
    assertEquals(7, r.machine().stats().hottestPages().get(0).homeNode());
  }

  /**
   * With a miss threshold, the remote walk makes the remote node's pages hot for CPU 0's node:
   * the machine raises IP5 on CPU 0 and queues the events, in page order, for the device.
   */
  @Test
  void missCounterThresholdRaisesTheHotPageInterrupt() throws Exception {
    MachineConfig f8 = MachineConfig.preset("flash-8");
    MachineConfig hot = f8.withMissThreshold(16);
    Run r = boot("remote", hot, Map.of());
    int ip5 = 1 << (8 + 5);
    assertTrue((r.machine().cpus().get(0).cp0().cause() & ip5) != 0, "IP5 not raised");
    var first = r.machine().missCounters().pollHotPage();
    assertTrue(first != null);
    assertEquals(0, first.node());
    assertTrue(first.count() >= 16);
    // The same run without a threshold raises nothing.
    Run quiet = boot("remote", f8, Map.of());
    assertEquals(0, quiet.machine().cpus().get(0).cp0().cause() & ip5);
    assertEquals(null, quiet.machine().missCounters().pollHotPage());
  }
}
