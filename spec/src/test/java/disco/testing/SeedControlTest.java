package disco.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The build's seed control ({@link SeedControl}, in build/test-support): a printed seed replays a
 * property exactly, and the fixed seeds of the long profile run every property again after its
 * random run, reporting a failure with its seed and the replay option.
 */
class SeedControlTest {
  @AfterEach
  void clear() {
    System.clearProperty(SeedControl.REPLAY);
    System.clearProperty(SeedControl.FIXED);
  }

  private static TestExecutionSummary launch(Class<?> fixture) {
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(fixture))
            .configurationParameter("jqwik.database", "target/.jqwik-database-seed-control")
            .configurationParameter("jqwik.failures.after", "RANDOM_SEED")
            .configurationParameter("jqwik.reporting.onlyfailures", "true")
            // The failing fixture's report goes to the platform, not to this build's log.
            .configurationParameter("jqwik.reporting.usejunitplatform", "true")
            .build(),
        listener);
    return listener.getSummary();
  }

  private static List<Integer> runWithSeed(String seed) {
    SeedControlFixture.reset();
    System.setProperty(SeedControl.REPLAY, seed);
    TestExecutionSummary s = launch(SeedControlFixture.class);
    System.clearProperty(SeedControl.REPLAY);
    assertEquals(1, s.getTestsSucceededCount());
    assertEquals(1, SeedControlFixture.runs.size());
    return SeedControlFixture.runs.get(0);
  }

  @Test
  void aSeedGivenOnTheCommandLineReplaysThePropertyExactly() {
    List<Integer> first = runWithSeed("123456789");
    assertEquals(first, runWithSeed("123456789"));
    assertNotEquals(first, runWithSeed("987654321"));
  }

  @Test
  void fixedSeedsRunAfterTheRandomRunEachAsItsOwnReplayWould() {
    List<Integer> one = runWithSeed("1");
    List<Integer> fortyTwo = runWithSeed("42");
    SeedControlFixture.reset();
    System.setProperty(SeedControl.FIXED, "1, 42");
    TestExecutionSummary s = launch(SeedControlFixture.class);
    assertEquals(1, s.getTestsSucceededCount());
    assertEquals(3, SeedControlFixture.runs.size(), "one random run, then one per fixed seed");
    assertEquals(one, SeedControlFixture.runs.get(1));
    assertEquals(fortyTwo, SeedControlFixture.runs.get(2));
  }

  @Test
  void aFailureUnderAFixedSeedNamesTheSeedAndHowToReplayIt() {
    SeedControlFixture.reset();
    System.setProperty(SeedControl.FIXED, "77, 78");
    TestExecutionSummary s = launch(SeedControlFailingFixture.class);
    assertEquals(1, s.getTestsFailedCount());
    String message = s.getFailures().get(0).getException().getMessage();
    assertTrue(message.contains("fixed seed 77"), message);
    assertTrue(message.contains("-Ddisco.jqwik.seed=77"), message);
  }

  @Test
  void aSeedThatIsNotANumberIsRefused() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            NumberFormatException.class, () -> SeedControl.seeds("1, x"));
    assertTrue(e.getMessage().contains("x"));
  }
}
