package archfixture.disco.spec;

/** Deliberately wrong: prints outside the CLI. */
public class Invariant {
  public static int id() {
    return 1;
  }

  public static void report() {
    System.out.println("violated");
  }
}
