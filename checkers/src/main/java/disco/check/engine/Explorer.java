package disco.check.engine;

import disco.check.Fingerprint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Explicit-state search, breadth first, so the first violation found is at the least depth and
 * its counterexample is a shortest one. Each state is checked against every invariant when first
 * found, each transition against every transition check when taken.
 *
 * <p>Visited states are kept as 64-bit fingerprints of their (canonical) encodings, or, in exact
 * mode, as the encodings themselves: the two modes find the same number of states unless a
 * fingerprint collision hid one, which is how a test shows the fingerprints hide nothing. Paths
 * are kept as one parent index and one choice index per state, so a counterexample is rebuilt by
 * running the choices again from the initial state.
 */
public final class Explorer<S, O> {
  private final Harness<S, O> harness;
  private final Options options;
  private final Progress progress;
  private final Visited visited;
  private final boolean reduce;
  private int[] parent = new int[1024];
  private int[] choice = new int[1024];
  private int count;
  private long transitions;
  private long checks;
  private int depth;

  private Explorer(Harness<S, O> harness, Options options, Progress progress) {
    this.harness = harness;
    this.options = options;
    this.progress = progress;
    this.visited = options.exact() ? new Exact() : new Fingerprints();
    this.reduce = options.symmetry() && harness.symmetric();
  }

  public static <S, O> Result explore(Harness<S, O> harness, Options options) {
    return explore(harness, options, Progress.NONE);
  }

  public static <S, O> Result explore(Harness<S, O> harness, Options options, Progress progress) {
    return new Explorer<>(harness, options, progress).run();
  }

  private record Node<S>(S state, int id, int depth) {}

  private Result run() {
    long start = System.nanoTime();
    S init = harness.initial();
    visited.add(key(init));
    record(-1, -1);
    Optional<Checks.Found> bad = checkState(init);
    if (bad.isPresent()) {
      return finish(start, "", Optional.of(trace(0, -1, bad.get())));
    }
    ArrayDeque<Node<S>> frontier = new ArrayDeque<>();
    frontier.add(new Node<>(init, 0, 0));
    String bound = "";
    while (!frontier.isEmpty()) {
      Node<S> node = frontier.poll();
      if (node.depth() >= options.maxDepth()) {
        bound = "depth";
        continue;
      }
      List<O> ops = harness.enabled(node.state());
      for (int i = 0; i < ops.size(); i++) {
        O op = ops.get(i);
        S next;
        try {
          next = harness.step(node.state(), op);
        } catch (RuntimeException e) {
          Checks.Found f = new Checks.Found(Checks.STEP, List.of(harness.label(op) + " threw " + Checks.describe(e)));
          return finish(start, bound, Optional.of(trace(node.id(), i, f)));
        }
        transitions++;
        checks += harness.transitionChecks().size();
        bad = Checks.transition(harness, node.state(), op, next);
        if (bad.isPresent()) {
          return finish(start, bound, Optional.of(trace(node.id(), i, bad.get())));
        }
        if (!visited.add(key(next))) {
          continue;
        }
        int id = record(node.id(), i);
        depth = Math.max(depth, node.depth() + 1);
        bad = checkState(next);
        if (bad.isPresent()) {
          return finish(start, bound, Optional.of(trace(id, -1, bad.get())));
        }
        if (count >= options.maxStates()) {
          return finish(start, "states", Optional.empty());
        }
        if (count % options.progressEvery() == 0) {
          progress.report(statistics(start, bound));
        }
        frontier.add(new Node<>(next, id, node.depth() + 1));
      }
    }
    return finish(start, bound, Optional.empty());
  }

  private Optional<Checks.Found> checkState(S s) {
    checks += harness.invariants().size();
    return Checks.state(harness, s);
  }

  private long[] key(S s) {
    return reduce ? harness.canonical(s) : harness.encode(s);
  }

  private int record(int parentId, int choiceIndex) {
    if (count == parent.length) {
      parent = Arrays.copyOf(parent, count * 2);
      choice = Arrays.copyOf(choice, count * 2);
    }
    parent[count] = parentId;
    choice[count] = choiceIndex;
    return count++;
  }

  /** The counterexample to state {@code id}, then (if {@code lastChoice >= 0}) one more step. */
  private Counterexample trace(int id, int lastChoice, Checks.Found found) {
    List<Integer> choices = new ArrayList<>();
    if (lastChoice >= 0) {
      choices.add(lastChoice);
    }
    for (int at = id; parent[at] >= 0; at = parent[at]) {
      choices.add(choice[at]);
    }
    List<O> ops = new ArrayList<>();
    S s = harness.initial();
    for (int k = choices.size() - 1; k >= 0; k--) {
      O op = harness.enabled(s).get(choices.get(k));
      ops.add(op);
      if (k > 0) {
        s = harness.step(s, op);
      }
    }
    return Traces.build(harness, ops, found);
  }

  private Statistics statistics(long start, String bound) {
    return new Statistics(count, transitions, depth, checks, System.nanoTime() - start, bound);
  }

  private Result finish(long start, String bound, Optional<Counterexample> cex) {
    Statistics s = statistics(start, bound);
    progress.report(s);
    return new Result(s, cex);
  }

  /** The set of states seen. */
  private interface Visited {
    boolean add(long[] encoding);
  }

  private static final class Fingerprints implements Visited {
    private final FingerprintSet set = new FingerprintSet();

    @Override
    public boolean add(long[] encoding) {
      return set.add(Fingerprint.of(encoding));
    }
  }

  private static final class Exact implements Visited {
    private final HashSet<Key> set = new HashSet<>();

    @Override
    public boolean add(long[] encoding) {
      return set.add(new Key(encoding));
    }
  }

  /** An encoding compared by contents. */
  private static final class Key {
    private final long[] data;
    private final int hash;

    Key(long[] data) {
      this.data = data;
      this.hash = Arrays.hashCode(data);
    }

    @Override
    public boolean equals(@org.checkerframework.checker.nullness.qual.Nullable Object o) {
      return o instanceof Key k && k.hash == hash && Arrays.equals(k.data, data);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
