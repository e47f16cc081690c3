package disco.cli;

import disco.hw.elf.ElfFile;
import disco.hw.elf.ElfFormatException;
import disco.hw.machine.InvalidConfigException;
import disco.hw.machine.Machine;
import disco.hw.machine.MachineConfig;
import disco.hw.machine.MachineStats;
import disco.hw.machine.StopReason;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.TreeMap;

/**
 * {@code disco bench --kernel}: boots one bare-metal image on the multiprocessor with the cache
 * model on and then off, in this process, and prints the simulation rate of each. The console
 * output is discarded; both runs must end by the halt register with status 0.
 */
final class MachineBench {
  private MachineBench() {}

  static int run(Path kernel, String machine, int repeat, PrintWriter out, PrintWriter err) {
    MachineConfig base;
    ElfFile image;
    try {
      base = UserFiles.machine(machine);
      image = ElfFile.read(kernel);
    } catch (InvalidConfigException | ElfFormatException e) {
      err.println("disco bench: " + e.getMessage());
      return ExitStatus.FAILURE;
    }
    out.printf("kernel             %s on %s (%d CPUs)%n", kernel, base.name(), base.cpus());
    for (boolean cache : new boolean[] {true, false}) {
      MachineConfig c = base.withCacheEnabled(cache);
      double best = Double.MAX_VALUE;
      MachineStats stats = null;
      for (int i = 0; i < repeat; i++) {
        Machine m;
        try {
          m = new Machine(c, new TreeMap<>(), new ByteArrayInputStream(new byte[0]), OutputStream.nullOutputStream());
          m.load(image);
        } catch (InvalidConfigException | ElfFormatException e) {
          err.println("disco bench: " + e.getMessage());
          return ExitStatus.FAILURE;
        }
        long start = System.nanoTime();
        StopReason reason = m.run(0, null);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!(reason instanceof StopReason.Halted) || reason.exitStatus() != 0) {
          err.println("disco bench: the kernel did not halt with status 0 (" + reason.sentence() + ")");
          return ExitStatus.FAILURE;
        }
        if (seconds < best) {
          best = seconds;
          stats = m.stats();
        }
      }
      if (stats == null) {
        return ExitStatus.FAILURE;
      }
      long instructions = stats.totalInstructions();
      out.printf("cache model %-4s   %,d instructions, %,d cycles in %.3f s: %.1f million instructions/s%n",
          cache ? "on" : "off", instructions, stats.cycles(), best, instructions / best / 1e6);
    }
    return ExitStatus.OK;
  }
}
