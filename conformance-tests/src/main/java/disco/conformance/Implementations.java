package disco.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The implementations {@link ServiceLoader} finds on the class path. */
public final class Implementations {
  private Implementations() {}

  public static List<Implementation> installed() {
    List<Implementation> all = new ArrayList<>();
    ServiceLoader.load(Implementation.class, Implementations.class.getClassLoader()).forEach(all::add);
    return all;
  }
}
