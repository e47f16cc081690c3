package disco.hw.cpu;

import disco.hw.mem.Memory;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The architectural and timing state of one processor: general registers, HI/LO, the program
 * counters of the delay-slot model, CP0, the TLB, CP1, the counters, and the one-entry fetch cache.
 * The jobs that act on it are its subclasses, one per chapter of the manual: {@link
 * ExceptionProcessing} (Vol. III, "Exception Processing"), {@link AddressTranslation} (Vol. III,
 * "Virtual Memory"), {@link Interpreter} (Vol. II, the instructions) and {@link Cpu} (the run loop
 * and the port). They are one object, so the interpreter reaches every register without an
 * indirection (docs/decisions.md, "One processor, one object, four files").
 */
abstract class CpuRegisters {
  /** Access kinds, for translation and exception codes. */
  static final int FETCH = 0;

  static final int LOAD = 1;
  static final int STORE = 2;

  final Memory mem;
  final boolean big;
  final int ramPages;
  final Cp0 cp0;
  final Tlb tlb;
  final Fpu fpu;
  Mmio mmio = Mmio.NONE;
  @Nullable Supervisor supervisor;
  @Nullable InstructionTracer tracer;
  @Nullable MemoryTiming timing;
  /** Set by {@link #translate}: whether the access is uncached (kseg1, C = 2, K0 = 2, ERL kuseg). */
  boolean uncached;
  /** The cache line of the last timed instruction fetch, and the line mask. */
  int lastFetchLine = 1;
  int fetchLineMask = ~127;
  /** Exceptions taken, by ExcCode. */
  final long[] exceptionCounts = new long[32];

  final int[] r = new int[32];
  int hi;
  int lo;
  int pc;
  int npc;
  /** The instruction after {@code npc}: a taken branch sets it to its target. */
  int nnpc;
  /**
   * The instruction number (see {@link #instructions}) of the pending delay slot: a branch sets it
   * to its own number + 1. The instruction being executed is in a delay slot exactly when its number
   * equals this; no per-instruction bookkeeping is needed.
   */
  long slotAt = -1;

  boolean llBit;
  /** Instructions fetched so far; the instruction being executed has this number. */
  long instructions;
  /** Cycles beyond one per instruction: idle time, supervisor work. */
  long extraCycles;
  /** Cycles the memory system charged for fetches and data accesses (kept apart from the above). */
  long stallCycles;
  /** Of {@code extraCycles}: those spent idle (WAIT, or waiting for a device event). */
  long idleCycles;
  /** Of {@code extraCycles}: those a supervisor charged for its work. */
  long monitorCycles;
  /** Instructions executed by mode, indexed by {@link CycleBreakdown#USER} etc. */
  final long[] modeInstructions = new long[3];
  /** What the last exception was, for a supervisor's description of it (see {@link #lastTrap}). */
  int trapAccess;
  boolean trapRefill;
  int trapPc;
  boolean trapInSlot;
  /** The instruction that would have followed the faulting one: a branch's outcome in a slot. */
  int trapNextPc;
  /** The physical address of the last bus error. */
  int trapBusAddress;
  boolean trapExlWas;
  /** The inner run loop stops before this instruction number, to look at interrupts and the timer. */
  long runUntil;
  /** The instruction number at which Count reaches Compare. */
  long timerDue;
  /** See {@link Cpu#setIdleHorizon}: wiring set before each run, not part of the state. */
  long idleHorizon = Long.MAX_VALUE;
  boolean halted;
  boolean waiting;
  /** No-progress detection: the last exception's instruction number, PC and code, and repeats. */
  long lastExceptionAt = -1;
  int lastExceptionPc;
  int lastExceptionCode = -1;
  int exceptionRepeats;
  @Nullable ExceptionLoop exceptionLoop;

  /** Exceptions in a row, with no instruction completing, after which a CPU is stopped. */
  public static final int EXCEPTION_LOOP_LIMIT = 1000;

