package disco.hw.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.hw.guests.GuestImages;
import disco.hw.machine.DeviceEvent;
import disco.hw.machine.MachineConfig;
import disco.hw.numa.DirectoryState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine as a monitor drives it through the port: nodes, IPIs, console, disk DMA, counters. */
class MachinePortTest {
  @TempDir Path dir;

  private static final int MB32 = 32 << 20;

  @Test
  void nodesOfCpusAndPages() throws Exception {
    MachinePort p = new Booted("hello", MachineConfig.preset("flash-4").withMemoryPerNodeMb(32), Map.of()).port;
    assertEquals(4, p.nodes());
    assertEquals(3, p.nodeOfCpu(3));
    assertEquals(0, p.nodeOfPage(0));
    assertEquals(2, p.nodeOfPage((2L * MB32) >>> 12));
    assertEquals(3, p.nodeOfPage((4L * MB32 >>> 12) - 1));
  }

  @Test
  void anIpiStartsAParkedCpuAndRaisesIp3() throws Exception {
    Booted b = new Booted("hello", MachineConfig.preset("flash-4"), Map.of());
    assertFalse(b.machine.started(2));
    b.port.sendIpi(2);
    assertTrue(b.machine.started(2));
    assertEquals(1 << (8 + 3), b.port.cpu(2).readCp0(13, 0) & (1 << (8 + 3)));
    assertEquals(2, b.port.cpu(2).gpr(4), "$a0 holds the CPU number at the boot entry");
    b.port.startCpu(3);
    assertTrue(b.machine.started(3));
    assertEquals(0, b.port.cpu(3).readCp0(13, 0) & (1 << (8 + 3)), "started without an interrupt");
  }

  @Test
  void consoleWrites() throws Exception {
    Booted b = new Booted("hello", MachineConfig.preset("flash-1"), Map.of());
    for (char c : "monitor\n".toCharArray()) {
      b.port.consoleWrite(c);
    }
    assertEquals("monitor\n", b.consoleText());
    assertEquals(-1, b.port.consoleRead(), "no input");
  }

  /** A monitor's DMA write to memory invalidates cached copies and ends with the listener's call. */
  @Test
  void aMonitorsDiskReadGoesThroughTheDirectory() throws Exception {
    Booted b = new Booted("hello", MachineConfig.preset("flash-8"), Map.of(0, GuestImages.writeDisk(dir.resolve("d.img"))));
    MachinePort p = b.port;
    assertEquals(GuestImages.DISK_SECTORS, p.diskSectors(0));
    assertFalse(p.diskRead(1, 0, 1, 0x10_0000, 1), "no disk 1");
    assertFalse(p.diskRead(0, 15, 2, 0x10_0000, 1), "past the end");
    assertFalse(p.diskRead(0, 0, 1, 0x1f00_0000, 1), "not RAM");
    // CPU 0 reads the line the DMA will overwrite, so that its cache holds it.
    p.cpu(0).cpu().memory().storeWord(0x10_0000, 7);
    p.machine().memorySystem().access(0, disco.spec.addr.Addresses.machine(0x10_0000), false);
    long line = p.memorySystem().lineOf(disco.spec.addr.Addresses.machine(0x10_0000));
    assertTrue(p.memorySystem().directoryEntry(line).state() != DirectoryState.UNCACHED);
    assertTrue(p.diskRead(0, 2, 1, 0x10_0000, 77));
    p.runRounds(Long.MAX_VALUE, Scheduler.ROUND_ROBIN);
    assertEquals(1, b.completions.size(), b.completions.toString());
    assertTrue(b.completions.get(0).contains("tag=77"), b.completions.toString());
    assertEquals(DirectoryState.UNCACHED, p.memorySystem().directoryEntry(line).state(), "the copy was invalidated");
    assertEquals(GuestImages.diskPattern(3)[2 * 512] & 0xff, b.machine.memory().loadByte(0x10_0000));
  }

  /**
   * A transfer a CPU asks for starts at that CPU's time, not at the machine clock, which the CPU
   * may be ahead of: its completion comes as long after the request as the same transfer started
   * by the controller would.
   */
  @Test
  void aTransferForACpuStartsAtThatCpusTime() throws Exception {
    Booted a = new Booted("hello", MachineConfig.preset("flash-1"), Map.of(0, GuestImages.writeDisk(dir.resolve("a.img"))));
    Booted b = new Booted("hello", MachineConfig.preset("flash-1"), Map.of(0, GuestImages.writeDisk(dir.resolve("b.img"))));
    for (Booted x : new Booted[] {a, b}) {
      x.port.cpu(0).step(2000);
      assertTrue(x.port.cpu(0).cycles() > x.port.clock() + 1000, "the CPU ran ahead of the machine clock");
    }
    long cpuTime = a.port.cpu(0).cycles();
    long clockTime = b.port.clock();
    assertTrue(a.port.diskTransfer(a.port.cpu(0), 0, 2, 2, 0x10_0000, true, 5));
    assertTrue(b.port.diskRead(0, 2, 2, 0x10_0000, 5));
    // The completion is a pending event of the machine: its cycle is when the transfer ends.
    long atCpu = transferEnd(a);
    long atClock = transferEnd(b);
    assertTrue(atCpu > atClock, "started at the CPU's time, the transfer ends later: " + atCpu + " vs " + atClock);
    assertEquals(atClock - clockTime, atCpu - cpuTime, "the same latency, counted from each start");
  }

  private static long transferEnd(Booted b) {
    List<DeviceEvent.Pending> transfers = b.port.pendingEvents().stream()
        .filter(e -> e.event() instanceof DeviceEvent.DiskTransfer).toList();
    assertEquals(1, transfers.size(), transfers.toString());
    return transfers.get(0).cycle();
  }
}
