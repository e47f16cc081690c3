package disco.check.engine;

import java.util.Optional;

/** The outcome of a search: its statistics and, if something was violated, the shortest counterexample. */
public record Result(Statistics statistics, Optional<Counterexample> counterexample) {
  public boolean passed() {
    return counterexample.isEmpty();
  }
}
