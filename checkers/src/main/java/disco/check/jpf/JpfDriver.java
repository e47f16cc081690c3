package disco.check.jpf;

import disco.check.catalogue.Configuration;
import disco.check.catalogue.Configurations;
import disco.check.engine.Checks;
import disco.check.engine.Harness;
import disco.check.wiring.ReferenceHarness;
import java.util.List;
import java.util.Optional;

/**
 * A Java PathFinder driver over any {@link Harness}: from the initial state it takes up to {@code
 * depth} operations, each chosen by a {@link Chooser} among those enabled, and after each one
 * evaluates the harness's transition checks and the new state's invariants, as the {@code Explorer}
 * does. A violation is an {@link AssertionError} that names the check and the operations taken.
 *
 * <p>Under JPF the chooser is {@code Verify.getInt} (the class {@code JpfMain}, in {@code
 * checkers/src/jpf/java}, compiled only where JPF is present), so JPF runs every choice sequence
 * of the model's actual code, matching states on its own heap, and prints the choices of a
 * violating one. The states here are the harness's own objects; nothing but the loop's position
 * and the current state is kept from one step to the next, so paths that reach equal heaps meet.
 */
public final class JpfDriver {
  private JpfDriver() {}

  /** The configuration name under which JPF drives the reference monitor itself. */
  public static final String REFERENCE = "reference";

  /** Arguments: configuration name, depth bound, and optionally a seeded fault's name. */
  public static void run(String[] args, Chooser chooser) {
    if (args.length < 2 || args.length > 3) {
      throw new IllegalArgumentException("usage: CONFIGURATION DEPTH [FAULT]");
    }
    int depth = Integer.parseInt(args[1]);
    Optional<String> fault = args.length == 3 ? Optional.of(args[2]) : Optional.empty();
    if (args[0].equals(REFERENCE)) {
      // The reference monitor walks one live path (JPF backtracks it), with no disk (JPF models no
      // file system): see ReferenceHarness.liveWithoutDisk.
      walk(ReferenceHarness.liveWithoutDisk(fault), depth, chooser);
      return;
    }
    Configuration c = Configurations.named(args[0])
        .orElseThrow(() -> new IllegalArgumentException("no configuration " + args[0]));
    walk(c.harness(fault), depth, chooser);
  }

  /** One path of at most {@code depth} steps, as {@code chooser} picks it. */
  public static <S, O> void walk(Harness<S, O> h, int depth, Chooser chooser) {
    S state = h.initial();
    check(Checks.state(h, state), chooser);
    for (int d = 0; d < depth; d++) {
      List<O> ops = h.enabled(state);
      if (ops.isEmpty()) {
        return;
      }
      O op = ops.get(chooser.choose(ops.size()));
      chooser.took(h.label(op));
      S next = step(h, state, op, chooser);
      check(Checks.transition(h, state, op, next), chooser);
      check(Checks.state(h, next), chooser);
      state = next;
    }
  }

  private static <S, O> S step(Harness<S, O> h, S state, O op, Chooser chooser) {
    try {
      return h.step(state, op);
    } catch (RuntimeException e) {
      check(Optional.of(new Checks.Found(Checks.STEP, List.of(h.label(op) + " threw " + Checks.describe(e)))), chooser);
      throw e;
    }
  }

  private static void check(Optional<Checks.Found> found, Chooser chooser) {
    if (found.isPresent()) {
      Checks.Found f = found.get();
      throw new AssertionError(f.checkId() + " violated after [" + chooser.path() + "]: " + String.join("; ", f.violations()));
    }
  }
}
