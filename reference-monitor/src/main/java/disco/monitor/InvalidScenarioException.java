package disco.monitor;

/** A scenario that cannot be run: the message names the file (when there is one) and what is wrong. */
public final class InvalidScenarioException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidScenarioException(String message) {
    super(message);
  }
}
