package disco.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import disco.hw.InputFiles;
import disco.monitor.Disco;
import disco.monitor.InvalidScenarioException;
import disco.monitor.RunReport;
import disco.monitor.Scenario;
import disco.monitor.observe.InvariantsAfterEveryTrap;
import disco.monitor.observe.ReferenceInvariants;
import disco.monitor.observe.ReferenceMonitorView;
import disco.monitor.trap.TraceEvent;
import disco.monitor.trap.TrapKind;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code disco run} with a scenario of virtual machines: boots them on Disco, runs them, prints
 * the report and writes the trace. The exit statuses are those {@link RunCommand} lists.
 */
final class VmsRun {
  /** Every VM halted with status 0. */
  static final int ALL_EXITED_ZERO = 0;
  /** A VM halted with another status, or the monitor stopped it. */
  static final int A_VM_FAILED = 1;
  /** --max-cycles came first. */
  static final int CYCLE_LIMIT = 124;

  /** What to trace: to which file, in which form, which VMs and kinds (empty: all). */
  record Trace(@Nullable Path file, boolean json, Set<String> vms, Set<TrapKind> kinds) {
    boolean wants(TraceEvent e) {
      return (vms.isEmpty() || vms.contains(e.vm())) && (kinds.isEmpty() || kinds.contains(e.kind()));
    }
  }

  /** How many violations are printed (all are counted). */
  static final int KEPT_VIOLATIONS = 10;

  private VmsRun() {}

  /** The invariants violated: the run's status when every VM ended well but an invariant failed. */
  static final int INVARIANT_VIOLATED = 1;

  static int run(Scenario scenario, long maxCycles, Trace trace, boolean checkInvariants, @Nullable Path statsJson,
      boolean noStats, OutputStream console, PrintWriter err) throws IOException {
    if (checkInvariants && scenario.monitor().asidTagging()) {
      // The view reads the hardware TLB as holding guest ASIDs and one vCPU's entries per CPU, which
      // a TLB tagged by vCPU does not: mapping real ASIDs back is not built yet.
      err.println("disco run: --check-invariants cannot check a scenario with monitor.asidTagging yet"
          + " (the invariants read the TLB in guest ASIDs; a tagged TLB holds the monitor's own)");
      return ExitStatus.FAILURE;
    }
    Disco disco;
    try {
      disco = Disco.boot(scenario, console);
    } catch (InvalidScenarioException e) {
      err.println("disco run: " + e.getMessage());
      return ExitStatus.FAILURE;
    }
    for (String vm : trace.vms()) {
      if (scenario.vms().stream().noneMatch(v -> v.name().equals(vm))) {
        err.println("disco run: --trace-vm " + vm + ": the scenario has no VM of that name (it has "
            + String.join(", ", scenario.vms().stream().map(Scenario.Vm::name).toList()) + ")");
        return ExitStatus.FAILURE;
      }
    }
    Path file = trace.file();
    InvariantsAfterEveryTrap invariants = checkInvariants
        ? new InvariantsAfterEveryTrap(new ReferenceMonitorView(disco), ReferenceInvariants.CHECKED, KEPT_VIOLATIONS)
        : null;
    try (BufferedWriter out = file == null ? null : Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      if (out != null || invariants != null) {
        disco.dispatcher().trace(e -> {
          if (invariants != null) {
            invariants.accept(e);
          }
          if (out != null && trace.wants(e)) {
            try {
              out.write(trace.json() ? e.json() : e.text());
              out.newLine();
            } catch (IOException x) {
              throw new UncheckedIOException(x);
            }
          }
        });
      }
      disco.run(maxCycles);
    } catch (IOException | UncheckedIOException e) {
      IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
      err.println("disco run: " + file + ": cannot be written: " + InputFiles.problem(cause));
      return ExitStatus.FAILURE;
    }
    console.flush();
    RunReport report = RunReport.of(disco);
    if (!noStats) {
      err.print(report.table());
    }
    if (statsJson != null) {
      try {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(statsJson.toFile(), report);
      } catch (IOException e) {
        err.println("disco run: " + statsJson + ": cannot be written: " + InputFiles.problem(e));
        return ExitStatus.FAILURE;
      }
    }
    if (invariants != null) {
      err.printf("invariants (%s): checked after each of %,d traps, %,d violations%n",
          String.join(", ", ReferenceInvariants.CHECKED.stream().map(i -> i.id()).toList()), invariants.checks(),
          invariants.violationCount());
      for (InvariantsAfterEveryTrap.Violation v : invariants.violations()) {
        err.println("  " + v);
      }
    }
    err.flush();
    if (invariants != null && invariants.violationCount() > 0) {
      return INVARIANT_VIOLATED;
    }
    if (report.allExitedZero()) {
      return ALL_EXITED_ZERO;
    }
    boolean limit = maxCycles > 0 && disco.port().clock() >= maxCycles
        && report.vms().stream().anyMatch(v -> v.exit() == null);
    return limit ? CYCLE_LIMIT : A_VM_FAILED;
  }

  /** The trap kinds by their names as the trace prints them, for --trace-kind. */
  static List<String> kindNames() {
    return java.util.Arrays.stream(TrapKind.values()).map(Enum::name).toList();
  }
}
