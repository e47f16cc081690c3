package disco.monitor.observe;

import disco.monitor.Disco;
import disco.monitor.trap.TraceEvent;
import disco.spec.invariant.Invariant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Checks invariants on a live monitor after every trap: installed as the consumer of
 * {@link disco.monitor.trap.TrapDispatcher#trace}, it evaluates each invariant on the view at every
 * trace event and keeps the violations, each with its invariant id and the event. The dispatcher
 * notes a trap once it has handled it, before the vCPU goes on or the CPU switches; an emulated
 * TLBWI/TLBWR is noted just before the guest TLB write takes effect, so that write's effect is
 * checked at the next trap. Traps of a CPU that runs no vCPU (its doorbell, its timer) are not
 * noted, so not checked.
 *
 * <p>The cost is a pass over every pmap, every machine page and every TLB per invariant per trap:
 * about 0.5 to 1.5 ms per trap on flash-4 (32768 machine pages) for {@link
 * ReferenceInvariants#CHECKED}, fine for the small test guests, not for long runs. The view is
 * built once; it reads the monitor live at each question.
 */
public final class InvariantsAfterEveryTrap implements Consumer<TraceEvent> {
  /** One violation: the invariant's id, what is wrong, and the trap after which it was seen. */
  public record Violation(String id, String what, TraceEvent after) {
    @Override
    public String toString() {
      return id + " after [" + after.text().strip() + "]: " + what;
    }
  }

  private final ReferenceView view;
  private final List<Invariant<ReferenceView>> invariants;
  private final int keep;
  private final List<Violation> violations = new ArrayList<>();
  private long checks;
  private long violationCount;
  private final List<Consumer<TraceEvent>> before = new ArrayList<>();

  /**
   * @param view what the invariants are evaluated on (a {@link ReferenceMonitorView}, or a view wrapping one)
   * @param keep how many violations to keep (all are counted)
   */
  public InvariantsAfterEveryTrap(ReferenceView view, List<Invariant<ReferenceView>> invariants, int keep) {
    this.view = view;
    this.invariants = List.copyOf(invariants);
    this.keep = keep;
  }

  /**
   * Installs a checker of {@code invariants} on {@code disco}'s dispatcher, over the view
   * {@code viewOf} makes of a {@link ReferenceMonitorView} of it (the identity, normally).
   */
  public static InvariantsAfterEveryTrap install(Disco disco, List<Invariant<ReferenceView>> invariants,
      Function<ReferenceMonitorView, ReferenceView> viewOf, int keep) {
    InvariantsAfterEveryTrap c = new InvariantsAfterEveryTrap(viewOf.apply(new ReferenceMonitorView(disco)), invariants, keep);
    disco.dispatcher().trace(c);
    return c;
  }

  /** Runs {@code action} at each trap before the check (a test's way to act on the live monitor). */
  public InvariantsAfterEveryTrap before(Consumer<TraceEvent> action) {
    before.add(action);
    return this;
  }

  @Override
  public void accept(TraceEvent e) {
    for (Consumer<TraceEvent> a : before) {
      a.accept(e);
    }
    checks++;
    for (Invariant<ReferenceView> i : invariants) {
      for (String what : i.violations(view)) {
        violationCount++;
        if (violations.size() < keep) {
          violations.add(new Violation(i.id(), what, e));
        }
      }
    }
  }

  /** The violations kept, first first. */
  public List<Violation> violations() {
    return List.copyOf(violations);
  }

  /** All violations seen, kept or not. */
  public long violationCount() {
    return violationCount;
  }

  /** How many traps were checked. */
  public long checks() {
    return checks;
  }

  public ReferenceView view() {
    return view;
  }
}
