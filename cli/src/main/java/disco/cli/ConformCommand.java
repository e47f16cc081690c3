package disco.cli;

import disco.conformance.Difference;
import disco.conformance.FileRefs;
import disco.conformance.Implementation;
import disco.conformance.ImplementationException;
import disco.conformance.Implementations;
import disco.conformance.JUnitXml;
import disco.conformance.Outcome;
import disco.conformance.ProcessImplementation;
import disco.conformance.Runner;
import disco.conformance.Vector;
import disco.conformance.VectorFormatException;
import disco.conformance.VectorSuite;
import disco.conformance.wiring.Mutants;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code disco conform}: runs the conformance vectors against the reference, a Java implementation
 * found by ServiceLoader, or an external process speaking the JSON Lines protocol.
 */
@Command(name = "conform", description = "Run the conformance suite against an implementation.")
final class ConformCommand implements Callable<Integer> {
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  @Spec
  CommandSpec spec;

  @Option(names = "--impl", paramLabel = "COMMAND",
      description = "An external implementation: a shell command speaking the protocol of docs/conformance.md.")
  @Nullable String impl;

  @Option(names = "--spi", paramLabel = "NAME",
      description = "A Java implementation by name (default: reference; mutant:NAME for a seeded mutant).")
  @Nullable String spi;

  @Option(names = "--suite", paramLabel = "KIND", split = ",",
      description = "The kinds of vector to run (instruction, program, machine); default all.")
  List<String> suites = new ArrayList<>(VectorSuite.KINDS);

  @Option(names = "--vectors", paramLabel = "FILE",
      description = "Run the vectors of this JSON Lines file instead of the built-in ones.")
  @Nullable Path vectors;

  @Option(names = "--root", paramLabel = "DIR",
      description = "Where the files of program and machine vectors are found (default: the repository holding the working directory).")
  @Nullable Path root;

  @Option(names = "--junit-xml", paramLabel = "FILE", description = "Also write a JUnit XML report.")
  @Nullable Path junitXml;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "How long an external implementation may take per vector (default ${DEFAULT-VALUE}).")
  double timeout;

  /** How many differences of each failure are printed. */
  static final int SHOWN = 3;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    for (String s : suites) {
      if (!VectorSuite.KINDS.contains(s)) {
        err.println("disco conform: --suite " + s + ": not one of " + String.join(", ", VectorSuite.KINDS));
        return ExitStatus.FAILURE;
      }
    }
    if (impl != null && spi != null) {
      err.println("disco conform: --impl and --spi name two implementations; give one");
      return ExitStatus.FAILURE;
    }
    if (!(timeout > 0 && timeout <= 3600)) {
      err.println("disco conform: --timeout must be more than 0 and at most 3600 seconds");
      return ExitStatus.FAILURE;
    }
    Map<String, List<Vector>> byKind = new LinkedHashMap<>();
    try {
      List<Vector> all = new ArrayList<>();
      if (vectors != null) {
        all.addAll(VectorSuite.read(vectors));
      } else {
        for (String kind : VectorSuite.KINDS) {
          all.addAll(VectorSuite.builtIn(kind));
        }
      }
      all = FileRefs.resolve(all, root != null ? root : FileRefs.defaultRoot());
      for (String kind : VectorSuite.KINDS) {
        if (suites.contains(kind)) {
          byKind.put(kind, all.stream().filter(v -> v.kind().equals(kind)).collect(Collectors.toList()));
        }
      }
    } catch (VectorFormatException e) {
      err.println("disco conform: " + e.getMessage());
      return ExitStatus.FAILURE;
    }
    Implementation implementation;
    try {
      implementation = implementation();
    } catch (ImplementationException e) {
      err.println("disco conform: " + e.getMessage());
      return ExitStatus.FAILURE;
    }
    Map<String, List<Outcome>> results = new LinkedHashMap<>();
    try (implementation) {
      for (Map.Entry<String, List<Vector>> e : byKind.entrySet()) {
        results.put(e.getKey(), Runner.run(implementation, e.getValue()));
      }
    }
    boolean ok = print(out, implementation.name(), results);
    if (junitXml != null) {
      try {
        Files.writeString(junitXml, JUnitXml.of(implementation.name(), results), StandardCharsets.UTF_8);
      } catch (IOException e) {
        err.println("disco conform: --junit-xml " + junitXml + ": cannot be written: " + e.getMessage());
        return ExitStatus.FAILURE;
      }
    }
    return ok ? ExitStatus.OK : ExitStatus.FAILURE;
  }

  private Implementation implementation() throws ImplementationException {
    if (impl != null) {
      return ProcessImplementation.start(impl, Duration.ofMillis((long) (timeout * 1000)));
    }
    String name = spi == null ? "reference" : spi;
    List<Implementation> known = new ArrayList<>(Implementations.installed());
    known.addAll(Mutants.all());
    for (Implementation i : known) {
      if (i.name().equals(name)) {
        return i;
      }
    }
    throw new ImplementationException("--spi " + name + ": no such implementation; known: "
        + known.stream().map(Implementation::name).collect(Collectors.joining(", ")));
  }

  /** The table per suite and the first differences of each failure; true when nothing failed. */
  static boolean print(PrintWriter out, String name, Map<String, List<Outcome>> results) {
    out.println("implementation: " + name);
    out.printf("%-12s %7s %7s %7s%n", "suite", "passed", "failed", "skipped");
    int failed = 0;
    for (Map.Entry<String, List<Outcome>> e : results.entrySet()) {
      int[] n = Runner.tally(e.getValue());
      out.printf("%-12s %7d %7d %7d%n", e.getKey(), n[0], n[1], n[2]);
      failed += n[1];
    }
    // Why vectors were skipped: a kind the implementation does not run, or a choice it did not declare.
    Map<String, Integer> skips = new TreeMap<>();
    results.values().forEach(os -> os.stream().filter(o -> o.status() == Outcome.Status.SKIPPED)
        .forEach(o -> skips.merge(o.reason(), 1, Integer::sum)));
    skips.forEach((reason, count) -> out.println("skipped " + count + ": " + reason));
    for (List<Outcome> outcomes : results.values()) {
      for (Outcome o : outcomes) {
        if (o.status() != Outcome.Status.FAILED) {
          continue;
        }
        out.println("FAIL " + o.vector().id() + ": " + o.vector().purpose() + " (" + o.vector().manual() + ")");
        if (o.differences().isEmpty()) {
          out.println("  " + o.reason());
        }
        List<Difference> d = o.differences();
        for (int k = 0; k < Math.min(SHOWN, d.size()); k++) {
          out.println("  " + d.get(k));
        }
        if (d.size() > SHOWN) {
          out.println("  ... " + (d.size() - SHOWN) + " more");
        }
      }
    }
    out.flush();
    return failed == 0;
  }
}
