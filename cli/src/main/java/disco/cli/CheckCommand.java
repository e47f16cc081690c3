package disco.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import disco.check.catalogue.Configuration;
import disco.check.catalogue.Configurations;
import disco.check.engine.Counterexample;
import disco.check.engine.Explorer;
import disco.check.engine.Harness;
import disco.check.engine.Options;
import disco.check.engine.Progress;
import disco.check.engine.Replay;
import disco.check.engine.Result;
import disco.check.engine.Statistics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code disco check}: explores a configuration of the model checker's catalogue, checking every
 * invariant and refinement, and prints the statistics and either {@code no violation} (status 0)
 * or the shortest counterexample (status 1), which it also writes as a replayable JSON file.
 */
@Command(name = "check", description = "Model-check isolation and coherence invariants.")
final class CheckCommand implements Callable<Integer> {
  static final int VIOLATION = 1;

  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG",
      description = "monitor (default), reference, spec, coherence-2 or coherence-3")
  String config = "monitor";

  @Option(names = "--fault", paramLabel = "NAME", description = "run with one seeded fault switched on")
  String fault = "";

  @Option(names = "--list-faults", description = "name the seeded faults of each configuration")
  boolean listFaults;

  @Option(names = "--exact", description = "store whole states instead of 64-bit fingerprints")
  boolean exact;

  @Option(names = "--no-symmetry", description = "do not reduce by symmetry")
  boolean noSymmetry;

  @Option(names = "--max-depth", paramLabel = "N", description = "explore to this depth (default: the configuration's)")
  int maxDepth = -1;

  @Option(names = "--max-states", paramLabel = "N", description = "stop after this many states")
  long maxStates = -1;

  @Option(names = "--out", paramLabel = "FILE", description = "where to write a counterexample (default: ${DEFAULT-VALUE})")
  Path out = Path.of("disco-counterexample.json");

  @Option(names = "--replay", paramLabel = "FILE", description = "run a counterexample file again and check it")
  String replay = "";

  @Option(names = "--bench", description = "states per second and states of every configuration, with and without symmetry")
  boolean bench;

  /** A counterexample file: the configuration, the fault, what was violated and the steps. */
  record TraceFile(String configuration, String fault, String check, List<String> violations, List<Step> steps) {}

  /** One step of a counterexample file. */
  record Step(String op, SortedMap<String, String> changes) {}

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (listFaults) {
      listFaults(o);
      return ExitStatus.OK;
    }
    if (bench) {
      CheckBench.run(o);
      return ExitStatus.OK;
    }
    if (!replay.isEmpty()) {
      return replay(o, err);
    }
    Optional<Configuration> c = Configurations.named(config);
    if (c.isEmpty()) {
      err.println("disco check: no configuration " + config + "; known: " + names());
      return ExitStatus.FAILURE;
    }
    Configuration conf = c.get();
    Optional<String> f = fault.isEmpty() ? Optional.empty() : Optional.of(fault.toUpperCase(Locale.ROOT).replace('-', '_'));
    if (f.isPresent() && !conf.faults().containsKey(f.get())) {
      err.println("disco check: configuration " + conf.name() + " has no fault " + fault + "; see disco check --list-faults");
      return ExitStatus.FAILURE;
    }
    Options opts = conf.options().withExact(exact).withSymmetry(!noSymmetry);
    if (maxDepth >= 0) {
      opts = opts.withMaxDepth(maxDepth);
    }
    if (maxStates > 0) {
      opts = opts.withMaxStates(maxStates);
    }
    o.println("disco check " + conf.name() + f.map(x -> " with fault " + x).orElse("") + ": " + conf.description());
    Harness<?, ?> harness = conf.harness(f);
    // A harness without symmetries is explored without reduction, whatever the option says.
    opts = opts.withSymmetry(opts.symmetry() && harness.symmetric());
    Result r = Explorer.explore(harness, opts, progress(err));
    printSummary(o, r.statistics(), opts);
    if (r.passed()) {
      o.println("no violation");
      return ExitStatus.OK;
    }
    Counterexample cex = r.counterexample().orElseThrow();
    printCounterexample(o, cex);
    try {
      Files.writeString(out, json(new TraceFile(conf.name(), f.orElse(""), cex.checkId(), cex.violations(), steps(cex))));
      o.println("written " + out + " (replay with: disco check --replay " + out + ")");
    } catch (IOException e) {
      err.println("disco check: cannot write " + out + ": " + e.getMessage());
    }
    return VIOLATION;
  }

  private int replay(PrintWriter o, PrintWriter err) {
    TraceFile t;
    try {
      t = new ObjectMapper().readValue(Files.readString(Path.of(replay)), TraceFile.class);
    } catch (NoSuchFileException e) {
      err.println("disco check: " + replay + ": no such file");
      return ExitStatus.FAILURE;
    } catch (JsonProcessingException e) {
      err.println("disco check: " + replay + ": not a counterexample file: " + e.getOriginalMessage().lines().findFirst().orElse(""));
      return ExitStatus.FAILURE;
    } catch (IOException e) {
      err.println("disco check: " + replay + ": cannot be read: " + e.getMessage());
      return ExitStatus.FAILURE;
    }
    if (t.configuration() == null || t.steps() == null) {
      err.println("disco check: " + replay + ": not a counterexample file (no configuration or steps)");
      return ExitStatus.FAILURE;
    }
    Optional<Configuration> c = Configurations.named(t.configuration());
    if (c.isEmpty()) {
      err.println("disco check: " + replay + ": field configuration: no configuration " + t.configuration());
      return ExitStatus.FAILURE;
    }
    Optional<String> f = t.fault() == null || t.fault().isEmpty() ? Optional.empty() : Optional.of(t.fault());
    try {
      Optional<Counterexample> cex = Replay.run(c.get().harness(f), t.steps().stream().map(Step::op).toList());
      o.println("replayed " + t.steps().size() + " steps of " + t.configuration() + f.map(x -> " with fault " + x).orElse(""));
      if (cex.isEmpty()) {
        o.println("no violation");
        return ExitStatus.OK;
      }
      printCounterexample(o, cex.get());
      return VIOLATION;
    } catch (Replay.NotEnabled | IllegalArgumentException e) {
      err.println("disco check: " + replay + ": " + e.getMessage());
      return ExitStatus.FAILURE;
    }
  }

  private void listFaults(PrintWriter o) {
    for (Configuration c : Configurations.all()) {
      if (c.faults().isEmpty()) {
        continue;
      }
      o.println(c.name() + ":");
      for (Map.Entry<String, String> e : c.faults().entrySet()) {
        o.printf(Locale.ROOT, "  %-28s %s%n", e.getKey(), e.getValue());
      }
    }
  }

  private static String names() {
    return String.join(", ", Configurations.all().stream().map(Configuration::name).toList());
  }

  /** Progress on standard error, only on a terminal: states, depth, states per second. */
  private static Progress progress(PrintWriter err) {
    if (System.console() == null) {
      return Progress.NONE;
    }
    return s -> {
      err.printf(Locale.ROOT, "\r  %,d states  depth %d  %,.0f states/s   ", s.states(), s.depth(), s.statesPerSecond());
      err.flush();
    };
  }

  static void printSummary(PrintWriter o, Statistics s, Options opts) {
    o.printf(Locale.ROOT, "states %,d  transitions %,d  depth %d%s  checks %,d  time %.2f s  (%,.0f states/s)%n",
        s.states(), s.transitions(), s.depth(),
        s.complete() ? " (complete)" : " (bounded by " + s.bound() + ")",
        s.checks(), s.elapsedNanos() / 1e9, s.statesPerSecond());
    o.printf(Locale.ROOT, "%s, %s%n",
        opts.exact() ? "exact states" : String.format(Locale.ROOT,
            "fingerprints (collision probability %.1e, n(m-n)/2^64 as TLC estimates it)", s.collisionProbability()),
        opts.symmetry() ? "symmetry reduction on" : "no symmetry reduction");
  }

  static void printCounterexample(PrintWriter o, Counterexample c) {
    o.println("VIOLATION " + c.checkId() + ":");
    for (String v : c.violations()) {
      o.println("  " + v);
    }
    o.println("shortest counterexample, " + c.steps().size() + " steps from the initial state:");
    for (int i = 0; i < c.steps().size(); i++) {
      Counterexample.Step s = c.steps().get(i);
      o.println("  " + (i + 1) + ". " + s.op());
      for (Map.Entry<String, String> e : s.changes().entrySet()) {
        o.println("       " + e.getKey() + ": " + e.getValue());
      }
    }
  }

  private static List<Step> steps(Counterexample c) {
    return c.steps().stream().map(s -> new Step(s.op(), s.changes())).toList();
  }

  private static String json(TraceFile t) throws JsonProcessingException {
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(t) + "\n";
  }
}
