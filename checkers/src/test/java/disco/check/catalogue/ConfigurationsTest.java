package disco.check.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.check.engine.Explorer;
import disco.check.engine.Harness;
import disco.check.engine.Result;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every configuration passes unfaulted; fingerprints and exact states agree on each; every fault is
 * caught. The reference monitor's configuration (about a minute for all of it) runs in the long
 * suite; the fast build checks it in ReferenceHarnessTest at smaller depths.
 */
class ConfigurationsTest {
  /** The configurations the fast build runs whole. */
  private static List<Configuration> quick() {
    return Configurations.all().stream().filter(c -> !c.name().equals("reference")).toList();
  }

  @Test
  void defaultConfigurationsPassAndFingerprintsHideNoState() {
    quick().forEach(ConfigurationsTest::passesAndFingerprintsHideNoState);
  }

  @Test
  @Tag("long")
  void theReferenceConfigurationPassesAndCatchesEveryFault() {
    Configuration c = Configurations.named("reference").orElseThrow();
    passesAndFingerprintsHideNoState(c);
    catchesEveryFault(c);
  }

  private static void passesAndFingerprintsHideNoState(Configuration c) {
    Harness<?, ?> h = c.harness(Optional.empty());
    Result fp = Explorer.explore(h, c.options());
    assertTrue(fp.passed(), c.name() + ": " + fp.counterexample());
    Result exact = Explorer.explore(h, c.options().withExact(true));
    assertEquals(fp.statistics().states(), exact.statistics().states(), c.name());
  }

  @Test
  void everyListedFaultIsCaught() {
    quick().forEach(ConfigurationsTest::catchesEveryFault);
  }

  private static void catchesEveryFault(Configuration c) {
    for (String fault : c.faults().keySet()) {
      assertTrue(Explorer.explore(c.harness(Optional.of(fault)), c.options()).counterexample().isPresent(),
          c.name() + " " + fault);
    }
  }

  @Test
  void anUnknownFaultIsRefusedWithTheList() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Configurations.named("monitor").orElseThrow().harness(Optional.of("NO_SUCH")));
    assertTrue(e.getMessage().contains("FORGOTTEN_SHOOTDOWN"), e.getMessage());
  }
}
