package disco.check.refmodel;

import disco.check.engine.Harness;
import disco.check.engine.Permutations;
import disco.check.engine.TransitionCheck;
import disco.spec.invariant.Invariant;
import disco.spec.invariant.MonitorInvariants;
import disco.spec.observe.MonitorView;
import disco.spec.refine.Refinement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;

/**
 * The abstract monitor as a harness: every invariant of {@link MonitorInvariants} at every state,
 * and refinement of {@link disco.spec.model.GuestViewSpec} at every transition. Virtual machines
 * are interchangeable, so states are reduced by permuting them.
 */
public final class MonitorHarness implements Harness<MonitorState, MonitorOp> {
  private final MonitorConfig config;
  private final Monitor monitor;
  private final List<Operations> operations;
  private final List<int[]> permutations;
  private final Set<MonitorFault> faults;

  public MonitorHarness(MonitorConfig config, Set<MonitorFault> faults) {
    this(config, faults, Operations.standard());
  }

  public MonitorHarness(MonitorConfig config, Set<MonitorFault> faults, List<Operations> operations) {
    this.config = config;
    this.faults = Set.copyOf(faults);
    this.monitor = new Monitor(faults);
    this.operations = List.copyOf(operations);
    this.permutations = config.vms() <= 5 ? Permutations.of(config.vms()) : List.of(Permutations.identity(config.vms()));
  }

  @Override
  public String name() {
    return "monitor";
  }

  public MonitorConfig config() {
    return config;
  }

  public Set<MonitorFault> faults() {
    return faults;
  }

  @Override
  public MonitorState initial() {
    return new MonitorState(config);
  }

  @Override
  public List<MonitorOp> enabled(MonitorState s) {
    List<MonitorOp> out = new ArrayList<>();
    for (Operations family : operations) {
      family.offer(s, out);
    }
    return out;
  }

  @Override
  public MonitorState step(MonitorState s, MonitorOp op) {
    return monitor.apply(s, op);
  }

  @Override
  public String label(MonitorOp op) {
    return op.label();
  }

  @Override
  public long[] encode(MonitorState s) {
    return MonitorEncoding.encode(s, permutations.get(0));
  }

  @Override
  public boolean symmetric() {
    return permutations.size() > 1;
  }

  @Override
  public long[] canonical(MonitorState s) {
    List<long[]> all = new ArrayList<>();
    for (int[] p : permutations) {
      all.add(MonitorEncoding.encode(s, p));
    }
    return Permutations.least(all);
  }

  @Override
  public List<Invariant<MonitorState>> invariants() {
    List<Invariant<MonitorState>> out = new ArrayList<>();
    for (Invariant<MonitorView> i : MonitorInvariants.ALL) {
      out.add(i.over(s -> s));
    }
    return out;
  }

  @Override
  public List<TransitionCheck<MonitorState, MonitorOp>> transitionChecks() {
    return List.of(new TransitionCheck<>(Refinement.ID, "each step refines GuestViewSpec",
        (before, op, after) -> Refinement.check(config.shape().guestView(), before.abstraction(), op.spec(before),
            after.lastSeen(), after.abstraction())));
  }

  @Override
  public SortedMap<String, String> describe(MonitorState s) {
    return MonitorDescription.of(s);
  }
}
