package disco.check.jpf;

import gov.nasa.jpf.annotation.FilterField;
import gov.nasa.jpf.vm.Verify;

/**
 * The entry point Java PathFinder runs: {@link JpfDriver} with every choice a {@code
 * Verify.getInt}. Compiled only against a JPF build (jpf-classes.jar, jpf-annotations.jar), by
 * {@code JpfDriverTest}, so the project builds without JPF. The operations taken are kept in a
 * field JPF's state matching ignores ({@code @FilterField}); JPF still restores it on backtracking.
 *
 * <p>Arguments: configuration name, depth bound, and optionally a seeded fault's name.
 */
public final class JpfMain implements Chooser {
  @FilterField private String path = "";

  @Override
  public int choose(int count) {
    return Verify.getInt(0, count - 1);
  }

  @Override
  public void took(String label) {
    path = path.isEmpty() ? label : path + ", " + label;
  }

  @Override
  public String path() {
    return path;
  }

  public static void main(String[] args) {
    JpfDriver.run(args, new JpfMain());
  }
}
