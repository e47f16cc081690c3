package disco.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import disco.testing.Tools;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The instruction vectors on QEMU in user mode through adapters/qemu_user_instructions.py: QEMU is
 * the oracle for the FPU vectors Unicorn cannot set up and for the choice {@code reserved-as-qemu},
 * which the reference claims to share with it. docs/conformance.md tabulates the result.
 */
@Tag("long")
class QemuUserInstructionsTest {
  private static final String ADAPTER = "python3 adapters/qemu_user_instructions.py";

  /** QEMU checks an SC's link before its alignment: an unaligned SC without the link just fails. */
  private static final Set<String> THEIR_BUGS = Set.of("sc.big.0", "sc.little.0", "sc.little.2", "ll-sc.unaligned");

  private static void requireTools() {
    for (String tool : List.of("qemu-mips", "qemu-mipsel", "mips-linux-gnu-gcc", "mipsel-linux-gnu-gcc")) {
      Tools.require(tool);
    }
  }

  @Test
  void qemuAgreesWhereverUserModeCanExpressTheVector() throws Exception {
    requireTools();
    List<Vector> all = VectorSuite.builtIn("instruction");
    List<Outcome> outcomes;
    try (ProcessImplementation qemu = ProcessImplementation.start(ADAPTER, Duration.ofSeconds(60))) {
      assertEquals("qemu-user-instructions", qemu.name());
      assertEquals(Set.of(Choices.RESERVED_AS_QEMU), qemu.choices());
      outcomes = Runner.run(qemu, all);
    }
    Set<String> unexplained = new TreeSet<>();
    Set<String> reservedNotPassed = new TreeSet<>();
    for (Outcome o : outcomes) {
      boolean declined = o.reason().startsWith("the implementation reports an error");
      if (o.status() == Outcome.Status.FAILED && !declined) {
        unexplained.add(o.vector().id());
      }
      if (o.vector().requires().contains(Choices.RESERVED_AS_QEMU) && o.status() != Outcome.Status.PASSED) {
        reservedNotPassed.add(o.vector().id() + ": " + o.reason());
      }
    }
    assertEquals(THEIR_BUGS, unexplained);
    assertEquals(Set.of(), reservedNotPassed, "QEMU does not do what the choice reserved-as-qemu says");
    int[] n = Runner.tally(outcomes);
    long otherChoices = all.stream().filter(v -> !v.requires().isEmpty()
        && !v.requires().equals(Set.of(Choices.RESERVED_AS_QEMU))).count();
    assertEquals(otherChoices, n[2], "skipped: the vectors of choices the adapter does not declare");
    System.out.printf("instruction vectors on qemu-user: %d passed, %d failed (%d declined), %d skipped%n",
        n[0], n[1], n[1] - unexplained.size(), n[2]);
  }

  @Test
  void aWrongExpectationFailsOnQemu() throws Exception {
    requireTools();
    Vector v = VectorSuite.builtIn("instruction").stream().filter(x -> x.id().equals("ins.out-of-range.8-4"))
        .findFirst().orElseThrow();
    ObjectNode wrong = v.expect().deepCopy();
    ((ObjectNode) wrong.path("exception")).put("code", 12);
    try (ProcessImplementation qemu = ProcessImplementation.start(ADAPTER, Duration.ofSeconds(60))) {
      assertEquals(Outcome.Status.PASSED, Runner.runOne(qemu, v).status());
      Outcome o = Runner.runOne(qemu, new Vector(v.kind(), v.id(), v.purpose(), v.manual(), v.request(), wrong));
      assertEquals(Outcome.Status.FAILED, o.status());
      assertTrue(o.reason().startsWith("exception.code: expected 12, got 10"), o.reason());
    }
  }
}
