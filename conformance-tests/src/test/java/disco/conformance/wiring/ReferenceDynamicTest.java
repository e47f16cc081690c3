package disco.conformance.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import disco.conformance.ConformanceTests;
import disco.conformance.Implementation;
import disco.conformance.Implementations;
import disco.conformance.Vector;
import disco.conformance.VectorFormatException;
import disco.conformance.VectorSuite;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The reference, found by ServiceLoader, passes every vector, through the dynamic-test factory another
 * project would call.
 *
 * <p>The instruction vectors are split by family over several factories, each tagged
 * {@code instruction-vectors}, which mutation testing (the pit-vectors profile) runs alone. It runs,
 * for each mutant, the dynamic tests that cover the mutated line, calling their factory again each
 * time: the vectors are parsed once per JVM, and a factory builds only its family's tests.
 */
class ReferenceDynamicTest {
  private static Implementation reference() {
    return Implementations.installed().stream().filter(i -> i.name().equals("reference")).findFirst().orElseThrow();
  }

  /** The instruction families, one factory each. */
  enum Family {
    FPU_ADD_SUB, FPU_MULTIPLY, FPU_DIVIDE, FPU_SQUARE_ROOT, FPU_CONVERT, FPU_COMPARE, FPU_OTHER,
    PRIVILEGED, LOAD_STORE, TRAP, MULTIPLY_DIVIDE, BRANCH, INTEGER
  }

  private static final Set<String> MULTIPLY_DIVIDE = Set.of("mult", "multu", "div", "divu", "madd", "maddu", "msub",
      "msubu", "mul", "mfhi", "mflo", "mthi", "mtlo");
  private static final Set<String> TRAP = Set.of("tge", "tgeu", "tlt", "tltu", "teq", "tne", "tgei", "tgeiu", "tlti",
      "tltiu", "teqi", "tnei");

  static Family family(Vector v) {
    JsonNode init = v.request().path("init");
    JsonNode observe = v.request().path("observe");
    String name = v.id().substring(0, Math.max(0, v.id().indexOf('.')));
    if (observe.path("fpu").asBoolean(false) || init.has("fcsr") || init.has("fpr") || init.has("fprh")) {
      return switch (name) {
        case "add", "sub" -> Family.FPU_ADD_SUB;
        case "mul", "madd", "msub", "nmadd", "nmsub" -> Family.FPU_MULTIPLY;
        case "div", "recip" -> Family.FPU_DIVIDE;
        case "sqrt", "rsqrt" -> Family.FPU_SQUARE_ROOT;
        case "cvt", "round", "trunc", "ceil", "floor" -> Family.FPU_CONVERT;
        case "c", "bc1f", "bc1t", "bc1fl", "bc1tl", "movcf", "movf", "movt" -> Family.FPU_COMPARE;
        default -> Family.FPU_OTHER;
      };
    }
    if (init.has("cp0") || init.has("tlb") || observe.path("cp0").asBoolean(false)) {
      return Family.PRIVILEGED;
    }
    if (init.has("mem") || observe.has("mem")) {
      return Family.LOAD_STORE;
    }
    if (TRAP.contains(name)) {
      return Family.TRAP;
    }
    if (MULTIPLY_DIVIDE.contains(name)) {
      return Family.MULTIPLY_DIVIDE;
    }
    return name.startsWith("b") && !name.equals("break") && !name.equals("bshfl") || name.startsWith("j")
        ? Family.BRANCH : Family.INTEGER;
  }

  /** The instruction vectors by family, read once per JVM: a mutation run calls each factory once per mutant. */
  private static @Nullable Map<Family, List<Vector>> byFamily;

  private static synchronized Map<Family, List<Vector>> byFamily() throws VectorFormatException {
    if (byFamily == null) {
      Map<Family, List<Vector>> m = new EnumMap<>(Family.class);
      for (Vector v : VectorSuite.builtIn("instruction")) {
        m.computeIfAbsent(family(v), f -> new ArrayList<>()).add(v);
      }
      byFamily = m;
    }
    return byFamily;
  }

  private static Stream<DynamicTest> instructionVectors(Family f) throws VectorFormatException {
    return ConformanceTests.of(reference(), byFamily().getOrDefault(f, List.of()));
  }

  /** Every family has vectors, so no factory runs empty and a mistyped name shows here. */
  @Test
  void everyFamilyHasVectors() throws VectorFormatException {
    Map<Family, List<Vector>> m = byFamily();
    assertEquals(Set.of(Family.values()), m.keySet(), "families with vectors");
    assertEquals(VectorSuite.builtIn("instruction").size(), m.values().stream().mapToInt(List::size).sum());
  }

  @Tag("instruction-vectors")
  @TestFactory
  Stream<DynamicTest> fpuAddSub() throws VectorFormatException {
    return instructionVectors(Family.FPU_ADD_SUB);
  }

  @Tag("instruction-vectors")
  @TestFactory
  Stream<DynamicTest> fpuMultiply() throws VectorFormatException {
    return instructionVectors(Family.FPU_MULTIPLY);
  }

  @Tag("instruction-vectors")
  @TestFactory
  Stream<DynamicTest> fpuDivide() throws VectorFormatException {
    return instructionVectors(Family.FPU_DIVIDE);
  }

  @Tag("instruction-vectors")
  @TestFactory
  Stream<DynamicTest> fpuSquareRoot() throws VectorFormatException {
    return instructionVectors(Family.FPU_SQUARE_ROOT);
  }

  @Tag("instruction-vectors")
  @TestFactory
  Stream<DynamicTest> fpuConvert() throws VectorFormatException {
    return instructionVectors(Family.FPU_CONVERT);
  }

  @Tag("instruction-vectors")
  @TestFactory
  Stream<DynamicTest> fpuCompare() throws VectorFormatException {
    return instructionVectors(Family.FPU_COMPARE);
  }

  @Tag("instruction-vectors")
  @TestFactory
  Stream<DynamicTest> fpuOther() throws VectorFormatException {
    return instructionVectors(Family.FPU_OTHER);
  }

  @Tag("instruction-vectors")
  @TestFactory
  Stream<DynamicTest> privileged() throws VectorFormatException {
    return instructionVectors(Family.PRIVILEGED);
  }

  @Tag("instruction-vectors")
  @TestFactory
  Stream<DynamicTest> loadStore() throws VectorFormatException {
    return instructionVectors(Family.LOAD_STORE);
  }

  @Tag("instruction-vectors")
  @TestFactory
  Stream<DynamicTest> trap() throws VectorFormatException {
    return instructionVectors(Family.TRAP);
  }

  @Tag("instruction-vectors")
  @TestFactory
  Stream<DynamicTest> multiplyDivide() throws VectorFormatException {
    return instructionVectors(Family.MULTIPLY_DIVIDE);
  }

  @Tag("instruction-vectors")
  @TestFactory
  Stream<DynamicTest> branch() throws VectorFormatException {
    return instructionVectors(Family.BRANCH);
  }

  @Tag("instruction-vectors")
  @TestFactory
  Stream<DynamicTest> integer() throws VectorFormatException {
    return instructionVectors(Family.INTEGER);
  }

  /** The machine vectors need only the committed images: they run in the fast build. */
  @TestFactory
  Stream<DynamicTest> machineVectors() throws VectorFormatException {
    return ConformanceTests.of(reference(), "machine");
  }
}
