package disco.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code disco} command: a container for the subcommands. */
@Command(
    name = "disco",
    mixinStandardHelpOptions = true,
    versionProvider = DiscoCommand.Version.class,
    description = {
      "Reference implementation of the Disco virtual machine monitor",
      "(Bugnion, Devine, Rosenblum, SOSP 1997) on a deterministic MIPS32 CC-NUMA machine model."
    },
    subcommands = {
      RunCommand.class,
      ExecCommand.class,
      CheckCommand.class,
      ConformCommand.class,
      BenchCommand.class,
      ReportCommand.class,
      CommandLine.HelpCommand.class
    })
public final class DiscoCommand implements Runnable {
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /**
   * Builds the command line with the project's conventions: usage errors exit 2, as do failures;
   * {@code --help} on every subcommand exits 0; an exception that escapes a subcommand is one line
   * ({@link Failures}).
   */
  static CommandLine commandLine() {
    return commandLine(StandardOutput.Sinks.PROCESS);
  }

  /** The same, with the guests' console (run, exec) sent to {@code guest} instead of the process's. */
  static CommandLine commandLine(StandardOutput.Sinks guest) {
    CommandLine cl = new CommandLine(new DiscoCommand());
    cl.setExitCodeExceptionMapper(t -> ExitStatus.FAILURE);
    cl.setExecutionExceptionHandler((e, sub, parsed) -> Failures.report(e, Failures.commandName(sub), sub.getErr()));
    for (CommandLine sub : cl.getSubcommands().values()) {
      CommandLine.Model.CommandSpec s = sub.getCommandSpec();
      if (s.findOption("--help") == null) {
        s.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
            .description("Show this help message and exit.").build());
      }
    }
    // Everything after the program's name is the program's, as with `qemu-mips PROG ARGS`:
    // `disco exec PROG --stats` passes --stats to PROG. (unmatchedOptionsArePositionalParams
    // would not do: an argument that is also one of exec's own options would still be taken.)
    CommandLine exec = cl.getSubcommands().get("exec");
    if (exec == null) {
      throw new IllegalStateException("the exec subcommand is not registered");
    }
    exec.setStopAtPositional(true);
    CommandLine run = cl.getSubcommands().get("run");
    if (!(exec.getCommand() instanceof ExecCommand e) || run == null || !(run.getCommand() instanceof RunCommand r)) {
      throw new IllegalStateException("the run and exec subcommands are not registered");
    }
    e.guest = guest;
    r.guest = guest;

    return cl;
  }

  @Override
  public void run() {
    // `disco` alone prints the usage: there is no default job without a configuration.
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Reads the version Maven wrote into the jar's resources ({@code version.properties}, filtered
   * with the pom's {@code project.version}). A build without it, or with the placeholder left
   * unfiltered, is broken: that is an error, not a default version.
   */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      return new String[] {"disco " + projectVersion(), "Java " + System.getProperty("java.version")};
    }

    static String projectVersion() throws IOException {
      try (InputStream in = DiscoCommand.class.getResourceAsStream("version.properties")) {
        return projectVersion(in);
      }
    }

    /** The version in a {@code version.properties} stream; refuses a missing or unfiltered one. */
    static String projectVersion(@Nullable InputStream in) throws IOException {
      if (in == null) {
        throw new IllegalStateException("version.properties is missing from this build");
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version");
      if (v == null || v.isBlank() || v.contains("${")) {
        throw new IllegalStateException("version.properties holds no version filtered by the build: " + v);
      }
      return v;
    }
  }
}
