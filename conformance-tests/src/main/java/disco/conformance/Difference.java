package disco.conformance;

/** One field where an implementation's result differs from the vector's expectation. */
public record Difference(String field, String expected, String got) {
  @Override
  public String toString() {
    return field + ": expected " + expected + ", got " + got;
  }
}
