package disco.check.refmodel;

import disco.spec.observe.MonitorView;
import java.util.List;

/**
 * The size of an abstract monitor model: how many of everything.
 *
 * <p>Machine page 0 is the monitor's own; pages {@code 1..vms} are the virtual machines'
 * privileged-register pages; the rest are the pool the monitor allocates from. Page {@code p} is
 * homed on node {@code p mod nodes}; processor {@code c} sits on node {@code c mod nodes}. Each
 * virtual machine has one virtual CPU.
 *
 * @param vms virtual machines
 * @param cpus physical processors
 * @param nodes NUMA nodes
 * @param guestPages guest-physical pages per virtual machine
 * @param vpns guest-virtual pages a guest maps through its TLB; vpn {@code vpns} is the
 *     privileged-register page
 * @param asids address-space ids a guest uses
 * @param tlbEntries entries of each virtual CPU's TLB
 * @param hardwareTlbEntries entries of each processor's TLB
 * @param machinePages all machine pages, the monitor's and the privileged-register pages included
 * @param disk the contents of each disk block
 * @param values the values a guest store writes
 */
public record MonitorConfig(
    int vms, int cpus, int nodes, int guestPages, int vpns, int asids, int tlbEntries, int hardwareTlbEntries,
    int machinePages, List<Integer> disk, List<Integer> values) {

  public MonitorConfig {
    disk = List.copyOf(disk);
    values = List.copyOf(values);
    if (vms < 1 || vms > 62 || cpus < 1 || nodes < 1 || guestPages < 1 || vpns < 1 || asids < 1 || tlbEntries < 1
        || hardwareTlbEntries < 1 || disk.isEmpty() || values.isEmpty()) {
      throw new IllegalArgumentException("every count must be positive (and vms at most 62): " + this);
    }
    if (machinePages < vms + 2) {
      throw new IllegalArgumentException("machinePages must leave a pool above the reserved pages: " + this);
    }
  }

  /** The default for exhaustive search: two virtual machines on one processor and two nodes. */
  public static MonitorConfig small() {
    return new MonitorConfig(2, 1, 2, 2, 1, 1, 1, 1, 9, List.of(7), List.of(1));
  }

  /** A size for random action chains: eight virtual machines, hundreds of pages. */
  public static MonitorConfig large() {
    return new MonitorConfig(8, 4, 4, 24, 6, 2, 4, 8, 400, List.of(7, 8, 9, 10), List.of(1, 2, 3));
  }

  /** The sizes as the observation interface states them (one virtual CPU per virtual machine, Wired 0). */
  public MonitorView.Shape shape() {
    return new MonitorView.Shape(vms, 1, cpus, nodes, guestPages, machinePages, disk.size(), tlbEntries, 0, privilegedVpn());
  }

  public int privilegedVpn() {
    return vpns;
  }

  public int privilegedPage(int vm) {
    return 1 + vm;
  }

  public int firstPoolPage() {
    return 1 + vms;
  }

  public int nodeOfPage(int page) {
    return page % nodes;
  }

  public int nodeOfCpu(int cpu) {
    return cpu % nodes;
  }
}
