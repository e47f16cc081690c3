package disco.monitor.mem;

import disco.spec.addr.Addresses;
import disco.spec.addr.MachineAddr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Machine memory as Disco hands it out (paper 4.2.2, 4.2.3): free pages per node, Disco's own pages
 * (its code, replicated on every node as the paper's 72 KB were, and its data), and the owner of
 * every page. Pages are handed out lowest first on the node asked for, so runs are deterministic.
 */
public final class MachinePages {
  /** Owner value of a free page. */
  public static final int FREE = -1;
  /** Owner value of a page of Disco's own code or data. */
  public static final int MONITOR = -2;

  private final int pagesPerNode;
  private final int[] owner;
  private final List<ArrayDeque<Integer>> free = new ArrayList<>();
  private final int monitorPagesPerNode;

  /**
   * @param nodes the machine's nodes
   * @param pagesPerNode machine pages on each node
   * @param usablePages pages below this number exist (the device window's carve-out above it)
   * @param monitorPagesPerNode pages at the bottom of each node that hold Disco itself
   */
  public MachinePages(int nodes, int pagesPerNode, int usablePages, int monitorPagesPerNode) {
    this.pagesPerNode = pagesPerNode;
    this.monitorPagesPerNode = monitorPagesPerNode;
    owner = new int[nodes * pagesPerNode];
    for (int n = 0; n < nodes; n++) {
      ArrayDeque<Integer> q = new ArrayDeque<>();
      for (int p = n * pagesPerNode; p < (n + 1) * pagesPerNode; p++) {
        if (p - n * pagesPerNode < monitorPagesPerNode) {
          owner[p] = MONITOR;
        } else if (p < usablePages) {
          owner[p] = FREE;
          q.add(p);
        } else {
          owner[p] = MONITOR; // no memory there (the device window): never handed out
        }
      }
      free.add(q);
    }
  }

  public int nodes() {
    return free.size();
  }

  public int totalPages() {
    return owner.length;
  }

  public int monitorPagesPerNode() {
    return monitorPagesPerNode;
  }

  public int nodeOf(@MachineAddr int page) {
    return page / pagesPerNode;
  }

  /**
   * A free page for {@code newOwner} (a VM number, or {@link #MONITOR}), from {@code node} if it has
   * one, else from the next node that does; -1 when machine memory is exhausted.
   */
  public @MachineAddr int allocate(int node, int newOwner) {
    for (int i = 0; i < free.size(); i++) {
      ArrayDeque<Integer> q = free.get((node + i) % free.size());
      Integer p = q.poll();
      if (p != null) {
        owner[p] = newOwner;
        return Addresses.machinePage(p);
      }
    }
    return Addresses.machinePage(-1);
  }

  /** Gives page {@code page} back to its node's free list. */
  public void release(@MachineAddr int page) {
    if (owner[page] == FREE) {
      throw new IllegalStateException("machine page " + page + " is already free");
    }
    owner[page] = FREE;
    free.get(nodeOf(page)).addFirst(page);
  }

  /** The owner of {@code page}: a VM number, {@link #FREE} or {@link #MONITOR}. */
  public int owner(@MachineAddr int page) {
    return owner[page];
  }

  public int freePages() {
    int n = 0;
    for (ArrayDeque<Integer> q : free) {
      n += q.size();
    }
    return n;
  }

  /** Pages owned by {@code who}. */
  public int pagesOwnedBy(int who) {
    int n = 0;
    for (int o : owner) {
      if (o == who) {
        n++;
      }
    }
    return n;
  }

  /** Machine memory as data: every page's owner, and each node's free list in hand-out order. */
  public record State(int[] owner, List<int[]> free) {}

  public State state() {
    List<int[]> f = new ArrayList<>();
    for (ArrayDeque<Integer> q : free) {
      f.add(q.stream().mapToInt(Integer::intValue).toArray());
    }
    return new State(owner.clone(), f);
  }

  public void restore(State s) {
    System.arraycopy(s.owner(), 0, owner, 0, owner.length);
    for (int n = 0; n < free.size(); n++) {
      ArrayDeque<Integer> q = free.get(n);
      q.clear();
      for (int p : s.free().get(n)) {
        q.add(p);
      }
    }
  }

  /** The machine address of page {@code page}. */
  public static @MachineAddr long address(@MachineAddr int page) {
    return Addresses.machine((long) page << 12);
  }
}
