package disco.monitor.operate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.monitor.Disco;
import disco.monitor.MonitorInterface;
import disco.monitor.cpu.VirtualCp0;
import disco.monitor.trap.TraceEvent;
import disco.monitor.trap.TrapKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operation-level API against what the paper and the monitor interface promise: a guest's
 * physical memory through the supervisor window, its TLB writes through the pmap, its disk reads,
 * its isolation from the other VM, and snapshots that restore to the same run.
 */
class OperationDriverTest {
  static final int WINDOW = MonitorInterface.PHYS_BASE;
  /** EntryLo with PFN {@code gpn}, cacheable, dirty, valid. */
  static int lo(int gpn) {
    return gpn << 6 | 3 << 3 | 4 | 2;
  }

  @TempDir Path dir;

  Path disk() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4096);
    for (int i = 0; i < 1024; i++) {
      b.putInt(0x5ec7_0000 + i);
    }
    Path p = dir.resolve("disk.img");
    Files.write(p, b.array());
    return p;
  }

  /** Two VMs sharing CPU 0 of a 2-node machine with 4-entry TLBs and 2-entry L2TLBs. */
  OperationDriver driver() throws Exception {
    return new OperationDriver(Disco.boot(DrivenScenario.of(2, 4, 2, List.of(0, 0), disk()), OutputStream.nullOutputStream()));
  }

  static List<TrapKind> kinds(OperationResult r) {
    return r.monitor().stream().map(TraceEvent::kind).toList();
  }

  @Test
  void physicalMemoryThroughTheWindowIsTheVmsOwn() throws Exception {
    OperationDriver d = driver();
    OperationResult store = d.perform(new GuestOperation.Store(0, 0, WINDOW + 0x2000, 42));
    assertTrue(store.completed());
    assertEquals(List.of(TrapKind.TLB_PMAP), kinds(store), "the first touch is a pmap fill");
    OperationResult load = d.perform(new GuestOperation.Load(0, 0, WINDOW + 0x2000));
    assertEquals(42, load.value().getAsInt());
    assertEquals(List.of(), kinds(load), "the second access hits the hardware TLB");
    assertTrue(d.perform(new GuestOperation.Switch(1, 0)).completed());
    OperationResult other = d.perform(new GuestOperation.Load(1, 0, WINDOW + 0x2000));
    assertEquals(0, other.value().getAsInt(), "the other VM's page of the same number holds zeros");
    assertEquals(List.of(TrapKind.TLB_PMAP), kinds(other), "the switch flushed VM 0's entries");
    int m0 = d.disco().vms().get(0).pmap().machinePage(2);
    int m1 = d.disco().vms().get(1).pmap().machinePage(2);
    assertNotEquals(m0, m1);
  }

  @Test
  void aGuestTlbWriteIsTranslatedThroughThePmap() throws Exception {
    OperationDriver d = driver();
    OperationResult w = d.perform(new GuestOperation.TlbWrite(0, 0, 1, 0x0000_4000 | 5, lo(3), lo(7)));
    assertTrue(w.completed());
    assertEquals(5, d.disco().vms().get(0).vcpus().get(0).cp0().tlbEntry(1).entryHi() & 0xff);
    assertTrue(d.perform(new GuestOperation.Mtc0(0, 0, 10, 5)).completed());
    assertTrue(d.perform(new GuestOperation.Store(0, 0, 0x5000, 7)).completed());
    assertEquals(7, d.perform(new GuestOperation.Load(0, 0, WINDOW + 0x7000)).value().getAsInt(),
        "useg 0x5000 is the odd page of the pair: guest page 7");
    OperationResult miss = d.perform(new GuestOperation.Load(0, 0, 0x9000));
    assertFalse(miss.completed(), "no guest entry maps 0x9000");
    assertEquals(List.of(TrapKind.TLB_FORWARDED), kinds(miss));
    VirtualCp0 cp0 = d.disco().vms().get(0).vcpus().get(0).cp0();
    assertEquals(0x9000, cp0.badVAddr());
    assertEquals(2, (cp0.cause() >>> 2) & 0x1f, "TLBL reaches the guest");
  }

  @Test
  void aTlbEntryBeyondTheVmsMemoryIsABusError() throws Exception {
    OperationDriver d = driver();
    d.perform(new GuestOperation.TlbWrite(0, 0, 0, 0x0000_2000, lo(0x100), 0));
    OperationResult r = d.perform(new GuestOperation.Load(0, 0, 0x2000));
    assertFalse(r.completed());
    VirtualCp0 cp0 = d.disco().vms().get(0).vcpus().get(0).cp0();
    assertEquals(7, (cp0.cause() >>> 2) & 0x1f, "DBE: guest page 0x100 is past its 1 MB");
    assertNull(r.stopReason());
  }

  @Test
  void thePrivilegedRegisterPageIsReadOnly() throws Exception {
    OperationDriver d = driver();
    OperationResult read = d.perform(new GuestOperation.Load(0, 0, MonitorInterface.PRIV_PAGE + MonitorInterface.PRIV_MEMORY_BYTES));
    assertEquals(1 << 20, read.value().getAsInt());
    OperationResult store = d.perform(new GuestOperation.Store(0, 0, MonitorInterface.PRIV_PAGE, 1));
    assertFalse(store.completed());
    assertEquals(5, (d.disco().vms().get(0).vcpus().get(0).cp0().cause() >>> 2) & 0x1f, "ADES");
  }

  @Test
  void aDiskReadLandsInTheVmsPageAndTheVcpuWaitsForIt() throws Exception {
    OperationDriver d = driver();
    OperationResult r = d.perform(new GuestOperation.MonitorCall(0, 0, MonitorInterface.MC_DISK_READ, 0, 1, 1, 0x3000));
    assertEquals(0, r.value().getAsInt());
    assertFalse(d.enabled(new GuestOperation.Load(0, 0, WINDOW)), "the CPU went idle while the vCPU waited");
    assertTrue(d.perform(new GuestOperation.Switch(0, 0)).completed());
    assertEquals(0x5ec7_0000 + 128, d.perform(new GuestOperation.Load(0, 0, WINDOW + 0x3000)).value().getAsInt(),
        "sector 1 starts at the disk's word 128");
    OperationResult outside = d.perform(new GuestOperation.MonitorCall(0, 0, MonitorInterface.MC_DISK_READ, 0, 0, 1, 0x10_0000));
    assertEquals(-MonitorInterface.EFAULT, outside.value().getAsInt(), "the VM's memory ends at 1 MB");
  }

  @Test
  void aSnapshotRestoresToTheSameRun() throws Exception {
    OperationDriver d = driver();
    d.perform(new GuestOperation.Store(0, 0, WINDOW + 0x1000, 1));
    Disco.Snapshot s0 = d.disco().snapshot();
    String f0 = d.disco().fingerprint();
    List<GuestOperation> ops = List.of(new GuestOperation.TlbWrite(0, 0, 2, 0x6000, lo(1), lo(4)),
        new GuestOperation.Store(0, 0, 0x6000, 9), new GuestOperation.Switch(1, 0),
        new GuestOperation.Store(1, 0, WINDOW + 0x1000, 2), new GuestOperation.Switch(0, 0));
    ops.forEach(d::perform);
    String f1 = d.disco().fingerprint();
    assertNotEquals(f0, f1);
    d.disco().restore(s0);
    assertEquals(f0, d.disco().fingerprint());
    ops.forEach(d::perform);
    assertEquals(f1, d.disco().fingerprint());
    assertEquals(9, d.perform(new GuestOperation.Load(0, 0, WINDOW + 0x1000)).value().getAsInt());

    OperationDriver fresh = driver();
    fresh.disco().restore(s0);
    assertEquals(f0, fresh.disco().fingerprint(), "a freshly booted Disco takes the state as well");
    ops.forEach(fresh::perform);
    assertEquals(f1, fresh.disco().fingerprint());
  }

  @Test
  void anOperationOfAVcpuThatDoesNotRunIsRefused() throws Exception {
    OperationDriver d = driver();
    assertFalse(d.enabled(new GuestOperation.Load(1, 0, WINDOW)));
    assertThrows(IllegalStateException.class, () -> d.perform(new GuestOperation.Load(1, 0, WINDOW)));
    assertFalse(d.enabled(new GuestOperation.Switch(0, 0)), "it runs already");
    assertFalse(d.enabled(new GuestOperation.Load(2, 0, WINDOW)), "no VM 2");
  }
}
