package disco.monitor.layout;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The monitor's packages as the paper lays Disco out, as ArchUnit rules over a package root, so
 * that the same rules run on the real code ({@code disco.monitor}) and on a fixture that breaks
 * each of them: the memory structures (pmap, memmap, L2TLB, machine pages) and the virtual devices
 * know nothing of the rest; virtual CPUs hold their own state and know no trap handling; the trap
 * handling does not reach the observation of it; and only the observation implements the spec's
 * view.
 */
final class PackageRules {
  private PackageRules() {}

  static List<ArchRule> forRoot(String root) {
    String mem = root + ".mem..";
    String cpu = root + ".cpu..";
    String io = root + ".io..";
    String trap = root + ".trap..";
    String observe = root + ".observe..";
    return List.of(
        noClasses().that().resideInAPackage(mem)
            .should().dependOnClassesThat().resideInAnyPackage(cpu, io, trap, observe)
            .as("mem (pmap, memmap, L2TLB, machine pages) reaches no other part of the monitor")
            .allowEmptyShould(true),
        noClasses().that().resideInAPackage(io)
            .should().dependOnClassesThat().resideInAnyPackage(mem, cpu, trap, observe)
            .as("io (virtual devices) reaches no other part of the monitor")
            .allowEmptyShould(true),
        noClasses().that().resideInAPackage(cpu)
            .should().dependOnClassesThat().resideInAnyPackage(trap, observe)
            .as("cpu (virtual CPUs and their CP0) reaches neither the trap handling nor its observation")
            .allowEmptyShould(true),
        noClasses().that().resideInAPackage(trap)
            .should().dependOnClassesThat().resideInAPackage(observe)
            .as("trap (the dispatcher) does not reach the observation of the monitor")
            .allowEmptyShould(true),
        noClasses().that().resideOutsideOfPackage(observe)
            .should().dependOnClassesThat().resideInAPackage("disco.spec.observe..")
            .as("only observe implements the spec's observation interfaces")
            .allowEmptyShould(true),
        slices().matching(root + ".(*)..").should().beFreeOfCycles()
            .as("no cycles between the monitor's packages")
            .allowEmptyShould(true));
  }
}
