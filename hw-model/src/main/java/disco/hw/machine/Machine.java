package disco.hw.machine;

import disco.hw.cpu.Cp0;
import disco.hw.cpu.Cpu;
import disco.hw.cpu.ExcCode;
import disco.hw.cpu.ExceptionLoop;
import disco.hw.cpu.MemoryTiming;
import disco.hw.elf.ElfFile;
import disco.hw.elf.ElfFormatException;
import disco.hw.elf.ElfSegment;
import disco.hw.mem.Memory;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SortedMap;
import java.util.function.LongConsumer;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The CC-NUMA multiprocessor: CPUs on nodes, machine memory in contiguous node slices, the memory
 * system, the devices, and a deterministic scheduler. All CPUs run in one thread, in a fixed
 * round-robin order, a quantum of instructions each; the same configuration, image, disks and
 * input give the same run, bit for bit.
 */
public final class Machine {
  /** Interrupt lines (Cause.IP numbers). */
  static final int IP_CONSOLE = 2;

  static final int IP_IPI = 3;
  static final int IP_DISK = 4;
  static final int IP_HOT_PAGE = 5;

  private final MachineConfig config;
  private final Memory memory;
  private final List<Cpu> cpus = new ArrayList<>();
  private final boolean[] started;
  private final MemoryModel memorySystem;
  private final DeviceBus bus = new DeviceBus();
  private final Console console;
  private final DiskController disks;
  private final PriorityQueue<Event> events = new PriorityQueue<>();
  private long eventSequence;
  private int entry;
  private boolean halted;
  private int exitStatus;
  private @Nullable StopReason stopReason;
  private long clock;
  private final MissCounterDevice missCounterDevice;
  private DeviceEvent.@Nullable DiskListener diskListener;

  /** Something that happens at a given machine cycle (a DMA completion). */
  private record Event(long cycle, long sequence, DeviceEvent event) implements Comparable<Event> {
    @Override
    public int compareTo(Event o) {
      return cycle != o.cycle ? Long.compare(cycle, o.cycle) : Long.compare(sequence, o.sequence);
    }
  }

  /**
   * A machine whose disks are all persistent.
   *
   * @param disks disk number (0..7) to image file
   * @param consoleIn read whole at start: console input
   * @param consoleOut where the console writes
   */
  public Machine(MachineConfig config, SortedMap<Integer, java.nio.file.Path> disks, InputStream consoleIn,
      OutputStream consoleOut) throws InvalidConfigException {
    this(config, DiskImage.persistent(disks), consoleIn, consoleOut);
  }

