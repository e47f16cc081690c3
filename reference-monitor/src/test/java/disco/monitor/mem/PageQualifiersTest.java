package disco.monitor.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.testing.QualifierCompile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pmap, memmap, machine pages and L2TLB take page numbers and addresses of one space each: a
 * machine page number where a guest page is due, or the reverse, does not compile; the monitor's own
 * use of them (a guest page through the pmap into the memmap) does.
 */
class PageQualifiersTest {
  @TempDir Path dir;

  @Test
  void aMachinePageWhereAGuestPageIsDueDoesNotCompile() throws Exception {
    QualifierCompile.Result r = QualifierCompile.compile(dir, "Mixed", """
        import disco.monitor.mem.*;
        class Mixed {
          int use(Pmap pmap, MachinePages pages) {
            int m = pages.allocate(0, 0);
            return pmap.machinePage(m);   // a machine page number as a guest page: the bug to catch
          }
        }
        """);
    assertNotEquals(0, r.status(), r.output());
    assertTrue(r.output().contains("argument") && r.output().contains("gpn"), r.output());
  }

  @Test
  void aPmapResultAsTheMemmapsGuestPageDoesNotCompile() throws Exception {
    QualifierCompile.Result r = QualifierCompile.compile(dir, "Swapped", """
        import disco.monitor.mem.*;
        import disco.spec.addr.*;
        class Swapped {
          void use(Pmap pmap, Memmap memmap, @GuestPhysical int gpn) {
            @MachineAddr int m = pmap.machinePage(gpn);
            memmap.add(m, 0, m, pmap);    // machine page passed as the guest page
          }
        }
        """);
    assertNotEquals(0, r.status(), r.output());
    assertTrue(r.output().contains("guestPage"), r.output());
  }

  @Test
  void theMonitorsOwnUseCompiles() throws Exception {
    QualifierCompile.Result r = QualifierCompile.compile(dir, "Right", """
        import disco.monitor.mem.*;
        import disco.spec.addr.*;
        class Right {
          void use(Pmap pmap, Memmap memmap, MachinePages pages, L2Tlb l2, int rawVa) {
            @GuestPhysical int gpn = Addresses.guestPage(3);
            @MachineAddr int m = pages.allocate(0, 0);
            memmap.add(m, 0, gpn, pmap);
            @MachineAddr int back = pmap.machinePage(memmap.guestPageOf(m));
            l2.lookup(Addresses.guestVirtual(rawVa), 0);
            l2.invalidateMachinePage(back);
          }
        }
        """);
    assertEquals(0, r.status(), r.output());
  }
}
