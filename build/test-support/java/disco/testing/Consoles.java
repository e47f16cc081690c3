package disco.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Comparing a guest console, which carries stdout and stderr together, with qemu's two streams. */
public final class Consoles {
  private Consoles() {}

  /**
   * The console with the lines of {@code stderr} taken out, each found after the one before: what
   * is left must be stdout exactly. (A line of stdout without its newline can be followed on the
   * console by a line of stderr, so the lines cannot simply be compared as lines.)
   */
  public static String withoutInOrder(String console, String stderr, String what) {
    StringBuilder rest = new StringBuilder(console);
    int from = 0;
    for (String line : stderr.split("(?<=\n)")) {
      if (line.isEmpty()) {
        continue;
      }
      int at = rest.indexOf(line, from);
      assertTrue(at >= 0, what + ": stderr line " + line.strip() + " is not on the console after the ones before");
      rest.delete(at, at + line.length());
      from = at;
    }
    return rest.toString();
  }
}
