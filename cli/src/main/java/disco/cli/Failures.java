package disco.cli;

import java.io.PrintWriter;

/**
 * The last resort for a failure that escaped a subcommand: one line on standard error and an exit
 * status, never a stack trace. Bad input is refused where it is read, with a message naming the
 * file or field; what reaches here is a closed standard output, an exhausted heap, or a bug.
 */
final class Failures {
  private Failures() {}

  /** Set in the environment to print the stack trace after an internal error's line. */
  static final String DEBUG_VARIABLE = "DISCO_DEBUG";

  /** Reports {@code t}, which escaped {@code command} ("disco run", or "disco" before one ran). */
  static int report(Throwable t, String command, PrintWriter err) {
    if (t instanceof StandardOutput.Closed c) {
      if (c.brokenPipe()) {
        return ExitStatus.BROKEN_PIPE; // the reader has all it wanted: nothing to say
      }
      err.println(command + ": " + c.getMessage());
      return ExitStatus.FAILURE;
    }
    if (t instanceof OutOfMemoryError) {
      err.println(command + ": out of memory: the Java heap's limit of " + (Runtime.getRuntime().maxMemory() >> 20)
          + " MB is reached (raise it with -Xmx, e.g. DISCO_JAVA_OPTS=-Xmx8g for ./disco)");
      return ExitStatus.INTERNAL_ERROR;
    }
    StackTraceElement[] at = t.getStackTrace();
    String message = String.valueOf(t.getMessage()).lines().findFirst().orElse("");
    err.println("disco: internal error: " + t.getClass().getName() + ": " + message
        + (at.length > 0 ? " (at " + at[0] + ")" : ""));
    if (System.getenv(DEBUG_VARIABLE) != null) {
      t.printStackTrace(err);
    }
    return ExitStatus.INTERNAL_ERROR;
  }

  /** The command's name as messages begin: "disco run". */
  static String commandName(picocli.CommandLine cl) {
    return cl.getCommandSpec().qualifiedName(" ");
  }
}