  /**
   * @param disks the disks to attach, each persistent or a snapshot
   * @param consoleIn read whole at start: console input
   * @param consoleOut where the console writes
   */
  // The devices keep a reference to the machine under construction; they use it only once it runs.
  @SuppressWarnings({"argument", "assignment", "method.invocation"})
  public Machine(MachineConfig config, List<DiskImage> disks, InputStream consoleIn,
      OutputStream consoleOut) throws InvalidConfigException {
    this.config = config;
    this.memory = new Memory(config.endianness());
    this.memorySystem = new MemorySystemAdapter(config);
    this.console = new Console(consoleOut, consoleIn);
    List<@Nullable Disk> opened = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      opened.add(null);
    }
    for (DiskImage d : disks) {
      if (d.number() < 0 || d.number() > 7) {
        throw new InvalidConfigException("disk number must be 0..7, got " + d.number());
      }
      opened.set(d.number(), Disk.open(d));
    }
    this.disks = new DiskController(this, opened);
    this.missCounterDevice = new MissCounterDevice(this, memorySystem);
    started = new boolean[config.cpus()];
    MemoryTiming timing = this::timedAccess;
    for (int i = 0; i < config.cpus(); i++) {
      Cpu cpu = new Cpu(memory, i, config.tlbEntries(), Math.min(config.memoryBytes(), 0xffff_f000L));
      cpu.setMmio(bus);
      cpu.setMemoryTiming(timing, config.lineBytes());
      cpus.add(cpu);
    }
    bus.attach(0x000, console);
    bus.attach(0x100, new HaltDevice(this));
    bus.attach(0x200, new RealTimeClock());
    bus.attach(0x300, new InterProcessorInterrupts(this));
    bus.attach(0x400, this.disks);
    bus.attach(0x500, missCounterDevice);
  }

  public MachineConfig config() {
    return config;
  }

  public Memory memory() {
    return memory;
  }

  public List<Cpu> cpus() {
    return List.copyOf(cpus);
  }

  public MissCounters missCounters() {
    return memorySystem;
  }

  /** The device window as the CPUs see it. */
  disco.hw.cpu.Mmio devices() {
    return bus;
  }

  /** The machine clock: the furthest any CPU has run, in cycles. */
  public long clock() {
    return clock;
  }

  public boolean halted() {
    return halted;
  }

  public int exitStatus() {
    return exitStatus;
  }

  /** Why the last {@link #run} ended; null before the first run ends. */
  public @Nullable StopReason stopReason() {
    return stopReason;
  }

  /**
   * Whether machine addresses [pa, pa + length) are all RAM: below the memory size and clear of
   * device space, {@code 0x1F000000..0x1FFFFFFF}, which wins over the memory behind it on a machine
   * of more than 496 MB (docs/devices.md).
   */
  boolean isRam(long pa, long length) {
    return pa >= 0 && length >= 0 && pa + length <= config.memoryBytes()
        && (pa + length <= DeviceBus.BASE || pa >= DeviceBus.SPACE_END);
  }

  int nodeOfCpu(int cpu) {
    return cpu / config.cpusPerNode();
  }

  /**
   * Loads a bare-metal kernel: each PT_LOAD segment at physical {@code vaddr & 0x1FFFFFFF}, and
   * prepares CPU 0 to start at the entry (docs/devices.md, "Boot").
   */
  public void load(ElfFile kernel) throws ElfFormatException {
    if (kernel.order() != config.endianness()) {
      throw new ElfFormatException(kernel.path(), (kernel.order().isBig() ? "big" : "little")
          + "-endian image, but the machine is configured " + (config.endianness().isBig() ? "big" : "little") + "-endian");
    }
    long ram = Math.min(config.memoryBytes(), DeviceBus.BASE);
    for (ElfSegment s : kernel.segments()) {
      if (s.type() != ElfSegment.PT_LOAD || s.memSize() == 0) {
        continue;
      }
      long pa = s.vaddr() & 0x1fff_ffffL;
      if (pa + s.memSize() > ram) {
        throw new ElfFormatException(kernel.path(), String.format(
            "segment at 0x%08x (physical 0x%08x, %d bytes) lies outside the machine's %d MB of memory below the device window",
            s.vaddr(), pa, s.memSize(), ram >> 20));
      }
      memory.write((int) pa, kernel.bytes(), (int) s.offset(), (int) s.fileSize());
      for (long a = pa + s.fileSize(); a < pa + s.memSize(); a++) {
        memory.storeByte((int) a, 0);
      }
    }
    entry = kernel.entry();
    start(0);
  }

  /** The longest kernel command line {@link #load(ElfFile, String)} takes, in bytes, without its NUL. */
  public static final int MAX_COMMAND_LINE = 4095;

  /**
   * Loads a bare-metal kernel as {@link #load(ElfFile)} does and gives it a command line: the
   * string's bytes (UTF-8) and a NUL are placed at the top of node 0's slice, just below where
   * CPU 0's stack would start, CPU 0's {@code $sp} moves down below them and {@code $a1} holds
   * their kseg0 address (docs/devices.md, "Boot"). Without a command line {@code $a1} is 0.
   *
   * @throws InvalidConfigException if the command line is too long or holds a NUL
   * @throws ElfFormatException if a segment of the image overlaps the place the command line goes
   */
  public void load(ElfFile kernel, @Nullable String commandLine) throws ElfFormatException, InvalidConfigException {
    load(kernel);
    if (commandLine != null) {
      placeCommandLine(kernel, commandLine.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Writes {@code line} and a NUL at {@code top - 16 - round16(length + 1)} (physical, top = the
   * initial $sp + 16), points CPU 0's $a1 at it in kseg0 and its $sp 16 bytes below it.
   */
  private void placeCommandLine(ElfFile kernel, byte[] line) throws ElfFormatException, InvalidConfigException {
    if (line.length > MAX_COMMAND_LINE) {
      throw new InvalidConfigException("the kernel command line is " + line.length
          + " bytes; at most " + MAX_COMMAND_LINE + " fit");
    }
    for (byte b : line) {
      if (b == 0) {
        throw new InvalidConfigException("the kernel command line holds a NUL byte");
      }
    }
    Cpu cpu0 = cpus.get(0);
    long top = (cpu0.gpr(29) & 0x1fff_ffffL) + 16;
    long at = top - 16 - ((line.length + 1 + 15) & ~15L);
    for (ElfSegment s : kernel.segments()) {
      long pa = s.vaddr() & 0x1fff_ffffL;
      if (s.type() == ElfSegment.PT_LOAD && s.memSize() != 0 && pa < top && pa + s.memSize() > at) {
        throw new ElfFormatException(kernel.path(), String.format(
            "segment at 0x%08x overlaps the kernel command line at physical 0x%08x", s.vaddr(), at));
      }
    }
    memory.write((int) at, line, 0, line.length);
    memory.storeByte((int) (at + line.length), 0);
    cpu0.setGpr(5, (int) (0x8000_0000L + at));
    cpu0.setGpr(29, (int) (0x8000_0000L + at - 16));
  }

  /** Starts a parked CPU at the entry point, in the boot state of docs/devices.md. */
  void start(int n) {
    if (started[n]) {
      return;
    }
    started[n] = true;
    Cpu cpu = cpus.get(n);
    cpu.writeCp0(12, 0, Cp0.ST_BEV);
    int node = nodeOfCpu(n);
    int cpuOnNode = n % config.cpusPerNode();
    long top = (long) (node + 1) * config.memoryPerNodeMb() * (1L << 20) - 16 - cpuOnNode * 0x10000L;
    cpu.setGpr(29, (int) (0x8000_0000L + Math.min(top, DeviceBus.BASE - 16)));
    cpu.setGpr(4, n);
    cpu.setPc(entry);
  }

  boolean isStarted(int n) {
    return started[n];
  }

  void halt(int status) {
    halted = true;
    exitStatus = status & 0xff;
    stopReason = new StopReason.Halted(status);
    for (Cpu c : cpus) {
      c.halt();
    }
  }

  /** Schedules {@code action} at machine cycle {@code cycle}. */
  void schedule(long cycle, DeviceEvent event) {
    events.add(new Event(cycle, eventSequence++, event));
    // A CPU running now (its own device command, a monitor's DMA) must not idle past it either.
    for (Cpu c : cpus) {
      c.lowerIdleHorizon(cycle);
    }
  }

  private void fire(DeviceEvent event) {
    if (event instanceof DeviceEvent.DiskTransfer t) {
      disks.complete(t);
    }
  }

  void interrupt(int cpu, int line, boolean asserted) {
    cpus.get(cpu).setInterruptLine(line, asserted);
  }

  /** Every CPU access: the memory system's cost, and a store breaks other CPUs' LL links. */
  private long timedAccess(Cpu cpu, int pa, int kind, boolean cached) {
    int n = cpu.cp0().ebaseCpuNum();
    if (kind == MemoryTiming.STORE) {
      breakLinks(n, pa, 4);
    }
    if (!isRam(Integer.toUnsignedLong(pa), 1)) {
      // A device register, or nothing (the access is a bus error): no cache, no directory.
      return config.localMissCycles();
    }
    long cost = memorySystem.access(n, Integer.toUnsignedLong(pa), kind == MemoryTiming.STORE, cached);
    if (memorySystem.threshold() > 0) {
      raiseHotPageInterrupts();
    }
    return Math.max(0, cost - 1);
  }

  /** A store by CPU {@code writer} (or DMA, writer -1) to [pa, pa+length) breaks matching links. */
  void breakLinks(int writer, long pa, int length) {
    long lineMask = -(long) config.lineBytes();
    long first = pa & lineMask;
    long last = (pa + length - 1) & lineMask;
    for (int i = 0; i < cpus.size(); i++) {
      Cpu c = cpus.get(i);
      if (i != writer && c.llBit()) {
        long linked = (Integer.toUnsignedLong(c.cp0().llAddr()) << 4) & lineMask;
        if (linked >= first && linked <= last) {
          c.clearLlBit();
        }
      }
    }
  }

  private boolean hotPagePending;

  private void raiseHotPageInterrupts() {
    // The hot-page queue lives in the memory system; the interrupt goes to CPU 0, which reads
    // the events through the miss-counter device.
    if (!hotPagePending && memorySystem.hasHotPage()) {
      hotPagePending = true;
      interrupt(0, IP_HOT_PAGE, true);
    }
  }

  void hotPageQueueDrained() {
    hotPagePending = false;
    interrupt(0, IP_HOT_PAGE, false);
  }

  void dma(long machineAddress, int length, boolean toMemory) {
    memorySystem.dma(machineAddress, length, toMemory);
    if (toMemory) {
      breakLinks(-1, machineAddress, length);
    }
  }

  /**
   * Runs until the halt register is written, every CPU is idle with nothing pending, a CPU can make
   * no progress (it takes the same exception at the same PC over and over), or the clock passes
   * {@code maxCycles} (0: no limit). {@link #stopReason} says which.
   *
   * @param progress called at the start and then every 100 million cycles of machine time (about
   *     a second of host time for one CPU); may be null
   * @return why the run ended
   */
  public StopReason run(long maxCycles, @Nullable LongConsumer progress) {
    long nextProgress = 0;
    StopReason.@Nullable NoProgress stuck = null;
    while (!halted) {
      boolean ran = false;
      for (int i = 0; i < cpus.size() && !halted; i++) {
        Cpu c = cpus.get(i);
        if (!started[i] || c.halted()) {
          continue;
        }
        c.setIdleHorizon(nextEventCycle());
        if (c.run(config.quantum()) > 0) {
          ran = true;
        }
        clock = Math.max(clock, c.cycles());
        ExceptionLoop loop = c.exceptionLoop();
        if (loop != null) {
          stuck = new StopReason.NoProgress(i, loop);
          break;
        }
      }
      if (stuck != null) {
        stopReason = stuck;
        break;
      }
      boolean fired = false;
      for (Event e = events.peek(); e != null && e.cycle() <= clock; e = events.peek()) {
        fire(events.remove().event());
        fired = true;
      }
      if (halted) {
        break;
      }
      // An event that fired may have raised the interrupt a waiting CPU waits for: give the CPUs
      // another round before concluding that nothing can run.
      if (!ran && !fired) {
        Event next = events.peek();
        if (next == null) {
          stopReason = new StopReason.Idle();
          break;
        }
        // Idle until the next device event: advance the waiting CPUs' clocks with the machine's.
        clock = Math.max(clock, next.cycle());
        for (int i = 0; i < cpus.size(); i++) {
          if (started[i]) {
            Cpu c = cpus.get(i);
            c.chargeCycles(Math.max(0, clock - c.cycles()));
          }
        }
      }
      if (maxCycles > 0 && clock >= maxCycles) {
        stopReason = new StopReason.CycleLimit(maxCycles);
        break;
      }
      if (progress != null && clock >= nextProgress) {
        progress.accept(clock);
        nextProgress = clock + 100_000_000L;
      }
    }
    console.flush();
    StopReason reason = stopReason;
    if (reason == null) { // halted before this run began
      reason = new StopReason.Halted(exitStatus);
      stopReason = reason;
    }
    return reason;
  }

  // ---- the port: what a monitor and a model checker use (docs/hw-model.md, "Port for a monitor") --

  /** The node CPU {@code cpu} sits on. */
  public int nodeOf(int cpu) {
    return nodeOfCpu(cpu);
  }

  /** The memory system: caches, directories, miss counters (its public methods only read). */
  public disco.hw.numa.MemorySystem memorySystem() {
    if (memorySystem instanceof MemorySystemAdapter n) {
      return n.system();
    }
    throw new IllegalStateException("no NUMA memory system");
  }

  /** Whether CPU {@code n} has been started (CPU 0 by {@link #load}, the others by an IPI). */
  public boolean started(int n) {
    return started[n];
  }

  /** Starts parked CPU {@code n} at the boot entry, as the first IPI to it does; else nothing. */
  public void startCpu(int n) {
    start(n);
  }

  /** Sends an inter-processor interrupt to CPU {@code n}: raises its IP3, starting it if parked. */
  public void sendIpi(int n) {
    start(n);
    interrupt(n, IP_IPI, true);
  }

  /** Asserts or clears hardware interrupt line {@code line} (2..7) of CPU {@code cpu}. */
  public void setInterrupt(int cpu, int line, boolean asserted) {
    interrupt(cpu, line, asserted);
  }

  /** Who hears of the completion of disk transfers a monitor starts (wiring, not machine state). */
  public void setDiskListener(DeviceEvent.@Nullable DiskListener listener) {
    diskListener = listener;
  }

  /**
   * Starts a disk transfer for a monitor, independent of the controller's registers; it completes
   * with the same latency as one started by the registers, measured from {@code now}, moving the
   * data through the coherence directory and then telling the {@link DeviceEvent.DiskListener}.
   * Returns false for an absent disk, sectors out of range or memory outside RAM.
   */
  public boolean startDiskTransfer(DeviceEvent.DiskTransfer t, long now) {
    if (t.tag() < 0) {
      throw new IllegalArgumentException("a monitor's transfer needs a tag >= 0, got " + t.tag());
    }
    return disks.startForMonitor(t, now);
  }

  /** The size of disk {@code n} in sectors, 0 if absent. */
  public long diskSectors(int n) {
    return disks.sectors(n);
  }

  void diskTransferDone(DeviceEvent.DiskTransfer t) {
    DeviceEvent.DiskListener l = diskListener;
    if (l != null) {
      l.completed(t, clock);
    }
  }

  /** Writes one byte to the console. */
  public void consoleWrite(int b) {
    console.put(b);
  }

  /** The next console input byte, or -1 if none. */
  public int consoleRead() {
    return console.take();
  }

  /** Console input bytes not yet read. */
  public int consoleInputWaiting() {
    return console.inputWaiting();
  }

  /** The pending device events, in the order they will fire. */
  public List<DeviceEvent.Pending> pendingEvents() {
    return events.stream().sorted().map(e -> new DeviceEvent.Pending(e.cycle(), e.sequence(), e.event())).toList();
  }

  /**
   * Runs CPU {@code n} (if started and not halted) for up to {@code budget} steps, advances the
   * machine clock and fires the device events now due. Returns the instructions executed.
   */
  public long runCpu(int n, long budget) {
    Cpu c = cpus.get(n);
    if (!started[n] || c.halted() || halted) {
      return 0;
    }
    c.setIdleHorizon(nextEventCycle());
    long ran = c.run(budget);
    clock = Math.max(clock, c.cycles());
    fireDueEvents();
    return ran;
  }

  /**
   * One round of the scheduler, as {@link #run} does it but with the CPUs in {@code order}: each
   * runs a quantum, due events fire, and if no CPU could run the clock advances to the next event.
   * Returns false when the machine has stopped (halted, or idle with nothing pending).
   */
  public boolean runRound(int[] order) {
    boolean ran = false;
    for (int i : order) {
      Cpu c = cpus.get(i);
      if (halted || !started[i] || c.halted()) {
        continue;
      }
      c.setIdleHorizon(nextEventCycle());
      ran |= c.run(config.quantum()) > 0;
      clock = Math.max(clock, c.cycles());
    }
    // An event that fired may have raised the interrupt a waiting CPU waits for (a monitor's
    // completion listener rings a CPU): give the CPUs another round before concluding that nothing
    // can run, as run() does.
    boolean fired = fireDueEvents();
    if (halted) {
      console.flush();
      return false;
    }
    if (!ran && !fired) {
      Event next = events.peek();
      if (next == null) {
        stopReason = new StopReason.Idle();
        return false;
      }
      clock = Math.max(clock, next.cycle());
      for (int i = 0; i < cpus.size(); i++) {
        if (started[i]) {
          cpus.get(i).chargeIdleCycles(Math.max(0, clock - cpus.get(i).cycles()));
        }
      }
    }
    return true;
  }

  /** Advances the clock to the next pending event and fires what is due then; false if none. */
  public boolean fireNextEvent() {
    Event next = events.peek();
    if (next == null) {
      return false;
    }
    clock = Math.max(clock, next.cycle());
    return fireDueEvents();
  }

  /** The cycle of the next device event, or Long.MAX_VALUE when none is pending. */
  private long nextEventCycle() {
    Event e = events.peek();
    return e == null ? Long.MAX_VALUE : e.cycle();
  }

  private boolean fireDueEvents() {
    boolean fired = false;
    for (Event e = events.peek(); e != null && e.cycle() <= clock; e = events.peek()) {
      fire(events.remove().event());
      fired = true;
    }
    return fired;
  }

  /** The whole machine's state as data (see {@link MachineState}). */
  public MachineState state() {
    List<disco.hw.cpu.CpuState> cs = new ArrayList<>(cpus.size());
    for (Cpu c : cpus) {
      cs.add(c.state());
    }
    MachineState.Devices devices = new MachineState.Devices(disks.registers(), console.input(),
        console.inputRead(), missCounterDevice.registers());
    return new MachineState(cs, disco.hw.mem.MemoryImage.of(memory), memorySystem().state(),
        started.clone(), entry, halted, exitStatus, stopReason, clock, eventSequence, pendingEvents(),
        hotPagePending, devices);
  }

  /**
   * Puts this machine in {@code s}, taken from a machine of the same configuration: afterwards it
   * runs on exactly as that machine did from that point (given disks with the same contents).
   */
  public void restore(MachineState s) {
    if (s.cpus().size() != cpus.size()) {
      throw new IllegalArgumentException("state has " + s.cpus().size() + " CPUs, this machine " + cpus.size());
    }
    s.memory().restoreInto(memory);
    for (int i = 0; i < cpus.size(); i++) {
      cpus.get(i).restore(s.cpus().get(i));
    }
    memorySystem().restore(s.memorySystem());
    System.arraycopy(s.started(), 0, started, 0, started.length);
    entry = s.entry();
    halted = s.halted();
    exitStatus = s.exitStatus();
    stopReason = s.stopReason();
    clock = s.clock();
    eventSequence = s.eventSequence();
    events.clear();
    for (DeviceEvent.Pending p : s.events()) {
      events.add(new Event(p.cycle(), p.sequence(), p.event()));
    }
    hotPagePending = s.hotPagePending();
    disks.restoreRegisters(s.devices().disk());
    console.restoreInput(s.devices().consoleInput(), s.devices().consoleRead());
    missCounterDevice.restoreRegisters(s.devices().missCounters());
  }

  /** The run's statistics. */
  public MachineStats stats() {
    List<MachineStats.CpuStats> per = new ArrayList<>();
    long[] exceptions = new long[32];
    for (int i = 0; i < cpus.size(); i++) {
      Cpu c = cpus.get(i);
      disco.hw.numa.CpuStatistics m = memorySystem.cpuStats(i);
      per.add(new MachineStats.CpuStats(i, nodeOfCpu(i), c.instructions(), c.cycles(), m.hits(),
          m.localMisses(), m.remoteMisses(), m.invalidations(), m.interventions()));
      long[] e = c.exceptionCounts();
      for (int k = 0; k < 32; k++) {
        exceptions[k] += e[k];
      }
    }
    List<MachineStats.PageCount> hottest = memorySystem.hottestPages(10);
    List<MachineStats.ExceptionCount> byCode = new ArrayList<>();
    for (int k = 0; k < 32; k++) {
      if (exceptions[k] > 0) {
        byCode.add(new MachineStats.ExceptionCount(k, ExcCode.name(k), exceptions[k]));
      }
    }
    return new MachineStats(config.name(), clock, per, hottest, byCode);
  }
}
