package disco.monitor;

import disco.hw.cpu.FpuState;
import disco.hw.elf.ElfFile;
import disco.hw.elf.ElfFormatException;
import disco.hw.elf.ElfSegment;
import disco.hw.machine.DiskImage;
import disco.hw.machine.InvalidConfigException;
import disco.hw.machine.Machine;
import disco.hw.machine.MachineConfig;
import disco.hw.machine.MachineState;
import disco.hw.mem.Memory;
import disco.hw.port.CpuPort;
import disco.hw.port.MachinePort;
import disco.hw.port.RegisterContext;
import disco.hw.port.Scheduler;
import disco.monitor.cpu.VcpuStats;
import disco.monitor.cpu.VirtualCp0;
import disco.monitor.cpu.VirtualCpu;
import disco.monitor.cpu.VirtualMachine;
import disco.monitor.io.VirtualConsole;
import disco.monitor.mem.L2Tlb;
import disco.monitor.mem.MachinePages;
import disco.monitor.mem.Memmap;
import disco.monitor.mem.Pmap;
import disco.monitor.trap.TrapDispatcher;
import disco.monitor.trap.TrapKind;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Disco: boots the VMs of a {@link Scenario} on the machine and runs them (paper section 4). It owns
 * the machine: installed as every CPU's kernel-mode trap handler, it keeps its own pages (its code
 * replicated on every node, its data) away from every VM, gives each VM a pmap, loads each guest
 * kernel into its VM's physical memory, and starts vCPU 0 of each VM.
 */
public final class Disco {
  /** The device window's start: no machine memory above it is handed out. */
  private static final long DEVICE_WINDOW = 0x1F00_0000L;

  private final Scenario scenario;
  private final Machine machine;
  private final MachinePort port;
  private final MachinePages pages;
  private final Memmap memmap;
  private final List<VirtualMachine> vms = new ArrayList<>();
  private final TrapDispatcher dispatcher;
  private boolean started;

  private Disco(Scenario scenario, OutputStream consoleOut, java.util.Set<disco.monitor.trap.SeededFault> faults)
      throws InvalidScenarioException {
    this.scenario = scenario;
    MachineConfig config = scenario.machine();
    List<DiskImage> disks = new ArrayList<>();
    int vcpuTotal = 0;
    for (Scenario.Vm vm : scenario.vms()) {
      for (java.nio.file.Path p : vm.disks()) {
        disks.add(new DiskImage(disks.size(), p, !vm.persistentDisks()));
      }
      vcpuTotal += vm.vcpus();
    }
    if (disks.size() > 8) {
      throw new InvalidScenarioException("the VMs have " + disks.size() + " disks; the machine has 8 disk slots");
    }
    if (scenario.vms().isEmpty()) {
      throw new InvalidScenarioException("the scenario has no VMs");
    }
    try {
      machine = new Machine(config, disks, new ByteArrayInputStream(new byte[0]), OutputStream.nullOutputStream());
    } catch (InvalidConfigException e) {
      throw new InvalidScenarioException(String.valueOf(e.getMessage()));
    }
    port = MachinePort.of(machine);
    int pagesPerNode = (int) ((long) config.memoryPerNodeMb() << 8);
    int usable = (int) (Math.min(config.memoryBytes(), DEVICE_WINDOW) >>> 12);
    Scenario.Parameters p = scenario.monitor();
    pages = new MachinePages(config.nodes(), pagesPerNode, usable, p.monitorCodePages());
    memmap = new Memmap(pages.totalPages());
    long guestPages = 0;
    for (Scenario.Vm vm : scenario.vms()) {
      guestPages += (long) vm.memoryMb() << 8;
    }
    // Disco's data: a pmap word per guest page, a memmap pair per machine page, the L2TLBs.
    long dataBytes = guestPages * 4 + pages.totalPages() * 8L + (long) vcpuTotal * p.l2tlbEntries() * 16;
    for (long b = 0; b < dataBytes; b += 4096) {
      if (pages.allocate(0, MachinePages.MONITOR) < 0) {
        throw new InvalidScenarioException("the machine's memory cannot hold Disco's own data");
      }
    }
    int next = 0;
    for (Scenario.Vm spec : scenario.vms()) {
      vms.add(makeVm(scenario, port, pages, spec, vms.size(), consoleOut, next));
      next += spec.vcpus();
    }
    dispatcher = new TrapDispatcher(port, vms, pages, memmap, p.costs(), p.sliceCycles(), p.watchdogCycles(),
        p.asidTagging(), faults);
    port.onDiskCompletion(dispatcher);
  }

  /** Builds the machine, Disco and its VMs, and loads each VM's kernel. */
  public static Disco boot(Scenario scenario, OutputStream consoleOut) throws InvalidScenarioException {
    return boot(scenario, consoleOut, java.util.Set.of());
  }

