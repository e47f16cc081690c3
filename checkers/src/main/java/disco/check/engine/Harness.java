package disco.check.engine;

import disco.spec.invariant.Invariant;
import java.util.List;
import java.util.SortedMap;

/**
 * A model the {@link Explorer} can search, shaped like a Java PathFinder driver: at each state it
 * offers the enabled operations as one choice, in a fixed order, and {@link #step} performs the one
 * chosen. States are values: {@code step} never changes the state it is given.
 *
 * <p>{@link #encode} is the state as numbers, all that matters for the future and nothing else;
 * two states with equal encodings are the same state. The explorer fingerprints it, or, in exact
 * mode, stores it. {@link #canonical} (with {@link #symmetric()}) returns the least encoding over
 * the model's symmetries (interchangeable virtual machines, processors or lines), so that a state
 * and its mirror images are explored once.
 *
 * <p>New operations come into a model through its own {@code enabled} and {@code step} (see {@code
 * disco.check.refmodel.Operations}); the explorer never needs to know them.
 */
public interface Harness<S, O> {
  String name();

  S initial();

  /** The operations enabled at {@code state}, in a fixed order. */
  List<O> enabled(S state);

  /** The state after {@code op}; {@code state} itself is left unchanged. */
  S step(S state, O op);

  /** The operation as the trace prints it and a replay file names it; unique among the enabled. */
  String label(O op);

  long[] encode(S state);

  /** Whether {@link #canonical} reduces by symmetry. */
  default boolean symmetric() {
    return false;
  }

  /** The least encoding of the states symmetric to {@code state}. */
  default long[] canonical(S state) {
    return encode(state);
  }

  /** The invariants checked at every state. */
  List<Invariant<S>> invariants();

  /** The checks of every transition (refinement). */
  default List<TransitionCheck<S, O>> transitionChecks() {
    return List.of();
  }

  /** The state as named fields in a fixed order, for the state changes a trace prints. */
  SortedMap<String, String> describe(S state);
}
