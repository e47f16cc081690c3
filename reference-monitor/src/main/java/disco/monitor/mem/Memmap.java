package disco.monitor.mem;

import disco.spec.addr.Addresses;
import disco.spec.addr.GuestPhysical;
import disco.spec.addr.MachineAddr;
import java.util.Arrays;

/**
 * The memmap (paper 4.2.2): for every machine page, the VM and guest page that use it, the
 * back-mapping a TLB shootdown follows. Every page has at most one user until copy-on-write
 * sharing arrives; {@link #vmOf} is -1 for a page no VM uses.
 */
public final class Memmap {
  private final int[] vm;
  private final int[] gpn;

  public Memmap(int machinePages) {
    vm = new int[machinePages];
    gpn = new int[machinePages];
    Arrays.fill(vm, -1);
    Arrays.fill(gpn, -1);
  }

  public int vmOf(@MachineAddr int page) {
    return vm[page];
  }

  public @GuestPhysical int guestPageOf(@MachineAddr int page) {
    return Addresses.guestPage(gpn[page]);
  }

  /** Records that guest page {@code guestPage} of VM {@code vmId} is machine page {@code page}. */
  public void add(@MachineAddr int page, int vmId, @GuestPhysical int guestPage, Pmap pmap) {
    if (vm[page] >= 0) {
      throw new IllegalStateException("machine page " + page + " already backs VM " + vm[page]);
    }
    vm[page] = vmId;
    gpn[page] = guestPage;
    pmap.map(guestPage, page);
  }

  /** Forgets the mapping of machine page {@code page} in the memmap and in {@code pmap}. */
  public void remove(@MachineAddr int page, Pmap pmap) {
    pmap.unmap(guestPageOf(page));
    vm[page] = -1;
    gpn[page] = -1;
  }

  public int pages() {
    return vm.length;
  }

  /** The memmap as data: per machine page, its VM (-1: none) and guest page. */
  public record State(int[] vm, int[] guestPage) {}

  public State state() {
    return new State(vm.clone(), gpn.clone());
  }

  /** Puts back a {@link #state}; the pmaps are restored on their own. */
  public void restore(State s) {
    System.arraycopy(s.vm(), 0, vm, 0, vm.length);
    System.arraycopy(s.guestPage(), 0, gpn, 0, gpn.length);
  }
}
