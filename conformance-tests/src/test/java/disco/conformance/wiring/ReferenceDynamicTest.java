package disco.conformance.wiring;

import disco.conformance.ConformanceTests;
import disco.conformance.Implementation;
import disco.conformance.Implementations;
import disco.conformance.VectorFormatException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/** The reference, found by ServiceLoader, passes every vector, through the dynamic-test factory another project would call. */
class ReferenceDynamicTest {
  private static Implementation reference() {
    return Implementations.installed().stream().filter(i -> i.name().equals("reference")).findFirst().orElseThrow();
  }

  /** Tagged so that mutation testing can run the instruction vectors alone (the pit-vectors profile). */
  @Tag("instruction-vectors")
  @TestFactory
  Stream<DynamicTest> instructionVectors() throws VectorFormatException {
    return ConformanceTests.of(reference(), "instruction");
  }

  /** The machine vectors need only the committed images: they run in the fast build. */
  @TestFactory
  Stream<DynamicTest> machineVectors() throws VectorFormatException {
    return ConformanceTests.of(reference(), "machine");
  }
}
