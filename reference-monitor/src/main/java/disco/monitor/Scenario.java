package disco.monitor;

import disco.hw.machine.MachineConfig;
import disco.monitor.trap.CostModel;
import java.nio.file.Path;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What Disco runs: a machine and its virtual machines, and the monitor's parameters. Read from a
 * YAML or JSON file by {@link ScenarioFile}; docs/reference-monitor.md gives the format.
 */
public record Scenario(MachineConfig machine, List<Vm> vms, Parameters monitor) {
  public Scenario {
    vms = List.copyOf(vms);
  }

  /**
   * One VM.
   *
   * @param name its name: the prefix of its console lines, its key in the statistics
   * @param vcpus virtual CPUs
   * @param memoryMb guest-physical memory
   * @param kernel the guest kernel image (linked into the supervisor segment); null for a VM driven
   *     one operation at a time (disco.monitor.operate), whose memory starts all zero
   * @param commandLine the kernel command line, or null
   * @param disks disk images, VM disk 0 first
   * @param persistentDisks whether the VM's writes reach the image files (else they stay in memory)
   * @param consoleInput bytes its console reads
   * @param nodes the node each vCPU runs on (empty: spread over the machine)
   */
  public record Vm(String name, int vcpus, int memoryMb, @Nullable Path kernel, @Nullable String commandLine,
      List<Path> disks, boolean persistentDisks, String consoleInput, List<Integer> nodes) {
    public Vm {
      disks = List.copyOf(disks);
      nodes = List.copyOf(nodes);
    }
  }

  /**
   * The monitor's own parameters.
   *
   * @param l2tlbEntries entries in each vCPU's second-level software TLB (a power of two)
   * @param sliceCycles how long a vCPU runs before another on the same CPU gets its turn
   * @param watchdogCycles how long a vCPU may run with interrupts disabled before its VM is stopped
   * @param monitorCodePages pages of Disco's code, replicated on every node (the paper: 72 KB)
   * @param costs what the monitor's work costs
   * @param asidTagging tag the hardware TLB by vCPU instead of flushing it at every vCPU switch (the
   *     paper flushes: off by default)
   */
  public record Parameters(int l2tlbEntries, long sliceCycles, long watchdogCycles, int monitorCodePages,
      CostModel costs, boolean asidTagging) {
    public static final Parameters DEFAULT = new Parameters(1024, 1_000_000, 100_000_000, 18, CostModel.DEFAULT, false);
  }
}
