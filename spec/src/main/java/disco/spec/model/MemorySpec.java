package disco.spec.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Memory virtualization, copy-on-write sharing, migration and replication, as a guest sees them.
 *
 * <p>Each virtual machine owns a private physical memory of {@code pages} pages, one value per page
 * (a page is the unit the monitor maps, shares, moves and copies; what happens inside a page is
 * the processor's business). A read returns the last value that virtual machine wrote there, or
 * zero if it never wrote, or what its last disk read or received page put there. No operation of
 * another virtual machine changes it.
 *
 * <p>Sharing is invisible: a disk read maps a page of the monitor's global disk cache copy-on-write
 * and a send remaps the sender's page copy-on-write into the receiver (Section 4.2.5 and 4.2.6 of
 * the paper), but here both are plain copies, so a later write by one sharer is seen by it alone.
 * Migration, replication and collapse change only where a page lives, never what any guest
 * observes: at this level they are stutters ({@link Placement}).
 *
 * <p>{@link #step} is pure: it returns the next state and what the guest saw.
 */
public final class MemorySpec {
  private MemorySpec() {}

  /** One virtual machine's memory, and whether it still runs. */
  public record Vm(boolean running, List<Integer> memory) {
    public Vm {
      memory = List.copyOf(memory);
    }

    Vm with(int page, int value) {
      List<Integer> m = new ArrayList<>(memory);
      m.set(page, value);
      return new Vm(running, m);
    }
  }

  /** Every virtual machine's memory and the contents of the (shared, non-persistent) disk. */
  public record State(List<Vm> vms, List<Integer> disk) {
    public State {
      vms = List.copyOf(vms);
      disk = List.copyOf(disk);
    }

    public int read(int vm, int page) {
      return vms.get(vm).memory().get(page);
    }

    State with(int vm, Vm replacement) {
      List<Vm> v = new ArrayList<>(vms);
      v.set(vm, replacement);
      return new State(v, disk);
    }
  }

  /** The operations of the memory model. */
  public sealed interface Op {
    /** The virtual machine whose memory the operation may change, or -1 for none. */
    int vm();
  }

  /** A guest store of {@code value} into its physical page. */
  public record Write(int vm, int page, int value) implements Op {}

  /** A guest load from its physical page. */
  public record Read(int vm, int page) implements Op {}

  /** A disk read of {@code block} into the guest's page (through the global disk cache). */
  public record DiskRead(int vm, int page, int block) implements Op {}

  /** The virtual network: a page-aligned payload of {@code from} lands in {@code to}'s page. */
  public record Send(int fromVm, int fromPage, int vm, int page) implements Op {}

  /** The guest gives a page back to the monitor; its next read of it returns zero. */
  public record Discard(int vm, int page) implements Op {}

  /** The virtual machine crashes: it stops alone, and its memory is gone. */
  public record Crash(int vm) implements Op {}

  /** Migration, replication or collapse: only placement changes, so the state does not. */
  public record Placement(String what) implements Op {
    @Override
    public int vm() {
      return -1;
    }
  }

  /** The next state and what the guest saw. */
  public record Outcome(State next, Seen seen) {}

  /** Every virtual machine running with zeroed memory; {@code disk} gives each block's contents. */
  public static State initial(int vms, int pages, List<Integer> disk) {
    Vm zero = new Vm(true, Collections.nCopies(pages, 0));
    return new State(Collections.nCopies(vms, zero), disk);
  }

  public static Outcome step(State s, Op op) {
    if (op.vm() >= 0 && !s.vms().get(op.vm()).running()) {
      return new Outcome(s, Seen.STOPPED);
    }
    if (op instanceof Write w) {
      return written(s, w.vm(), w.page(), w.value());
    } else if (op instanceof Read r) {
      return new Outcome(s, new Seen.Value(s.read(r.vm(), r.page())));
    } else if (op instanceof DiskRead d) {
      return written(s, d.vm(), d.page(), s.disk().get(d.block()));
    } else if (op instanceof Send n) {
      return s.vms().get(n.fromVm()).running()
          ? written(s, n.vm(), n.page(), s.read(n.fromVm(), n.fromPage()))
          : new Outcome(s, Seen.STOPPED);
    } else if (op instanceof Discard d) {
      return written(s, d.vm(), d.page(), 0);
    } else if (op instanceof Crash c) {
      int pages = s.vms().get(c.vm()).memory().size();
      return new Outcome(s.with(c.vm(), new Vm(false, Collections.nCopies(pages, 0))), Seen.NOTHING);
    }
    return new Outcome(s, Seen.NOTHING); // Placement: a stutter
  }

  private static Outcome written(State s, int vm, int page, int value) {
    return new Outcome(s.with(vm, s.vms().get(vm).with(page, value)), Seen.NOTHING);
  }
}
