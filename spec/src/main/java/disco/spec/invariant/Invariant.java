package disco.spec.invariant;

import java.util.List;
import java.util.function.Function;

/**
 * One invariant of the catalogue: a stable id ({@code ISO-1}, {@code TLB-2}, ...), one sentence
 * saying what it promises, and its check over an observation {@code V}, which returns the
 * violations found as sentences, in a fixed order (empty when it holds).
 */
public record Invariant<V>(String id, String sentence, Function<V, List<String>> check) {
  public List<String> violations(V view) {
    return check.apply(view);
  }

  public boolean holds(V view) {
    return violations(view).isEmpty();
  }

  /** The same invariant over another observation, reached through {@code view}. */
  public <S> Invariant<S> over(Function<S, V> view) {
    return new Invariant<>(id, sentence, s -> check.apply(view.apply(s)));
  }
}
