package disco.conformance.wiring;

import disco.conformance.ConformanceTests;
import disco.conformance.Implementation;
import disco.conformance.Implementations;
import disco.conformance.VectorFormatException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The reference, found by ServiceLoader, passes every vector, through the dynamic-test factory another project would call. */
class ReferenceDynamicTest {
  @TestFactory
  Stream<DynamicTest> instructionVectors() throws VectorFormatException {
    Implementation reference = Implementations.installed().stream()
        .filter(i -> i.name().equals("reference")).findFirst().orElseThrow();
    return ConformanceTests.of(reference, "instruction");
  }
}
