package disco.spec.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The guest's view of its TLB: what TLBWI, TLBWR, TLBP and TLBR do and what a translation returns
 * for one virtual CPU, in guest-physical terms. The monitor keeps this TLB in the virtual CPU's
 * virtual CP0 and composes it with the pmap into the hardware TLB and the L2TLB; none of that may
 * show here.
 *
 * <p>One entry maps one virtual page (the even/odd pairing and page masks of the R4000 are the
 * processor model's business; here a page is the unit). An entry matches a virtual page when its
 * VPN is equal and it is global or its ASID is the current one; valid (V) and dirty (D, writable)
 * decide what a matching translation gives. The reset contents are {@link Entry#EMPTY}, which no
 * probe matches.
 */
public final class GuestTlbSpec {
  private GuestTlbSpec() {}

  /** One TLB entry in guest-physical terms. */
  public record Entry(int vpn, int asid, boolean global, int guestPage, boolean valid, boolean dirty) {
    /** An entry that matches no virtual page. */
    public static final Entry EMPTY = new Entry(-1, 0, false, 0, false, false);

    public boolean matches(int page, int currentAsid) {
      return vpn >= 0 && vpn == page && (global || asid == currentAsid);
    }
  }

  /**
   * The TLB of one virtual CPU: its entries, the current ASID (EntryHi), and Wired (the entries
   * TLBWR never replaces).
   */
  public record State(List<Entry> entries, int asid, int wired) {
    public State {
      entries = List.copyOf(entries);
      if (wired < 0 || wired >= entries.size()) {
        throw new IllegalArgumentException("wired must be 0.." + (entries.size() - 1) + ", got " + wired);
      }
    }

    State with(int index, Entry e) {
      List<Entry> list = new ArrayList<>(entries);
      list.set(index, e);
      return new State(list, asid, wired);
    }

    /** The first entry matching {@code vpn} under the current ASID, or -1. */
    public int probe(int vpn) {
      for (int i = 0; i < entries.size(); i++) {
        if (entries.get(i).matches(vpn, asid)) {
          return i;
        }
      }
      return -1;
    }
  }

  /** The exceptions a translation raises, as the guest's handler sees them. */
  public enum Fault {
    /** No entry matches: the refill vector. */
    TLB_REFILL,
    /** A matching entry is not valid. */
    TLB_INVALID,
    /** A store through a matching valid entry that is not dirty. */
    TLB_MODIFIED,
    /**
     * A TLB write that would make two entries match one address: the architecture leaves such a TLB
     * undefined and implementations raise Machine Check, writing nothing (MIPS32 Vol. III 6.2.18).
     */
    MACHINE_CHECK
  }

  /** What a translation gives: a guest-physical page and write permission, or a fault. */
  public sealed interface Translation {}

  public record Mapped(int guestPage, boolean writable) implements Translation {}

  public record Faulted(Fault fault) implements Translation {}

  /** The TLB instructions of the guest, and a translation by the processor. */
  public sealed interface Op {}

  /** TLBWI: write {@code entry} at {@code index}. */
  public record WriteIndexed(int index, Entry entry) implements Op {}

  /** TLBWR: write {@code entry} at an index the guest does not choose, at or above Wired. */
  public record WriteRandom(Entry entry) implements Op {}

  /** TLBP for {@code vpn} under the current ASID. */
  public record Probe(int vpn) implements Op {}

  /** TLBR of the entry at {@code index}. */
  public record Read(int index) implements Op {}

  /** MTC0 EntryHi: a new current ASID. */
  public record SetAsid(int asid) implements Op {}

  public record Outcome(State next, Seen seen) {}

  public static State initial(int entries, int wired) {
    return new State(Collections.nCopies(entries, Entry.EMPTY), 0, wired);
  }

  /** A translation of {@code vpn} for a load or a store; it changes nothing. */
  public static Translation translate(State s, int vpn, boolean store) {
    int i = s.probe(vpn);
    if (i < 0) {
      return new Faulted(Fault.TLB_REFILL);
    }
    Entry e = s.entries().get(i);
    if (!e.valid()) {
      return new Faulted(Fault.TLB_INVALID);
    }
    if (store && !e.dirty()) {
      return new Faulted(Fault.TLB_MODIFIED);
    }
    return new Mapped(e.guestPage(), e.dirty());
  }

  /**
   * Every outcome the architecture allows: one, except for TLBWR, which may write any index from
   * Wired to the last.
   */
  public static List<Outcome> allowed(State s, Op op) {
    if (op instanceof WriteRandom r) {
      List<Outcome> out = new ArrayList<>();
      for (int i = s.wired(); i < s.entries().size(); i++) {
        out.add(write(s, i, r.entry()));
      }
      return out;
    }
    return List.of(step(s, op));
  }

  /** A write of {@code e} at {@code index}, or a Machine Check that writes nothing. */
  static Outcome write(State s, int index, Entry e) {
    return duplicates(s, index, e) ? new Outcome(s, new Seen.GuestException(Fault.MACHINE_CHECK))
        : new Outcome(s.with(index, e), Seen.NOTHING);
  }

  /** Whether {@code e} at {@code index} would match a page another entry matches (for some ASID). */
  public static boolean duplicates(State s, int index, Entry e) {
    if (e.vpn() < 0) {
      return false;
    }
    for (int i = 0; i < s.entries().size(); i++) {
      Entry o = s.entries().get(i);
      if (i != index && o.vpn() == e.vpn() && (e.global() || o.global() || o.asid() == e.asid())) {
        return true;
      }
    }
    return false;
  }

  /** The outcome of a deterministic operation (any but TLBWR). */
  public static Outcome step(State s, Op op) {
    if (op instanceof WriteIndexed w) {
      return write(s, w.index(), w.entry());
    } else if (op instanceof Probe p) {
      return new Outcome(s, new Seen.ProbeIndex(s.probe(p.vpn())));
    } else if (op instanceof Read r) {
      return new Outcome(s, new Seen.EntryRead(s.entries().get(r.index())));
    } else if (op instanceof SetAsid a) {
      return new Outcome(new State(s.entries(), a.asid(), s.wired()), Seen.NOTHING);
    }
    throw new IllegalArgumentException("TLBWR has several outcomes; use allowed(): " + op);
  }
}