  /** {@link #boot(Scenario, OutputStream)} with seeded faults switched on (for the checkers only). */
  public static Disco boot(Scenario scenario, OutputStream consoleOut, java.util.Set<disco.monitor.trap.SeededFault> faults)
      throws InvalidScenarioException {
    Disco d = new Disco(scenario, consoleOut, faults);
    for (int i = 0; i < d.vms.size(); i++) {
      d.load(d.vms.get(i), scenario.vms().get(i));
    }
    return d;
  }

  private static VirtualMachine makeVm(Scenario scenario, MachinePort port, MachinePages pages,
      Scenario.Vm spec, int id, OutputStream out, int firstVcpu)
      throws InvalidScenarioException {
    long bytes = (long) spec.memoryMb() << 20;
    if (spec.memoryMb() <= 0 || bytes > MonitorInterface.PHYS_MAX) {
      throw new InvalidScenarioException("VM " + spec.name() + ": memory must be 1.."
          + (MonitorInterface.PHYS_MAX >> 20) + " MB, got " + spec.memoryMb());
    }
    if (spec.vcpus() <= 0 || spec.vcpus() > 64) {
      throw new InvalidScenarioException("VM " + spec.name() + ": vCPUs must be 1..64, got " + spec.vcpus());
    }
    if (!spec.nodes().isEmpty() && spec.nodes().size() != spec.vcpus()) {
      throw new InvalidScenarioException("VM " + spec.name() + ": " + spec.nodes().size()
          + " nodes given for " + spec.vcpus() + " vCPUs");
    }
    int[] disks = new int[spec.disks().size()];
    int base = 0;
    for (Scenario.Vm earlier : scenario.vms().subList(0, id)) {
      base += earlier.disks().size();
    }
    for (int i = 0; i < disks.length; i++) {
      disks[i] = base + i;
    }
    int entry = readKernel(spec).map(ElfFile::entry).orElse(MonitorInterface.PHYS_BASE);
    String prefix = scenario.vms().size() > 1 ? "[" + spec.name() + "] " : "";
    VirtualConsole console = new VirtualConsole(prefix, out,
        spec.consoleInput().getBytes(StandardCharsets.UTF_8));
    VirtualMachine vm = new VirtualMachine(id, spec.name(), new Pmap((int) (bytes >>> 12)), console,
        disks, entry);
    MachineConfig config = scenario.machine();
    for (int i = 0; i < spec.vcpus(); i++) {
      int cpu;
      if (spec.nodes().isEmpty()) {
        cpu = (firstVcpu + i) % config.cpus();
      } else {
        int node = spec.nodes().get(i);
        if (node < 0 || node >= config.nodes()) {
          throw new InvalidScenarioException("VM " + spec.name() + ": vCPU " + i + " on node " + node
              + ", but the machine has nodes 0.." + (config.nodes() - 1));
        }
        cpu = node * config.cpusPerNode() + (firstVcpu + i) % config.cpusPerNode();
      }
      CpuPort real = port.cpu(cpu);
      int[] cfg = {real.readCp0(16, 0), real.readCp0(16, 1), real.readCp0(16, 2), real.readCp0(16, 3)};
      VirtualCp0 cp0 = new VirtualCp0(real.tlbSize(), i, real.readCp0(15, 0), cfg);
      int priv = pages.allocate(port.nodeOfCpu(cpu), MachinePages.MONITOR);
      if (priv < 0) {
        throw new InvalidScenarioException("no machine memory left for VM " + spec.name() + "'s vCPUs");
      }
      VirtualCpu v = new VirtualCpu(id, i, cpu, cp0, new L2Tlb(scenario.monitor().l2tlbEntries()), priv,
          new VcpuStats(TrapKind.values().length));
      v.save(RegisterContext.zero(new FpuState(new long[32], false, 0)), entry, entry + 4);
      vm.vcpus().add(v);
    }
    return vm;
  }

