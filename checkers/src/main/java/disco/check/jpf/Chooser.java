package disco.check.jpf;

/**
 * Where {@link JpfDriver} takes each next operation from. Under Java PathFinder the choice is
 * {@code Verify.getInt}, so JPF explores every answer; a test can answer from a list instead.
 */
public interface Chooser {
  /** One of {@code 0 .. count-1}; {@code count} is at least 1. */
  int choose(int count);

  /**
   * The operation taken, by its label, for the message of a violation. Under JPF the labels must
   * be kept where its state matching does not see them, or no two paths would ever meet.
   */
  void took(String label);

  /** The labels taken so far, in order, separated by ", ". */
  String path();
}
