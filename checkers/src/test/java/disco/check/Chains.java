package disco.check;

import disco.check.engine.Harness;
import disco.check.engine.TransitionCheck;
import disco.spec.invariant.Invariant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;

/**
 * jqwik action chains over any harness: at each step one family of operations is drawn, then one
 * of its enabled operations (by a choice number, modulo how many are enabled), and every transition
 * check and invariant is asserted. A failing chain shrinks by dropping steps and by lowering choices
 * towards the first enabled operation; the failure names the operation and the seed.
 */
public final class Chains {
  private Chains() {}

  /** One family: the operations of a kind enabled at a state. */
  public interface Family<S, O> extends Function<S, List<O>> {}

  public static <S, O> ActionChainArbitrary<S> of(Harness<S, O> h, List<Family<S, O>> families, int steps) {
    ActionChainArbitrary<S> chain = ActionChain.startWith(h::initial);
    for (int f = 0; f < families.size(); f++) {
      Family<S, O> family = families.get(f);
      String name = "family " + f;
      // Independent: one arbitrary for the whole chain (a new arbitrary per state would be memoized
      // by jqwik and keep every state alive). The choice picks among the operations enabled then.
      Arbitrary<Transformer<S>> choices = Arbitraries.integers().between(0, Integer.MAX_VALUE - 1)
          .map(choice -> Transformer.transform(name + " choice " + choice, s -> {
            List<O> ops = family.apply(s);
            return ops.isEmpty() ? s : checkedStep(h, s, ops.get(choice % ops.size()));
          }));
      chain = chain.withAction(new Action.Independent<S>() {
        @Override
        public Arbitrary<Transformer<S>> transformer() {
          return choices;
        }
      });
    }
    return chain.withMaxTransformations(steps);
  }

  /** The harness's own enabled operations as a single family. */
  public static <S, O> List<Family<S, O>> whole(Harness<S, O> h) {
    List<Family<S, O>> out = new ArrayList<>();
    out.add(h::enabled);
    return out;
  }

  /** One step of {@code h} with every transition check asserted. */
  public static <S, O> S checkedStep(Harness<S, O> h, S before, O op) {
    S after = h.step(before, op);
    for (TransitionCheck<S, O> c : h.transitionChecks()) {
      List<String> v = c.check().violations(before, op, after);
      if (!v.isEmpty()) {
        throw new AssertionError(c.id() + " after " + h.label(op) + ": " + v);
      }
    }
    return after;
  }

  /** Asserts every invariant of {@code h} on a state. */
  public static <S, O> void invariants(Harness<S, O> h, S s) {
    for (Invariant<S> i : h.invariants()) {
      List<String> v = i.violations(s);
      if (!v.isEmpty()) {
        throw new AssertionError(i.id() + ": " + v);
      }
    }
  }
}
