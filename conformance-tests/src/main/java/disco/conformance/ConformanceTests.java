package disco.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
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
    return of(impl, v -> true, kinds);
  }

  /**
   * As {@link #of(Implementation, String...)}, for the vectors that {@code which} accepts: a part of
   * the suite, or the suite split over several factories (a build that runs each factory on its own
   * then runs only the parts a change can reach).
   */
  public static Stream<DynamicTest> of(Implementation impl, Predicate<Vector> which, String... kinds)
      throws VectorFormatException {
    List<Vector> vectors = new ArrayList<>();
    for (String kind : kinds) {
      VectorSuite.builtIn(kind).stream().filter(which).forEach(vectors::add);
    }
    return of(impl, vectors);
  }

  /**
   * One dynamic test per vector of {@code vectors} (read with {@link VectorSuite#read}, or built-in
   * ones kept from an earlier call: a factory that is run again, as a mutation tester does for each
   * mutant, need not parse the file again).
   */
  public static Stream<DynamicTest> of(Implementation impl, List<Vector> vectors) throws VectorFormatException {
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
