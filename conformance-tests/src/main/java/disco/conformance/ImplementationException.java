package disco.conformance;

/** An implementation gave no usable answer for a vector; the message says why, with its raw text. */
public final class ImplementationException extends Exception {
  private static final long serialVersionUID = 1L;

  public ImplementationException(String reason) {
    super(reason);
  }
}
