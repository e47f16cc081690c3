package disco.hw.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.hw.cpu.Cpu;
import disco.hw.cpu.ExcCode;
import disco.hw.elf.ElfFile;
import disco.hw.machine.Machine;
import disco.hw.machine.MachineConfig;
import disco.hw.machine.StopReason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The hostile guests of {@code guests/baremetal/hostile} end as {@code hostile/expected.txt}
 * says: a bus error the guest's own handler sees, an error status, or a stated stop reason; never a
 * Java exception and never a silent hang.
 */
class HostileGuestsTest {
  static final long MAX_CYCLES = 10_000_000;

  record Run(StopReason reason, String console) {}

  static Run boot(String name, MachineConfig config) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Machine m = new Machine(config, new TreeMap<>(), new ByteArrayInputStream(new byte[0]), out);
    m.load(ElfFile.read(GuestImages.hostileImage(name)));
    StopReason reason = m.run(MAX_CYCLES, null);
    return new Run(reason, out.toString(StandardCharsets.US_ASCII));
  }

  static String stopName(StopReason r) {
    if (r instanceof StopReason.Halted) {
      return "halted";
    } else if (r instanceof StopReason.NoProgress) {
      return "no-progress";
    } else if (r instanceof StopReason.Idle) {
      return "idle";
    }
    return "cycle-limit";
  }

  @TestFactory
  Stream<DynamicTest> everyHostileGuestEndsAsExpected() throws Exception {
    return GuestImages.hostile().stream().flatMap(h -> Stream.of("flash-8", "flash-1").map(preset ->
        DynamicTest.dynamicTest(h.name() + " on " + preset, () -> {
          Run r = boot(h.name(), MachineConfig.preset(preset));
          assertEquals(h.stop(), stopName(r.reason()), r.reason().sentence());
          assertEquals(h.exitStatus(), r.reason().exitStatus(), r.reason().sentence());
          if (h.stop().equals("halted") && h.exitStatus() > 100 && h.exitStatus() < 100 + 32) {
            // the guest's handler printed the exception it took
            assertEquals(String.format("exc %d%d%n", (h.exitStatus() - 100) / 10, (h.exitStatus() - 100) % 10),
                r.console());
          }
        })));
  }

  @Test
  void thereAreAtLeastTwentyAndEveryKindOfEndIsCovered() throws Exception {
    List<GuestImages.Hostile> all = GuestImages.hostile();
    assertTrue(all.size() >= 20, "only " + all.size() + " hostile guests");
    for (String stop : List.of("halted", "no-progress", "idle", "cycle-limit")) {
      assertTrue(all.stream().anyMatch(h -> h.stop().equals(stop)), "no hostile guest ends " + stop);
    }
  }

  @Test
  void aKernelEnteredInKusegIsStoppedWithTheLoopNamed() throws Exception {
    Run r = boot("entry-kuseg", MachineConfig.preset("flash-1"));
    StopReason.NoProgress np = (StopReason.NoProgress) r.reason();
    assertEquals(0, np.cpu());
    assertEquals(ExcCode.IBE, np.loop().code());
    assertEquals(0xbfc0_0380, np.loop().pc()); // BEV=1: the general vector of the boot ROM (Vol. III, "Exception Vector Locations")
    assertEquals(Cpu.EXCEPTION_LOOP_LIMIT, np.loop().repeats());
    assertEquals("CPU 0 makes no progress: IBE (bus error on fetch) at pc 0xbfc00380, 1000 times in a row with"
        + " no instruction completing: the exception vector has nothing to execute", r.reason().sentence());
  }

  @Test
  void onMachinesAbove496MbTheDeviceWindowWinsOverRam() throws Exception {
    // RAM would otherwise shadow the window: console and halt writes would go to memory and the
    // run would hang with no word (docs/devices.md, "Physical memory and nodes").
    for (MachineConfig c : List.of(MachineConfig.preset("flash-1").withMemoryPerNodeMb(497),
        new MachineConfig("3x1024", 3, 1, 1024, true, 1024, 128, 2, "MESI", 1, 60, 180, 10_000, 64, 0,
            disco.hw.Endianness.BIG))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Machine m = new Machine(c, new TreeMap<>(), new ByteArrayInputStream(new byte[0]), out);
      m.load(ElfFile.read(GuestImages.image("hello")));
      assertEquals(new StopReason.Halted(0), m.run(MAX_CYCLES, null), c.name());
      assertTrue(out.toString(StandardCharsets.US_ASCII).endsWith("goodbye\n"), c.name());
    }
  }

  @Test
  void aLinuxProgramGivenAsTheKernelIsStoppedNotLeftRunning() throws Exception {
    // A static mips-linux-gnu program: loaded at 0x00400000, entered in kuseg with BEV=1, so its
    // first fetch is a TLB refill to 0xBFC00200, where nothing is (Vol. III, "Exception Vector Locations").
    disco.testing.Tools.require(disco.testing.MipsCompiler.COMPILER);
    java.nio.file.Path elf = disco.testing.MipsCompiler.compile(
        GuestImages.dir().resolveSibling("linux").resolve("int_arith.c"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Machine m = new Machine(MachineConfig.preset("flash-8"), new TreeMap<>(), new ByteArrayInputStream(new byte[0]), out);
    m.load(ElfFile.read(elf));
    // A limit far beyond the detection, so that a machine without it fails here instead of hanging.
    StopReason r = m.run(100_000_000, null);
    assertEquals(StopReason.NoProgress.EXIT_STATUS, r.exitStatus(), r.sentence());
  }
}
