package disco.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Subcommands whose work is not built yet. Each says so in one line on standard error and exits
 * with status 2, so that no script mistakes it for a result.
 */
abstract class NotBuiltCommand implements Callable<Integer> {
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  @Spec
  CommandSpec spec;

  @Parameters(hidden = true)
  List<String> ignored = List.of();

  @Override
  public Integer call() {
    spec.commandLine()
        .getErr()
        .println("disco " + spec.name() + ": not built yet (" + spec.usageMessage().description()[0] + ")");
    return ExitStatus.FAILURE;
  }

  @Command(name = "check", description = "Model-check isolation and coherence invariants.")
  static final class Check extends NotBuiltCommand {}
}
