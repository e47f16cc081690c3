package disco.hw.machine;

/** A machine configuration that cannot be used; the message names the file and the field. */
public final class InvalidConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidConfigException(String message) {
    super(message);
  }
}
