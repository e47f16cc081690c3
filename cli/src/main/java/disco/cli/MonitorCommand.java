package disco.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import disco.hw.InputFiles;
import disco.monitor.Disco;
import disco.monitor.InvalidScenarioException;
import disco.monitor.RunReport;
import disco.monitor.ScenarioFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code disco monitor}: boots the virtual machines of a scenario on Disco and runs them. */
@Command(
    name = "monitor",
    description = {
      "Run the virtual machines of a scenario (YAML or JSON: the machine, and each VM's name, vCPUs,",
      "memory, kernel, command line, disks and nodes) on the Disco monitor, and print what each",
      "vCPU's time went to. Each VM's console lines carry its name. See docs/reference-monitor.md."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:every VM halted with status 0",
      "1:a VM halted with another status, or the monitor stopped it (the reason is printed)",
      "2:bad input (a scenario that does not parse or cannot run, an unwritable output file)",
      "124:--max-cycles reached before every VM ended"
    })
final class MonitorCommand implements Callable<Integer> {
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  @Spec
  CommandSpec spec;

  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario file (scenarios/ has examples).")
  Path scenario;

  @Option(names = "--max-cycles", paramLabel = "N", description = "Stop every VM after N machine cycles (status 124); 0 = no limit.")
  long maxCycles;

  @Option(names = "--trace-monitor", paramLabel = "FILE",
      description = "Write one line per trap: cycle, CPU, VM.vCPU, what Disco did and why.")
  @Nullable Path trace;

  @Option(names = "--trace-json", description = "Write the trace as JSON Lines instead of text.")
  boolean traceJson;

  @Option(names = "--stats-json", paramLabel = "FILE", description = "Also write the run's report (RunReport) as JSON.")
  @Nullable Path statsJson;

  @Option(names = "--no-stats", description = "Do not print the per-vCPU table.")
  boolean noStats;

  /** Where the guests' consoles go; set by {@link DiscoCommand#commandLine(StandardOutput.Sinks)}. */
  StandardOutput.Sinks guest = StandardOutput.Sinks.PROCESS;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (maxCycles < 0) {
      err.println("disco monitor: --max-cycles: must be 0 (no limit) or more, got " + maxCycles);
      return ExitStatus.FAILURE;
    }
    for (Path p : new Path[] {statsJson, trace}) {
      String unwritable = p == null ? null : UserFiles.unwritable(p);
      if (unwritable != null) {
        err.println("disco monitor: " + p + ": " + unwritable);
        return ExitStatus.FAILURE;
      }
    }
    OutputStream console = guest.out().get();
    Disco disco;
    try {
      disco = Disco.boot(ScenarioFile.read(scenario), console);
    } catch (InvalidScenarioException e) {
      err.println("disco monitor: " + e.getMessage());
      return ExitStatus.FAILURE;
    }
    Path tracePath = trace;
    try (BufferedWriter traceOut = tracePath == null ? null : Files.newBufferedWriter(tracePath, StandardCharsets.UTF_8)) {
      if (traceOut != null) {
        disco.dispatcher().trace(e -> {
          try {
            traceOut.write(traceJson ? e.json() : e.text());
            traceOut.newLine();
          } catch (IOException x) {
            throw new UncheckedIOException(x);
          }
        });
      }
      disco.run(maxCycles);
    } catch (IOException | UncheckedIOException e) {
      err.println("disco monitor: " + tracePath + ": cannot be written: "
          + InputFiles.problem(e instanceof UncheckedIOException u ? u.getCause() : (IOException) e));
      return ExitStatus.FAILURE;
    }
    console.flush();
    RunReport report = RunReport.of(disco);
    if (!noStats) {
      err.print(report.table());
    }
    Path json = statsJson;
    if (json != null) {
      try {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
      } catch (IOException e) {
        err.println("disco monitor: " + json + ": cannot be written: " + InputFiles.problem(e));
        return ExitStatus.FAILURE;
      }
    }
    err.flush();
    if (report.allExitedZero()) {
      return 0;
    }
    boolean limit = maxCycles > 0 && disco.port().clock() >= maxCycles
        && report.vms().stream().anyMatch(v -> v.exit() == null);
    return limit ? 124 : 1;
  }
}
