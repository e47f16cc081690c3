package disco.spec.mem;

import disco.spec.addr.Addresses;
import disco.spec.addr.GuestPhysical;
import disco.spec.addr.MachineAddr;

/**
 * Page arithmetic for the 4 KB base page that Disco's pmap, memmap and page policies work in.
 * Page numbers are plain numbers; addresses keep their space through the conversion.
 */
public final class Pages {
  private Pages() {}

  public static final int PAGE_SHIFT = 12;
  public static final int PAGE_SIZE = 1 << PAGE_SHIFT;

  /** The page number of a guest-physical address. */
  public static long guestPageOf(@GuestPhysical long address) {
    return address >>> PAGE_SHIFT;
  }

  /** The page number of a machine address. */
  public static long machinePageOf(@MachineAddr long address) {
    return address >>> PAGE_SHIFT;
  }

  /** The byte offset of an address within its page. */
  public static int offsetInPage(long address) {
    return (int) (address & (PAGE_SIZE - 1));
  }

  /** The first machine address of machine page {@code page}. */
  public static @MachineAddr long machinePageBase(long page) {
    return Addresses.machine(page << PAGE_SHIFT);
  }

  /** The first guest-physical address of guest-physical page {@code page}. */
  public static @GuestPhysical long guestPageBase(long page) {
    return Addresses.guestPhysical(page << PAGE_SHIFT);
  }
}
