package disco.cli;

import disco.check.catalogue.Configuration;
import disco.check.catalogue.Configurations;
import disco.check.engine.Explorer;
import disco.check.engine.Harness;
import disco.check.engine.Options;
import disco.check.engine.Statistics;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code disco check --bench}: every configuration, with and without symmetry reduction, with
 * fingerprints and again with exact states: states, transitions, time and states per second, and
 * whether the two modes found the same number of states.
 */
final class CheckBench {
  private CheckBench() {}

  static void run(PrintWriter o) {
    o.printf(Locale.ROOT, "%-12s %-8s %11s %11s %12s %6s %9s %12s%n",
        "config", "symmetry", "states", "exact", "transitions", "depth", "time s", "states/s");
    for (Configuration c : Configurations.all()) {
      Harness<?, ?> h = c.harness(Optional.empty());
      for (boolean symmetry : new boolean[] {false, true}) {
        Options opts = c.options().withSymmetry(symmetry);
        Statistics fp = Explorer.explore(h, opts).statistics();
        Statistics exact = Explorer.explore(h, opts.withExact(true)).statistics();
        o.printf(Locale.ROOT, "%-12s %-8s %,11d %,11d %,12d %6d %9.2f %,12.0f%s%n",
            c.name(), symmetry ? "on" : "off", fp.states(), exact.states(), fp.transitions(), fp.depth(),
            fp.elapsedNanos() / 1e9, fp.statesPerSecond(), fp.states() == exact.states() ? "" : "  MODES DIFFER");
        o.flush();
      }
    }
  }
}
