package disco.monitor;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Runs a scenario from a plain {@code main}, without the command line interface: for Java
 * PathFinder and for embedding. Prints each VM's console and one line per VM with how it ended.
 * With {@code --trace}, one line per trap (see {@link disco.monitor.trap.TraceEvent}). Exit status: 0 when every VM halted with status 0, 1 otherwise, 2 for a scenario that cannot run.
 */
public final class DiscoMain {
  private DiscoMain() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    boolean trace = args.length > 0 && args[0].equals("--trace");
    if (trace) {
      args = java.util.Arrays.copyOfRange(args, 1, args.length);
    }
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: DiscoMain [--trace] SCENARIO [MAX_CYCLES]");
      System.exit(2);
    }
    try {
      Disco d = Disco.boot(ScenarioFile.read(Path.of(args[0])), out);
      if (trace) {
        d.dispatcher().trace(e -> out.println(e.text()));
      }
      d.run(args.length == 2 ? Long.parseLong(args[1]) : 0);
      boolean ok = true;
      for (disco.monitor.cpu.VirtualMachine vm : d.vms()) {
        Integer status = vm.exitStatus();
        out.println(vm.name() + ": " + (status != null ? "exit " + status : "stopped: " + vm.stopReason()));
        ok &= status != null && status == 0;
      }
      System.exit(ok ? 0 : 1);
    } catch (InvalidScenarioException e) {
      System.err.println("disco: " + e.getMessage());
      System.exit(2);
    }
  }
}
