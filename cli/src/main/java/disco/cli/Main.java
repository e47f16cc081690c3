package disco.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code disco} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns the exit status; used by tests. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, StandardOutput.Sinks.PROCESS);
  }

  /** The same, with a guest's console output going to {@code guest}; used by tests to read it. */
  static int run(String[] args, PrintWriter out, PrintWriter err, StandardOutput.Sinks guest) {
    int status;
    try {
      CommandLine cl = DiscoCommand.commandLine(guest);
      cl.setOut(out);
      cl.setErr(err);
      status = cl.execute(args);
    } catch (RuntimeException | Error e) { // picocli hands exceptions to Failures; an Error comes here
      status = Failures.report(e, "disco", err);
    }
    out.flush();
    err.flush();
    return status;
  }
}
