package disco.conformance;

import java.nio.file.Path;

/** A vector file that cannot be used: the message names the file, and the place or field. */
public final class VectorFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public VectorFormatException(Path file, String problem) {
    super(file + ": " + problem);
  }
}
