package disco.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * An implementation under test, as the suite sees it (the Java SPI, found by
 * {@link java.util.ServiceLoader}). A request is a vector without its {@code expect} field; the
 * answer is the observed result in the format of docs/conformance.md ("Results").
 */
public interface Implementation extends AutoCloseable {
  /** The name {@code disco conform --spi NAME} selects. */
  String name();

  /** The vector kinds it runs ({@code instruction}, {@code program}, {@code machine}). */
  Set<String> kinds();

  /**
   * The implementation choices it declares: names from docs/conformance.md ("Implementation
   * choices"), each a promise to behave as that choice says where the manual leaves the behaviour
   * to the implementation. A vector that requires a choice not declared here is skipped.
   */
  default Set<String> choices() {
    return Set.of();
  }

  /**
   * Runs one vector and answers the observed result.
   *
   * @throws ImplementationException when the implementation cannot answer; the vector fails
   */
  ObjectNode run(ObjectNode request) throws ImplementationException;

  @Override
  default void close() {}
}
