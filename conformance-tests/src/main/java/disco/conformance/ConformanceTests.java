package disco.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

/**
 * The suite as JUnit 5 dynamic tests, for another project's build: one test per vector, failing
 * with the differences, skipped (assumption) when the implementation does not run its kind.
 *
 * <pre>
 * &#64;TestFactory
 * Stream&lt;DynamicTest&gt; conformance() throws Exception {
 *   return ConformanceTests.of(new MyImplementation(), "instruction");
 * }
 * </pre>
 */
public final class ConformanceTests {
  private ConformanceTests() {}

  /**
   * One dynamic test per built-in vector of {@code kinds}; the files that program and machine
   * vectors name are found under {@link FileRefs#defaultRoot()}.
   */
  public static Stream<DynamicTest> of(Implementation impl, String... kinds) throws VectorFormatException {
    List<Vector> vectors = new ArrayList<>();
    for (String kind : kinds) {
      vectors.addAll(VectorSuite.builtIn(kind));
    }
    return FileRefs.resolve(vectors, FileRefs.defaultRoot()).stream().map(v -> DynamicTest.dynamicTest(v.id(), () -> {
      Outcome o = Runner.runOne(impl, v);
      Assumptions.assumeTrue(o.status() != Outcome.Status.SKIPPED, o.reason());
      if (o.status() == Outcome.Status.FAILED) {
        Assertions.fail(v.purpose() + " (" + v.manual() + "): " + (o.differences().isEmpty() ? o.reason()
            : o.differences().stream().map(Difference::toString).collect(Collectors.joining("; "))));
      }
    }));
  }
}
