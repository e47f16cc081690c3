package disco.monitor.cpu;

import disco.monitor.io.VirtualConsole;
import disco.monitor.mem.Pmap;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One virtual machine: its name, its physical memory (the pmap), its vCPUs, console and disks
 * (each VM disk is a machine disk), and how it ended.
 */
public final class VirtualMachine {
  private final int id;
  private final String name;
  private final Pmap pmap;
  private final List<VirtualCpu> vcpus = new ArrayList<>();
  private final VirtualConsole console;
  private final int[] machineDisks;
  private final int entry;
  private @Nullable Integer exitStatus;
  private @Nullable String stopReason;

  public VirtualMachine(int id, String name, Pmap pmap, VirtualConsole console, int[] machineDisks,
      int entry) {
    this.id = id;
    this.name = name;
    this.pmap = pmap;
    this.console = console;
    this.machineDisks = machineDisks.clone();
    this.entry = entry;
  }

  public int id() {
    return id;
  }

  public String name() {
    return name;
  }

  public Pmap pmap() {
    return pmap;
  }

  public List<VirtualCpu> vcpus() {
    return vcpus;
  }

  public VirtualConsole console() {
    return console;
  }

  /** The machine disk behind VM disk {@code n}, or -1. */
  public int machineDisk(int n) {
    return n >= 0 && n < machineDisks.length ? machineDisks[n] : -1;
  }

  /** The kernel's entry point. */
  public int entry() {
    return entry;
  }

  /** The VM's memory in bytes. */
  public long memoryBytes() {
    return (long) pmap.pages() << 12;
  }

  public boolean stopped() {
    return exitStatus != null || stopReason != null;
  }

  /** Its guest halted with {@code status}. */
  public void halted(int status) {
    exitStatus = status;
    vcpus.forEach(v -> v.setState(VirtualCpu.State.STOPPED));
  }

  /** The monitor stopped it; its console says why. */
  public void stop(String reason) {
    stopReason = reason;
    console.monitorSays(name + " stopped: " + reason);
    vcpus.forEach(v -> v.setState(VirtualCpu.State.STOPPED));
  }

  /** A VM as data: its pmap, its vCPUs, and how it ended (its console is not part of it). */
  public record Snapshot(int[] pmap, java.util.List<VirtualCpu.Snapshot> vcpus, @Nullable Integer exitStatus,
      @Nullable String stopReason) {}

  public Snapshot snapshot() {
    return new Snapshot(pmap.snapshot(), vcpus.stream().map(VirtualCpu::snapshot).toList(), exitStatus, stopReason);
  }

  /** Puts back a {@link #snapshot}, without a word on the console. */
  public void restore(Snapshot s) {
    pmap.restore(s.pmap());
    for (int i = 0; i < vcpus.size(); i++) {
      vcpus.get(i).restore(s.vcpus().get(i));
    }
    exitStatus = s.exitStatus();
    stopReason = s.stopReason();
  }

  public @Nullable Integer exitStatus() {
    return exitStatus;
  }

  public @Nullable String stopReason() {
    return stopReason;
  }
}
