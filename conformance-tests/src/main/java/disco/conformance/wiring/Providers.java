package disco.conformance.wiring;

import disco.conformance.Implementation;
import java.util.ArrayList;
import java.util.List;

/** The reference and its mutants, for {@code --spi NAME}. */
public final class Providers {
  private Providers() {}

  public static List<Implementation> builtIn() {
    List<Implementation> all = new ArrayList<>();
    all.add(new ReferenceImplementation());
    all.addAll(Mutants.all());
    return all;
  }
}
