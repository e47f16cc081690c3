package disco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module arrows hold for the real code, and the rules catch a fixture that breaks them. */
class ArchitectureTest {

  @Test
  void realCodeKeepsTheModuleArrows() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("disco");
    // Every module contributes classes: an empty import would make the rules vacuous.
    for (String pkg : List.of("disco.spec", "disco.hw", "disco.linux", "disco.monitor", "disco.check", "disco.conformance", "disco.cli")) {
      assertTrue(classes.stream().anyMatch(c -> c.getPackageName().startsWith(pkg)), "no classes imported from " + pkg);
    }
    for (ArchRule rule : ModuleRules.forRoot("disco")) {
      rule.check(classes);
    }
  }

  @Test
  void fixtureWithWrongImportsIsCaught() {
    JavaClasses fixture = new ClassFileImporter().importPackages("archfixture.disco");
    assertFalse(fixture.isEmpty());
    List<String> violated =
        ModuleRules.forRoot("archfixture.disco").stream()
            .filter(r -> r.evaluate(fixture).hasViolation())
            .map(ArchRule::getDescription)
            .collect(Collectors.toList());
    assertEquals(
        List.of(
            "hw-model never reaches the monitor, the checkers, the conformance suite or the CLI",
            "hw-model never reaches the user-ABI layer",
            "the user-ABI layer reaches the machine only through the processor and its port, not the machine's internals",
            "hw-model uses nothing of spec but the address qualifiers",
            "checkers and conformance reach an implementation only through spec, or one wiring package",
            "only the CLI writes to System.out or System.err",
            "no cycles between packages"),
        violated);
    EvaluationResult hw = ModuleRules.forRoot("archfixture.disco").get(0).evaluate(fixture);
    assertTrue(hw.getFailureReport().toString().contains("archfixture.disco.monitor.Vmm"), hw.getFailureReport().toString());
    // The checkers' rule names the class outside the wiring package, and only it.
    String check = rule("checkers and conformance").evaluate(fixture).getFailureReport().toString();
    assertTrue(check.contains("archfixture.disco.check.Explorer"), check);
    assertFalse(check.contains("archfixture.disco.check.wiring.CpuHarness"), check);
    EvaluationResult abi = rule("the user-ABI layer reaches the machine").evaluate(fixture);
    assertTrue(abi.getFailureReport().toString().contains("archfixture.disco.hw.machine.Bus"), abi.getFailureReport().toString());
  }

  /** The fixture's rule whose description starts with {@code prefix}. */
  private static ArchRule rule(String prefix) {
    return ModuleRules.forRoot("archfixture.disco").stream()
        .filter(r -> r.getDescription().startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no rule starts with " + prefix));
  }
}
