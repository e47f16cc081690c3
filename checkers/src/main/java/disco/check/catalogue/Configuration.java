package disco.check.catalogue;

import disco.check.engine.Harness;
import disco.check.engine.Options;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Function;

/**
 * A named configuration {@code disco check} can run: a harness of a given size, the search options
 * it runs with by default, and the seeded faults it can switch on (name to what each breaks).
 */
public record Configuration(
    String name, String description, Options options, SortedMap<String, String> faults,
    Function<Optional<String>, Harness<?, ?>> factory) {

  /** The harness, unfaulted or with the named fault; an unknown fault name is an IllegalArgumentException. */
  public Harness<?, ?> harness(Optional<String> fault) {
    fault.ifPresent(f -> {
      if (!faults.containsKey(f)) {
        throw new IllegalArgumentException(
            "configuration " + name + " has no fault " + f + "; its faults are " + faults.keySet());
      }
    });
    return factory.apply(fault);
  }
}
