package disco.hw.machine;

import disco.hw.cpu.Cp0;
import disco.hw.cpu.Cpu;
import disco.hw.cpu.ExcCode;
import disco.hw.cpu.MemoryTiming;
import disco.hw.elf.ElfFile;
import disco.hw.elf.ElfFormatException;
import disco.hw.elf.ElfSegment;
import disco.hw.mem.Memory;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
  private @Nullable String stopReason;
  private long clock;

  /** Something that happens at a given machine cycle (a DMA completion). */
  private record Event(long cycle, long sequence, Runnable action) implements Comparable<Event> {
    @Override
    public int compareTo(Event o) {
      return cycle != o.cycle ? Long.compare(cycle, o.cycle) : Long.compare(sequence, o.sequence);
    }
  }

  /**
   * @param disks disk number (0..7) to image file
   * @param consoleIn read whole at start: console input
   * @param consoleOut where the console writes
   */
  // The devices keep a reference to the machine under construction; they use it only once it runs.
  @SuppressWarnings({"argument", "assignment", "method.invocation"})
  public Machine(MachineConfig config, SortedMap<Integer, java.nio.file.Path> disks, InputStream consoleIn,
      OutputStream consoleOut) throws InvalidConfigException {
    this.config = config;
    this.memory = new Memory(config.endianness());
    this.memorySystem = MemoryModels.create(config);
    this.console = new Console(consoleOut, consoleIn);
    List<@Nullable Disk> opened = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      opened.add(null);
    }
    for (Map.Entry<Integer, java.nio.file.Path> d : disks.entrySet()) {
      if (d.getKey() < 0 || d.getKey() > 7) {
        throw new InvalidConfigException("disk number must be 0..7, got " + d.getKey());
      }
      opened.set(d.getKey(), Disk.open(d.getKey(), d.getValue()));
    }
    this.disks = new DiskController(this, opened);
    started = new boolean[config.cpus()];
    MemoryTiming timing = this::timedAccess;
    for (int i = 0; i < config.cpus(); i++) {
      Cpu cpu = new Cpu(memory, i, config.tlbEntries(), Math.min(config.memoryBytes(), 0xffff_f000L), false);
      cpu.setMmio(bus);
      cpu.setMemoryTiming(timing, config.lineBytes());
      cpus.add(cpu);
    }
    bus.attach(0x000, console);
    bus.attach(0x100, new HaltDevice(this));
    bus.attach(0x200, new RealTimeClock());
    bus.attach(0x300, new InterProcessorInterrupts(this));
    bus.attach(0x400, this.disks);
    bus.attach(0x500, new MissCounterDevice(this, memorySystem));
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

  /** Why the run ended, if not by the halt register. */
  public @Nullable String stopReason() {
    return stopReason;
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
    for (Cpu c : cpus) {
      c.halt();
    }
  }

  /** Schedules {@code action} at machine cycle {@code cycle}. */
  void schedule(long cycle, Runnable action) {
    events.add(new Event(cycle, eventSequence++, action));
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
    if (DeviceBus.inWindow(pa)) {
      return config.localMissCycles(); // an uncached device register access
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
   * Runs until the halt register is written, every CPU is idle with nothing pending, or the clock
   * passes {@code maxCycles} (0: no limit).
   *
   * @param progress called about every million cycles of machine time; may be null
   */
  public void run(long maxCycles, @Nullable LongConsumer progress) {
    long nextProgress = 0;
    while (!halted) {
      boolean ran = false;
      for (int i = 0; i < cpus.size() && !halted; i++) {
        Cpu c = cpus.get(i);
        if (!started[i] || c.halted()) {
          continue;
        }
        if (c.run(config.quantum()) > 0) {
          ran = true;
        }
        clock = Math.max(clock, c.cycles());
      }
      boolean fired = false;
      for (Event e = events.peek(); e != null && e.cycle() <= clock; e = events.peek()) {
        events.remove().action().run();
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
          stopReason = "every CPU is waiting or parked and no device event is pending";
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
        stopReason = "stopped at the cycle limit of " + maxCycles;
        break;
      }
      if (progress != null && clock >= nextProgress) {
        progress.accept(clock);
        nextProgress = clock + 1_000_000_000L;
      }
    }
    console.flush();
  }

  /** The run's statistics. */
  public MachineStats stats() {
    List<MachineStats.CpuStats> per = new ArrayList<>();
    long[] exceptions = new long[32];
    for (int i = 0; i < cpus.size(); i++) {
      Cpu c = cpus.get(i);
      MemoryModel.CpuMemoryStats m = memorySystem.cpuStats(i);
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