  /** Loads the kernel into the VM's memory and readies vCPU 0 (docs/monitor-interface.md, "Boot"). */
  private void load(VirtualMachine vm, Scenario.Vm spec) throws InvalidScenarioException {
    java.util.Optional<ElfFile> image = readKernel(spec);
    if (image.isPresent() && image.get().order() != scenario.machine().endianness()) {
      throw new InvalidScenarioException(spec.kernel() + ": the image's byte order is not the machine's");
    }
    long base = MonitorInterface.PHYS_BASE & 0xffff_ffffL;
    long top = vm.memoryBytes();
    VirtualCpu v0 = vm.vcpus().get(0);
    Memory memory = machine.memory();
    List<ElfSegment> segments = image.map(ElfFile::segments).orElse(List.of());
    for (ElfSegment s : segments) {
      if (s.type() != ElfSegment.PT_LOAD || s.memSize() == 0) {
        continue;
      }
      long va = s.vaddr() & 0xffff_ffffL;
      if (va < base || va - base + s.memSize() > top) {
        throw new InvalidScenarioException(String.format(
            "%s: segment at 0x%08x (%d bytes) lies outside VM %s's %d MB at 0x%08x", spec.kernel(),
            va, s.memSize(), spec.name(), top >> 20, base));
      }
      long gpa = va - base;
      for (long done = 0; done < s.fileSize(); ) {
        long at = gpa + done;
        int chunk = (int) Math.min(s.fileSize() - done, 4096 - (at & 0xfff));
        long m = dispatcher.guestToMachine(vm, at, v0);
        memory.write((int) m, image.get().bytes(), (int) (s.offset() + done), chunk);
        done += chunk;
      }
    }
    int[] g = new int[32];
    long sp = top - 16;
    String line = spec.commandLine();
    if (line != null) {
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      if (b.length > Machine.MAX_COMMAND_LINE) {
        throw new InvalidScenarioException("VM " + spec.name() + ": the command line is " + b.length
            + " bytes; at most " + Machine.MAX_COMMAND_LINE + " fit");
      }
      long at = top - 16 - ((b.length + 1 + 15) & ~15L);
      for (int i = 0; i <= b.length; i++) {
        long m = dispatcher.guestToMachine(vm, at + i, v0);
        memory.storeByte((int) m, i < b.length ? b[i] : 0);
      }
      g[5] = (int) (base + at);
      sp = at - 16;
    }
    g[29] = (int) (base + sp);
    RegisterContext zero = v0.saved();
    v0.save(new RegisterContext(g, 0, 0, zero == null ? new FpuState(new long[32], false, 0) : zero.fpu()),
        vm.entry(), vm.entry() + 4);
    v0.setState(VirtualCpu.State.RUNNABLE);
  }

  /** The VM's kernel image, or none for a VM driven one operation at a time. */
  private static java.util.Optional<ElfFile> readKernel(Scenario.Vm spec) throws InvalidScenarioException {
    java.nio.file.Path file = spec.kernel();
    if (file == null) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(ElfFile.read(file));
    } catch (ElfFormatException e) {
      throw new InvalidScenarioException("VM " + spec.name() + ": " + e.getMessage());
    }
  }

  /**
   * Runs until every VM has stopped, nothing can happen any more, or the machine clock passes
   * {@code maxCycles} (0: no limit); VMs still running then are stopped with the reason.
   */
  public void run(long maxCycles) {
    start();
    int[] order = Scheduler.ROUND_ROBIN.order(0, port.cpuCount());
    while (!vms.stream().allMatch(VirtualMachine::stopped)) {
      if (!machine.runRound(order)) {
        stopRemaining("no vCPU can run and nothing is pending that could wake one");
        break;
      }
      if (maxCycles > 0 && port.clock() >= maxCycles) {
        stopRemaining("the run reached its limit of " + maxCycles + " cycles");
        break;
      }
    }
    dispatcher.accountAll();
    vms.forEach(vm -> vm.console().flush());
  }

  private void stopRemaining(String why) {
    for (VirtualMachine vm : vms) {
      if (!vm.stopped()) {
        vm.stop(why);
      }
    }
  }

  /**
   * Disco and its machine as data: the machine's whole state, machine memory as Disco hands it out,
   * the memmap, every VM (pmap, vCPUs, how it ended) and the dispatcher's scheduling state. What is
   * left out never changes what the monitor does: consoles, statistics and the trace. Restoring it
   * into a Disco booted from the same scenario makes that Disco run on exactly as this one would.
   */
  public record Snapshot(MachineState machine, MachinePages.State pages, Memmap.State memmap,
      List<VirtualMachine.Snapshot> vms, TrapDispatcher.State dispatcher, boolean started) {}

  /** This Disco as data (see {@link Snapshot}); refused under ASID tagging. */
  public Snapshot snapshot() {
    return new Snapshot(port.snapshot(), pages.state(), memmap.state(),
        vms.stream().map(VirtualMachine::snapshot).toList(), dispatcher.state(), started);
  }

  /** Puts this Disco, booted from the same scenario, in state {@code s}. */
  public void restore(Snapshot s) {
    port.restore(s.machine());
    pages.restore(s.pages());
    memmap.restore(s.memmap());
    for (int i = 0; i < vms.size(); i++) {
      vms.get(i).restore(s.vms().get(i));
    }
    dispatcher.restore(s.dispatcher());
    started = s.started();
  }

  /** A SHA-256 fingerprint of {@link #snapshot}: equal states, equal fingerprints. */
  public String fingerprint() {
    return disco.hw.port.Fingerprint.of(snapshot());
  }

  /** Starts the CPUs without running them: each takes its first runnable vCPU, or idles. */
  public void start() {
    if (!started) {
      dispatcher.start();
      started = true;
    }
  }

  public List<VirtualMachine> vms() {
    return vms;
  }

  public MachinePort port() {
    return port;
  }

  public TrapDispatcher dispatcher() {
    return dispatcher;
  }

  public MachinePages pages() {
    return pages;
  }

  public Memmap memmap() {
    return memmap;
  }

  public Scenario scenario() {
    return scenario;
  }
}
