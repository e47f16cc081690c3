package disco.monitor.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The monitor's package layout holds for the real code, and every rule fires on a fixture that breaks it. */
class PackageRulesTest {
  @Test
  void theMonitorKeepsItsLayout() {
    JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("disco.monitor");
    for (String p : List.of("mem", "cpu", "io", "trap", "observe")) {
      assertTrue(classes.stream().anyMatch(c -> c.getPackageName().equals("disco.monitor." + p)), "no classes in " + p);
    }
    for (ArchRule rule : PackageRules.forRoot("disco.monitor")) {
      rule.check(classes);
    }
  }

  @Test
  void eachRuleFiresOnTheFixture() {
    JavaClasses fixture = new ClassFileImporter().importPackages("archfixture.monitor");
    assertFalse(fixture.isEmpty());
    List<String> violated = PackageRules.forRoot("archfixture.monitor").stream()
        .filter(r -> r.evaluate(fixture).hasViolation()).map(ArchRule::getDescription).toList();
    assertEquals(PackageRules.forRoot("archfixture.monitor").stream().map(ArchRule::getDescription).toList(), violated);
  }
}
