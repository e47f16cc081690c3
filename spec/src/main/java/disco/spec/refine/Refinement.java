package disco.spec.refine;

import disco.spec.model.GuestViewSpec;
import disco.spec.model.Seen;
import disco.spec.observe.MonitorView;
import java.util.List;
import java.util.Optional;

/**
 * The refinement check of one implementation step: seen through {@link Abstraction}, the step from
 * {@code before} to {@code after} must be a step of {@link GuestViewSpec} for the operation the
 * implementation says it performed, with the same observation; or, when it performed none a guest
 * can see (a vCPU switch, a migration), a stutter: the abstract state unchanged.
 */
public final class Refinement {
  private Refinement() {}

  /** The id of this check in the catalogue. */
  public static final String ID = "REF-1";

  /** Returns the violation, as sentences (empty when the step refines the spec). */
  public static List<String> check(
      MonitorView before, Optional<GuestViewSpec.Op> specOp, Seen seen, MonitorView after) {
    return check(before.shape().guestView(), Abstraction.of(before), specOp, seen, Abstraction.of(after));
  }

  /**
   * The check of an implementation step that is several spec steps in a row (one TLB write of a
   * page pair is two of the spec's one-page entries): some sequence of outcomes of {@code specOps}
   * from {@code from} must end in {@code to} with {@code seen} as the last observation. With no or
   * one operation it is {@link #check(GuestViewSpec.Shape, GuestViewSpec.State, Optional, Seen,
   * GuestViewSpec.State)}.
   */
  public static List<String> checkSequence(
      GuestViewSpec.Shape shape, GuestViewSpec.State from, List<GuestViewSpec.Op> specOps, Seen seen,
      GuestViewSpec.State to) {
    if (specOps.size() <= 1) {
      return check(shape, from, specOps.stream().findFirst(), seen, to);
    }
    List<GuestViewSpec.Outcome> reached = List.of(new GuestViewSpec.Outcome(from, Seen.NOTHING));
    for (GuestViewSpec.Op op : specOps) {
      List<GuestViewSpec.Outcome> next = new java.util.ArrayList<>();
      for (GuestViewSpec.Outcome o : reached) {
        // An exception ends the instruction: the steps after it do not happen.
        next.addAll(o.seen() instanceof Seen.GuestException ? List.of(o) : GuestViewSpec.outcomes(shape, o.next(), op));
      }
      reached = next;
    }
    return verdict(specOps, reached, seen, to);
  }

  /** The same check on abstract states already computed (an implementation may cache them). */
  public static List<String> check(
      GuestViewSpec.Shape shape, GuestViewSpec.State from, Optional<GuestViewSpec.Op> specOp, Seen seen,
      GuestViewSpec.State to) {
    if (specOp.isEmpty()) {
      return from.equals(to) ? List.of() : List.of("a stutter changed the guest-visible state: " + Diff.of(from, to));
    }
    return verdict(specOp.get(), GuestViewSpec.outcomes(shape, from, specOp.get()), seen, to);
  }

  /**
   * Empty when one of the {@code allowed} outcomes is {@code to} with {@code seen}; else what differs
   * from the first of them, named by {@code what} (the spec's operation or operations).
   */
  private static List<String> verdict(Object what, List<GuestViewSpec.Outcome> allowed, Seen seen,
      GuestViewSpec.State to) {
    for (GuestViewSpec.Outcome o : allowed) {
      if (o.next().equals(to) && o.seen().equals(seen)) {
        return List.of();
      }
    }
    GuestViewSpec.Outcome expected = allowed.get(0);
    if (!expected.seen().equals(seen)) {
      return List.of(what + ": the guest saw " + seen + " but the spec gives " + expected.seen());
    }
    return List.of(what + ": " + Diff.of(expected.next(), to) + " differs from the spec");
  }
}
