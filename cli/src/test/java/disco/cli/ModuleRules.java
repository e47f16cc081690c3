package disco.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The module arrows of the design brief as ArchUnit rules, over a package root so that the same
 * rules run on the real code ({@code disco}) and on a fixture that breaks them on purpose.
 */
final class ModuleRules {
  private ModuleRules() {}

  static List<ArchRule> forRoot(String root) {
    String hw = root + ".hw..";
    String spec = root + ".spec..";
    String addr = root + ".spec.addr..";
    String monitor = root + ".monitor..";
    String check = root + ".check..";
    String conformance = root + ".conformance..";
    String cli = root + ".cli..";
    String linux = root + ".linux..";
    return List.of(
        noClasses()
            .that().resideInAPackage(hw)
            .should().dependOnClassesThat()
            .resideInAnyPackage(monitor, check, conformance, cli)
            .as("hw-model never reaches the monitor, the checkers, the conformance suite or the CLI")
            .allowEmptyShould(true),
        noClasses()
            .that().resideInAPackage(hw)
            .should().dependOnClassesThat()
            .resideInAPackage(linux)
            .as("hw-model never reaches the user-ABI layer")
            .allowEmptyShould(true),
        noClasses()
            .that().resideInAPackage(linux)
            .should().dependOnClassesThat()
            .resideInAnyPackage(root + ".hw.machine..", root + ".hw.numa..")
            .as("the user-ABI layer reaches the machine only through the processor and its port, not the machine's internals")
            .allowEmptyShould(true),
        noClasses()
            .that().resideInAPackage(linux)
            .should().dependOnClassesThat()
            .resideInAnyPackage(monitor, check, conformance, cli)
            .as("the user-ABI layer reaches none of the monitor, the checkers, the conformance suite or the CLI")
            .allowEmptyShould(true),
        noClasses()
            .that().resideInAPackage(hw)
            .should().dependOnClassesThat(
                com.tngtech.archunit.base.DescribedPredicate.and(
                    com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(spec),
                    com.tngtech.archunit.base.DescribedPredicate.not(
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(addr))))
            .as("hw-model uses nothing of spec but the address qualifiers")
            .allowEmptyShould(true),
        noClasses()
            .that().resideInAPackage(spec)
            .should().dependOnClassesThat()
            .resideInAnyPackage(hw, linux, monitor, check, conformance, cli)
            .as("spec reaches nothing of the project")
            .allowEmptyShould(true),
        noClasses()
            .that().resideInAnyPackage(check, conformance)
            .and().resideOutsideOfPackages(root + ".check.wiring..", root + ".conformance.wiring..")
            .should().dependOnClassesThat()
            .resideInAnyPackage(monitor, hw, linux)
            .as("checkers and conformance reach an implementation only through spec, or one wiring package")
            .allowEmptyShould(true),
        noClasses()
            .that().resideInAPackage(monitor)
            .should().dependOnClassesThat()
            .resideInAnyPackage(check, conformance, cli, linux)
            .as("the monitor does not reach the checkers, the conformance suite, the CLI or the user-ABI layer")
            .allowEmptyShould(true),
        noClasses()
            .that().resideOutsideOfPackage(cli)
            .should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .as("only the CLI writes to System.out or System.err")
            .allowEmptyShould(true),
        slices()
            .matching(root + ".(**)")
            .should().beFreeOfCycles()
            .as("no cycles between packages")
            .allowEmptyShould(true));
  }
}
