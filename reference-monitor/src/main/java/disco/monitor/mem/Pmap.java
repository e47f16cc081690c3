package disco.monitor.mem;

import disco.spec.addr.Addresses;
import disco.spec.addr.GuestPhysical;
import disco.spec.addr.MachineAddr;
import java.util.Arrays;

/**
 * One VM's pmap (paper 4.2.2): for every guest-physical page, the machine page behind it (or none
 * yet: pages get machine memory on first touch, on the node of the vCPU that touches them).
 */
public final class Pmap {
  private final int[] machinePage;

  public Pmap(int guestPages) {
    machinePage = new int[guestPages];
    Arrays.fill(machinePage, -1);
  }

  /** The VM's physical memory, in pages. */
  public int pages() {
    return machinePage.length;
  }

  /** Whether {@code gpa} lies inside the VM's physical memory. */
  public boolean contains(@GuestPhysical long gpa) {
    return gpa >= 0 && (gpa >>> 12) < machinePage.length;
  }

  /** The machine page behind guest page {@code gpn}, or -1 when it has none yet. */
  public @MachineAddr int machinePage(@GuestPhysical int gpn) {
    return Addresses.machinePage(machinePage[gpn]);
  }

  /** The machine address behind {@code gpa}, or -1 when its page has no machine page yet. */
  public @MachineAddr long translate(@GuestPhysical long gpa) {
    int m = machinePage[(int) (gpa >>> 12)];
    return Addresses.machine(m < 0 ? -1 : ((long) m << 12) | (gpa & 0xfff));
  }

  void map(@GuestPhysical int gpn, @MachineAddr int page) {
    machinePage[gpn] = page;
  }

  void unmap(@GuestPhysical int gpn) {
    machinePage[gpn] = -1;
  }

  /** Guest pages that have a machine page. */
  public int mappedPages() {
    int n = 0;
    for (int m : machinePage) {
      if (m >= 0) {
        n++;
      }
    }
    return n;
  }

  /** Puts back a {@link #snapshot} of this pmap. */
  public void restore(int[] pages) {
    if (pages.length != machinePage.length) {
      throw new IllegalArgumentException("a pmap of " + pages.length + " pages for one of " + machinePage.length);
    }
    System.arraycopy(pages, 0, machinePage, 0, pages.length);
  }

  /** A copy of the guest-page to machine-page array (-1 for none). */
  public int[] snapshot() {
    return machinePage.clone();
  }
}