  // One-entry instruction fetch cache: the virtual page of the PC and its memory page.
  int fetchVpage = 1; // never page-aligned: forces the first refill
  int fetchPhysical;
  boolean fetchUncached;
  int @Nullable [] fetchPage;
  /**
   * One-entry data translation caches, one for loads and one for stores (a store needs the D bit
   * a load does not): the virtual page of the last RAM access of that kind, its memory page, its
   * physical page and cache attribute. Like the fetch cache, they are no architectural state: they
   * let an access to the same page skip the segment decode and the TLB search, and are forgotten
   * whenever a translation can change ({@link #flushTranslations}).
   */
  int loadVpage = 1;
  int loadPhysical;
  boolean loadUncached;
  int @Nullable [] loadPage;
  int storeVpage = 1;
  int storePhysical;
  boolean storeUncached;
  int @Nullable [] storePage;
  final int[] mmioValue = new int[1];

  /**
   * @param mem physical memory
   * @param cpuNum this CPU's number (EBase.CPUNum)
   * @param tlbSize number of TLB entries (1..64)
   * @param ramBytes bytes of RAM from physical address 0; pages there are allocated on touch
   */
  CpuRegisters(Memory mem, int cpuNum, int tlbSize, long ramBytes) {
    this.mem = mem;
    this.big = mem.order().isBig();
    this.ramPages = (int) Math.min(ramBytes >>> Memory.PAGE_SHIFT, 1L << 20);
    this.tlb = new Tlb(tlbSize);
    this.cp0 = new Cp0(tlbSize, cpuNum, big, true);
    this.fpu = new Fpu();
  }

  public Memory memory() {
    return mem;
  }

  public Cp0 cp0() {
    return cp0;
  }

  public Tlb tlb() {
    return tlb;
  }

  public Fpu fpu() {
    return fpu;
  }

  public int gpr(int i) {
    return r[i];
  }

  public void setGpr(int i, int v) {
    if (i != 0) {
      r[i] = v;
    }
  }

  public int hi() {
    return hi;
  }

  public int lo() {
    return lo;
  }

  public void setHiLo(int hi, int lo) {
    this.hi = hi;
    this.lo = lo;
  }

  public int pc() {
    return pc;
  }

  /** Whether the instruction at {@link #pc()}, the next to execute, is in a branch delay slot. */
  public boolean inDelaySlot() {
    return slotAt == instructions + 1;
  }

  /** Continues execution at {@code address} (not in a delay slot). */
  public void setPc(int address) {
    pc = address;
    npc = address + 4;
    slotAt = -1;
  }

  public long instructions() {
    return instructions;
  }

  /** Cycles elapsed: one per instruction plus charged and idle cycles. */
  public long cycles() {
    return instructions + extraCycles + stallCycles;
  }

  /** Adds cycles for work done outside the interpreter (a supervisor's emulation, a stall). */
  public void chargeCycles(long n) {
    extraCycles += n;
    if (waiting || halted) {
      idleCycles += n; // the machine advancing an idle CPU's clock to a device event
    } else {
      monitorCycles += n;
    }
  }

  public boolean halted() {
    return halted;
  }

  /** Stops this CPU; {@link #run} returns and does nothing more. */
  public void halt() {
    halted = true;
    runUntil = instructions;
  }

  public boolean waiting() {
    return waiting;
  }

  public boolean llBit() {
    return llBit;
  }

  /** Breaks this CPU's LL link (another agent stored to the linked location). */
  public void clearLlBit() {
    llBit = false;
  }

  /** Forgets cached translations: after a TLB write, an ASID or mode change, or an unmapped page. */
  public void flushTranslations() {
    fetchVpage = 1;
    fetchPage = null;
    loadVpage = 1;
    loadPage = null;
    storeVpage = 1;
    storePage = null;
  }


  /** This processor as the port's type, for the hooks that receive it (supervisor, timing, MMIO). */
  final Cpu self() {
    return (Cpu) this;
  }
}
