package disco.hw.cpu;

import disco.hw.mem.Memory;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One MIPS32 Release 2 processor: the integer unit, CP0 with its TLB, and CP1, interpreted one
 * instruction at a time with exact branch delay slots.
 *
 * <p>Semantics follow the MIPS32 Architecture for Programmers, Vol. II (instructions) and Vol. III
 * (privileged resource architecture); comments cite them where behaviour is subtle.
 *
 * <p>Delay slots are modelled with two program counters: {@code pc} is the instruction being
 * executed and {@code npc} the one after it. A branch sets the instruction after next; the
 * instruction at {@code npc} (the delay slot) runs first. {@code inDelaySlot} records whether the
 * current instruction follows a branch, so an exception there sets Cause.BD and EPC to the branch.
 *
 * <p>An exception updates the architectural state at once and then unwinds the current instruction
 * with a stackless {@link Trap}, so no later effect of the instruction happens.
 *
 * <p>Two address modes: <em>architectural</em>, with the MIPS32 segments, privilege checks and the
 * TLB, where physical pages below the RAM limit are allocated on first touch and the rest go to
 * {@link Mmio}; and <em>flat</em> (the Linux user ABI), where user virtual addresses index memory
 * directly, as qemu-user does, and touching an absent page is a TLB miss for the supervisor.
 */
public final class Cpu {
  /** Access kinds, for translation and exception codes. */
  static final int FETCH = 0;

  static final int LOAD = 1;
  static final int STORE = 2;

  private final Memory mem;
  private final boolean big;
  private final boolean flat;
  private final int ramPages;
  private final Cp0 cp0;
  private final Tlb tlb;
  private final Fpu fpu;
  private Mmio mmio = Mmio.NONE;
  private @Nullable Supervisor supervisor;
  private @Nullable InstructionTracer tracer;
  private @Nullable MemoryTiming timing;
  /** Set by {@link #translate}: whether the access is uncached (kseg1, C = 2, K0 = 2, ERL kuseg). */
  private boolean uncached;
  /** The cache line of the last timed instruction fetch, and the line mask. */
  private int lastFetchLine = 1;
  private int fetchLineMask = ~127;
  /** Exceptions taken, by ExcCode. */
  private final long[] exceptionCounts = new long[32];

  private final int[] r = new int[32];
  private int hi;
  private int lo;
  private int pc;
  private int npc;
  /** The instruction after {@code npc}: a taken branch sets it to its target. */
  private int nnpc;
  /**
   * The instruction number (see {@link #instructions}) of the pending delay slot: a branch sets it
   * to its own number + 1. The instruction being executed is in a delay slot exactly when its number
   * equals this; no per-instruction bookkeeping is needed.
   */
  private long slotAt = -1;

  private boolean llBit;
  /** Instructions fetched so far; the instruction being executed has this number. */
  private long instructions;
  /** Cycles beyond one per instruction: idle time, supervisor work. */
  private long extraCycles;
  /** Cycles the memory system charged for fetches and data accesses (kept apart from the above). */
  private long stallCycles;
  /** Of {@code extraCycles}: those spent idle (WAIT, or waiting for a device event). */
  private long idleCycles;
  /** Of {@code extraCycles}: those a supervisor charged for its work. */
  private long monitorCycles;
  /** Instructions executed by mode, indexed by {@link CycleBreakdown#USER} etc. */
  private final long[] modeInstructions = new long[3];
  /** What the last exception was, for a supervisor's description of it (see {@link #lastTrap}). */
  private int trapAccess;
  private boolean trapRefill;
  private int trapPc;
  private boolean trapInSlot;
  /** The instruction that would have followed the faulting one: a branch's outcome in a slot. */
  private int trapNextPc;
  /** The physical address of the last bus error. */
  private int trapBusAddress;
  private boolean trapExlWas;
  /** The inner run loop stops before this instruction number, to look at interrupts and the timer. */
  private long runUntil;
  /** The instruction number at which Count reaches Compare. */
  private long timerDue;
  private boolean halted;
  private boolean waiting;
  /** No-progress detection: the last exception's instruction number, PC and code, and repeats. */
  private long lastExceptionAt = -1;
  private int lastExceptionPc;
  private int lastExceptionCode = -1;
  private int exceptionRepeats;
  private @Nullable ExceptionLoop exceptionLoop;

  /** Exceptions in a row, with no instruction completing, after which a CPU is stopped. */
  public static final int EXCEPTION_LOOP_LIMIT = 1000;

  // One-entry instruction fetch cache: the virtual page of the PC and its memory page.
  private int fetchVpage = 1; // never page-aligned: forces the first refill
  private int fetchPhysical;
  private boolean fetchUncached;
  private int @Nullable [] fetchPage;
  private final int[] mmioValue = new int[1];

  /**
   * @param mem physical memory (architectural mode) or the process's address space (flat mode)
   * @param cpuNum this CPU's number (EBase.CPUNum)
   * @param tlbSize number of TLB entries (1..64)
   * @param ramBytes bytes of RAM from physical address 0; pages there are allocated on touch
   * @param flat true for the Linux user ABI's flat address space
   */
  public Cpu(Memory mem, int cpuNum, int tlbSize, long ramBytes, boolean flat) {
    this.mem = mem;
    this.big = mem.order().isBig();
    this.flat = flat;
    this.ramPages = (int) Math.min(ramBytes >>> Memory.PAGE_SHIFT, 1L << 20);
    this.tlb = new Tlb(tlbSize);
    this.cp0 = new Cp0(tlbSize, cpuNum, big, true);
    this.fpu = new Fpu();
    // Reset: execution starts at the reset vector in kseg1 (Vol. III, "Reset Exception").
    setPc(0xbfc0_0000);
    scheduleTimer();
  }

  // ---- state access for supervisors, loaders, tests -------------------------------------------

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

  public void setSupervisor(@Nullable Supervisor s) {
    supervisor = s;
  }

  public void setTracer(@Nullable InstructionTracer t) {
    tracer = t;
  }

  /** Installs the memory system's timing hook; {@code lineBytes} is its cache line size. */
  public void setMemoryTiming(@Nullable MemoryTiming t, int lineBytes) {
    timing = t;
    fetchLineMask = -lineBytes;
    lastFetchLine = 1;
  }

  /** Exceptions taken so far, by ExcCode (a copy). */
  public long[] exceptionCounts() {
    return exceptionCounts.clone();
  }

  public void setMmio(Mmio m) {
    mmio = m;
  }

  /** Writes a CP0 register as MTC0 would, with all side effects. */
  public void writeCp0(int reg, int sel, int value) {
    cp0.write(reg, sel, value, instructions);
    afterCp0Write(reg);
    runUntil = instructions; // interrupts may have become pending or enabled: look again
  }

  /** Reads a CP0 register as MFC0 would. */
  public int readCp0(int reg, int sel) {
    return cp0.read(reg, sel, instructions);
  }

  /**
   * Resumes after a supervisor handled an exception: clears Status.EXL and the LL bit, as ERET does,
   * and continues at {@code address}.
   */
  public void resume(int address) {
    cp0.status &= ~Cp0.ST_EXL;
    llBit = false; // as ERET does (Vol. II, ERET: "LLbit <- 0")
    setPc(address);
    flushTranslations();
    runUntil = instructions;
  }

  /**
   * Sets an external interrupt request line: {@code line} 0..7 is Cause.IP0..IP7 (2..7 are the
   * hardware lines; 7 is shared with the timer).
   */
  public void setInterruptLine(int line, boolean asserted) {
    int bit = 1 << (Cp0.CAUSE_IP_SHIFT + line);
    cp0.hwLines = asserted ? cp0.hwLines | bit : cp0.hwLines & ~bit;
    // IP7 is hardware line 5 ORed with the timer (Vol. III, Cause.IP7 and Cause.TI, IntCtl.IPTI=7).
    boolean on = asserted || (line == 7 && (cp0.cause & Cp0.CAUSE_TI) != 0);
    cp0.cause = on ? cp0.cause | bit : cp0.cause & ~bit;
    runUntil = instructions;
  }

  /** Forgets cached translations: after a TLB write, an ASID or mode change, or an unmapped page. */
  public void flushTranslations() {
    fetchVpage = 1;
    fetchPage = null;
  }

  // ---- the port: what a monitor and a model checker see (docs/hw-model.md, "Port for a monitor") --

  /** The mode the CPU runs in, as an index of {@link CycleBreakdown}: user, supervisor or kernel. */
  public int modeIndex() {
    return kernelMode() ? CycleBreakdown.KERNEL
        : supervisorMode() ? CycleBreakdown.SUPERVISOR : CycleBreakdown.USER;
  }

  /** Every cycle of this CPU so far, attributed by mode; the parts add up to {@link #cycles()}. */
  public CycleBreakdown cycleBreakdown() {
    return new CycleBreakdown(modeInstructions[CycleBreakdown.USER],
        modeInstructions[CycleBreakdown.SUPERVISOR], modeInstructions[CycleBreakdown.KERNEL],
        monitorCycles, idleCycles, stallCycles);
  }

  /** Charges idle cycles: time this CPU waited for an event while something else happened. */
  public void chargeIdleCycles(long n) {
    extraCycles += n;
    idleCycles += n;
  }

  /** What the CPU recorded about the exception it took last (for a supervisor's description). */
  public TrapRecord lastTrap() {
    return new TrapRecord((cp0.cause >>> 2) & 0x1f, trapAccess, trapRefill, trapPc, trapInSlot,
        trapNextPc, trapBusAddress, trapExlWas);
  }

  /**
   * Resumes after a supervisor handled an exception, as {@link #resume(int)}, but with the
   * instruction after {@code address} at {@code next}: {@code resume(target, target + 4)} is an
   * ordinary resume, while a {@code next} other than {@code address + 4} makes the instruction at
   * {@code address} the delay slot of a branch to {@code next} that has already executed (an
   * exception there sets Cause.BD and EPC to {@code address - 4}, Vol. III 6.2.1).
   */
  public void resume(int address, int next) {
    resume(address);
    if (next != address + 4) {
      npc = next;
      slotAt = instructions + 1;
    }
  }

  /** The TLB index TLBWR would write now: the current value of Random. */
  public int tlbRandomIndex() {
    return cp0.random(instructions);
  }

  /**
   * Writes TLB entry {@code index} as TLBWI does from EntryHi, PageMask and EntryLo0/1: refuses
   * (returns false, writes nothing) an entry that would match an address another entry matches,
   * where the instruction would raise Machine Check, and forgets cached translations.
   */
  public boolean tlbWrite(int index, int entryHi, int pageMask, int entryLo0, int entryLo1) {
    boolean g = (entryLo0 & entryLo1 & 1) != 0;
    if (index < 0 || index >= tlb.size() || tlb.wouldDuplicate(index, entryHi, pageMask, g)) {
      return false;
    }
    tlb.write(index, entryHi, pageMask, entryLo0, entryLo1);
    flushTranslations();
    return true;
  }

  /** This CPU's whole architectural and timing state, as data. */
  public CpuState state() {
    return new CpuState(r.clone(), hi, lo, pc, npc, nnpc, slotAt, llBit, instructions, extraCycles,
        stallCycles, idleCycles, monitorCycles, modeInstructions.clone(), timerDue, halted, waiting,
        exceptionCounts.clone(), lastFetchLine, fetchPage != null, fetchVpage, fetchPhysical,
        fetchUncached, uncached, lastTrap(),
        new CpuState.Repeats(lastExceptionAt, lastExceptionPc, lastExceptionCode, exceptionRepeats,
            exceptionLoop),
        cp0.state(), tlb.state(), fpu.state());
  }

  /**
   * Puts this CPU in {@code s}, which must come from a CPU of the same configuration. Memory must be
   * restored first: the fetch cache is rebuilt on it.
   */
  public void restore(CpuState s) {
    System.arraycopy(s.gpr(), 0, r, 0, 32);
    hi = s.hi();
    lo = s.lo();
    pc = s.pc();
    npc = s.npc();
    nnpc = s.nnpc();
    slotAt = s.slotAt();
    llBit = s.llBit();
    instructions = s.instructions();
    extraCycles = s.extraCycles();
    stallCycles = s.stallCycles();
    idleCycles = s.idleCycles();
    monitorCycles = s.monitorCycles();
    System.arraycopy(s.modeInstructions(), 0, modeInstructions, 0, modeInstructions.length);
    timerDue = s.timerDue();
    halted = s.halted();
    waiting = s.waiting();
    System.arraycopy(s.exceptionCounts(), 0, exceptionCounts, 0, exceptionCounts.length);
    lastFetchLine = s.lastFetchLine();
    fetchVpage = s.fetchVpage();
    fetchPhysical = s.fetchPhysical();
    fetchUncached = s.fetchUncached();
    // The fetch cache decides whether the next fetch is timed: rebuild it exactly, on this memory.
    fetchPage = s.fetchValid() ? mem.allocate(fetchPhysical >>> Memory.PAGE_SHIFT) : null;
    uncached = s.uncached();
    lastExceptionAt = s.repeats().lastAt();
    lastExceptionPc = s.repeats().lastPc();
    lastExceptionCode = s.repeats().lastCode();
    exceptionRepeats = s.repeats().count();
    exceptionLoop = s.repeats().loop();
    TrapRecord t = s.lastTrap();
    trapAccess = t.access();
    trapRefill = t.refill();
    trapPc = t.pc();
    trapInSlot = t.inDelaySlot();
    trapNextPc = t.nextPc();
    trapBusAddress = t.busAddress();
    trapExlWas = t.exlWasSet();
    cp0.restore(s.cp0());
    tlb.restore(s.tlb());
    fpu.restore(s.fpu());
    runUntil = instructions;
  }

  // ---- the run loop ----------------------------------------------------------------------------

  /**
   * Executes up to {@code budget} steps: a step is an instruction, or an exception taken before an
   * instruction could start (an interrupt, a fault on fetch). Returns early when the CPU halts, or
   * when it waits (WAIT) with no interrupt that could wake it.
   *
   * <p>The inner loop only fetches and executes; interrupts and the timer are looked at between
   * runs of it, which end at the budget, when Count reaches Compare, and whenever an instruction
   * changes what could be pending (a CP0 write, ERET, EI/DI, an exception).
   *
   * @return the number of instructions executed
   */
  public long run(long budget) {
    long start = instructions;
    long end = start + budget;
    // An interrupt is taken in place of an instruction (Vol. III, 6.2.1): it uses budget too.
    long interrupts = 0;
    while (!halted && instructions + interrupts < end) {
      if (waiting && !wake()) {
        break;
      }
      // The mode cannot change inside the inner loop: MTC0, ERET and exceptions all end it, so
      // the run's instructions are attributed to the mode it started in (the instruction that
      // changes the mode executed in the old one).
      int mode = modeIndex();
      long segment = instructions;
      try {
        // Interrupts are taken between instructions when IE=1, EXL=0, ERL=0 (Vol. III, 6.1).
        if ((cp0.status & 7) == 1 && (cp0.cause & cp0.status & Cp0.ST_IM) != 0) {
          interrupts++;
          raise(ExcCode.INT, VECTOR_BEFORE_FETCH);
        }
        runUntil = Math.min(end - interrupts, timerDue);
        if (tracer == null) {
          while (instructions < runUntil) {
            step();
          }
        } else {
          while (instructions < runUntil) {
            traceNext();
            step();
          }
        }
      } catch (Trap t) {
        // the exception's effects are complete; go on at the new PC
        r[0] = 0;
      }
      modeInstructions[mode] += instructions - segment;
      if (instructions >= timerDue) {
        timerFires();
      }
    }
    return instructions - start;
  }

  /** Count has reached Compare: request the timer interrupt (IP7, Cause.TI; Vol. III, 9.9). */
  private void timerFires() {
    cp0.cause |= Cp0.CAUSE_TI | (1 << (Cp0.CAUSE_IP_SHIFT + 7));
    timerDue = instructions + (1L << 32);
  }

  /** Recomputes when Count next equals Compare, after Count or Compare changed. */
  private void scheduleTimer() {
    int now = cp0.countAt(instructions);
    long distance = Integer.toUnsignedLong(cp0.compare - now);
    timerDue = (cp0.cause & Cp0.CAUSE_DC) != 0 ? Long.MAX_VALUE // Count stopped (Cause.DC)
        : instructions + (distance == 0 ? 1L << 32 : distance);
  }

  private void traceNext() {
    InstructionTracer t = tracer;
    if (t != null && (pc & 3) == 0) {
      t.trace(this, pc, mem.loadWord(pcPhysicalForTrace()));
    }
  }

  /** The physical address of the PC for the trace, without side effects; the PC itself if unmapped. */
  private int pcPhysicalForTrace() {
    if (flat || (pc >>> 30) != 2) {
      if (flat) {
        return pc;
      }
      int i = tlb.find(pc, cp0.entryHi & 0xff);
      if (i < 0) {
        return pc;
      }
      int offsetMask = tlb.offsetMask(i);
      return (((tlb.halfFor(i, pc) >>> 6) << 12) & ~offsetMask) | (pc & offsetMask);
    }
    return pc & 0x1fff_ffff;
  }

  /** A waiting CPU wakes when an interrupt it has not masked is requested (Vol. II, WAIT). */
  private boolean wake() {
    if ((cp0.cause & cp0.status & Cp0.ST_IM) != 0) {
      waiting = false;
      return true;
    }
    // Nothing pending: if the timer is enabled, skip the idle cycles up to Count == Compare.
    // A stopped Count (Cause.DC) never gets there.
    if ((cp0.status & (1 << (Cp0.CAUSE_IP_SHIFT + 7))) != 0 && (cp0.cause & Cp0.CAUSE_DC) == 0) {
      long idle = timerDue - instructions;
      extraCycles += idle;
      idleCycles += idle;
      cp0.countBase += (int) idle;
      timerFires();
      waiting = false;
      return true;
    }
    return false;
  }

  /** Executes one instruction. Exceptions unwind with {@link Trap}. */
  void step() {
    instructions++;
    int w = fetch();
    nnpc = npc + 4;
    // The commonest instructions of compiled code are decoded here, by a small sparse switch the
    // JIT turns into a few predictable compares, before the general switch, whose single indirect
    // jump for every instruction the host predicts badly (measured: about 15% faster overall).
    // Each case does exactly what its case in execute does.
    int[] r = this.r;
    switch (w >>> 26) {
      case 0x09 -> r[(w >>> 16) & 31] = r[(w >>> 21) & 31] + (short) w; // ADDIU
      case 0x23 -> r[(w >>> 16) & 31] = loadWord(r[(w >>> 21) & 31] + (short) w); // LW
      case 0x2b -> storeWord(r[(w >>> 21) & 31] + (short) w, r[(w >>> 16) & 31]); // SW
      case 0x0f -> r[(w >>> 16) & 31] = w << 16; // LUI
      case 0x05 -> { // BNE
        slotAt = instructions + 1;
        if (r[(w >>> 21) & 31] != r[(w >>> 16) & 31]) {
          nnpc = npc + ((short) w << 2);
        }
      }
      case 0x04 -> { // BEQ
        slotAt = instructions + 1;
        if (r[(w >>> 21) & 31] == r[(w >>> 16) & 31]) {
          nnpc = npc + ((short) w << 2);
        }
      }
      default -> execute(w);
    }
    r[0] = 0;
    pc = npc;
    npc = nnpc;
  }

  private int fetch() {
    int va = pc;
    int[] page = fetchPage;
    if (((va ^ fetchVpage) & ~0xfff) != 0 || page == null) {
      page = refillFetch(va);
    } else if ((va & 3) != 0) {
      addressError(FETCH, va);
    }
    MemoryTiming t = timing;
    if (t != null && ((va ^ lastFetchLine) & fetchLineMask) != 0) {
      lastFetchLine = va;
      stallCycles += t.access(this, fetchPhysical | (va & 0xfff), MemoryTiming.FETCH, !fetchUncached);
    }
    return page[(va & 0xfff) >>> 2];
  }

  private int[] refillFetch(int va) {
    if ((va & 3) != 0) {
      addressError(FETCH, va);
    }
    int pa = translate(va, FETCH);
    int[] page = mem.page(pa >>> Memory.PAGE_SHIFT);
    if (page == null) {
      if (flat) {
        tlbFault(FETCH, va, true);
      }
      if (!isRam(pa)) {
        // Nothing answers an instruction fetch from device space or from above RAM: a bus error on
        // fetch (Vol. III, "Bus Error Exception").
        trapAccess = FETCH;
        trapBusAddress = pa;
        raise(ExcCode.IBE, 0);
      }
      page = mem.allocate(pa >>> Memory.PAGE_SHIFT);
    }
    fetchPage = page;
    fetchVpage = va & ~0xfff;
    fetchPhysical = pa & ~0xfff;
    fetchUncached = uncached;
    lastFetchLine = 1; // a new page: the next fetch is timed
    return page;
  }

  // ---- address translation (Vol. III, "Virtual Memory") ----------------------------------------

  /** True when the CPU runs in kernel mode: KSU=0, or EXL or ERL set. */
  public boolean kernelMode() {
    int s = cp0.status;
    return (s & (Cp0.ST_EXL | Cp0.ST_ERL)) != 0 || (s & Cp0.ST_KSU) == 0;
  }

  /** True when the CPU runs in supervisor mode: KSU=1, EXL=ERL=0. */
  public boolean supervisorMode() {
    int s = cp0.status;
    return (s & (Cp0.ST_EXL | Cp0.ST_ERL)) == 0 && (s & Cp0.ST_KSU) == 1 << 3;
  }

  /** Translates virtual {@code va} for an access of {@code kind}, or raises the exception. */
  int translate(int va, int kind) {
    if (flat) {
      if (va < 0) {
        addressError(kind, va);
      }
      return va;
    }
    switch (va >>> 29) {
      case 4: // kseg0: kernel, unmapped, cached unless Config.K0 says uncached (2)
        if (!kernelMode()) {
          addressError(kind, va);
        }
        uncached = (cp0.config0 & 7) == 2;
        return va & 0x1fff_ffff;
      case 5: // kseg1: kernel, unmapped, uncached
        if (!kernelMode()) {
          addressError(kind, va);
        }
        uncached = true;
        return va & 0x1fff_ffff;
      case 6: // sseg (ksseg): kernel and supervisor, mapped
        if (!kernelMode() && !supervisorMode()) {
          addressError(kind, va);
        }
        return mapped(va, kind);
      case 7: // kseg3: kernel, mapped
        if (!kernelMode()) {
          addressError(kind, va);
        }
        return mapped(va, kind);
      default: // kuseg: every mode, mapped; unmapped and uncached while ERL=1 (Vol. III, 4.5)
        if ((cp0.status & Cp0.ST_ERL) != 0) {
          uncached = true;
          return va;
        }
        return mapped(va, kind);
    }
  }

  private int mapped(int va, int kind) {
    int i = tlb.find(va, cp0.entryHi & 0xff);
    if (i < 0) {
      tlbFault(kind, va, true);
    }
    int lo = tlb.halfFor(i, va);
    if ((lo & 2) == 0) { // V
      tlbFault(kind, va, false);
    }
    if (kind == STORE && (lo & 4) == 0) { // D
      trapAccess = STORE;
      tlbException(ExcCode.MOD, va, false);
    }
    uncached = ((lo >>> 3) & 7) == 2; // cache coherency attribute 2: uncached
    int offsetMask = tlb.offsetMask(i);
    int pfnAddr = (lo >>> 6) << 12;
    return (pfnAddr & ~offsetMask) | (va & offsetMask);
  }

  private void tlbFault(int kind, int va, boolean refill) {
    trapAccess = kind;
    tlbException(kind == STORE ? ExcCode.TLBS : ExcCode.TLBL, va, refill);
  }

  /** TLB exceptions set BadVAddr, Context.BadVPN2 and EntryHi.VPN2 (Vol. III, 6.2.8-6.2.10). */
  private void tlbException(int code, int va, boolean refill) {
    cp0.badVAddr = va;
    cp0.context = (cp0.context & 0xff80_0000) | ((va >>> 13) << 4);
    cp0.entryHi = (va & 0xffff_e000) | (cp0.entryHi & 0xff);
    raise(code, refill ? VECTOR_REFILL : 0);
  }

  private void addressError(int kind, int va) {
    trapAccess = kind;
    cp0.badVAddr = va;
    raise(kind == STORE ? ExcCode.ADES : ExcCode.ADEL, 0);
  }

  // ---- memory access ---------------------------------------------------------------------------

  /** The memory page for physical {@code pa}, or null if it is device space. */
  private int @Nullable [] dataPage(int pa, int kind, int va) {
    MemoryTiming t = timing;
    if (t != null) {
      stallCycles += t.access(this, pa, kind, !uncached);
    }
    int pn = pa >>> Memory.PAGE_SHIFT;
    int[] p = mem.page(pn);
    if (p != null) {
      return p;
    }
    if (flat) {
      tlbFault(kind, va, true);
    }
    return isRam(pa) ? mem.allocate(pn) : null;
  }

  /** Whether physical {@code pa} is RAM: below the RAM size and not claimed by the devices. */
  private boolean isRam(int pa) {
    return (pa >>> Memory.PAGE_SHIFT) < ramPages && !mmio.claims(pa);
  }

  /**
   * The memory page for an access that no device register answers (LWL, LWR, SWL, SWR, LL, SC): the
   * devices decode only aligned LW and SW (docs/devices.md), so anything else in device space is a
   * bus error on data (Vol. III, "Bus Error Exception").
   */
  private int[] ramPage(int pa, int kind, int va) {
    int[] p = dataPage(pa, kind, va);
    if (p == null) {
      raise(ExcCode.DBE, 0);
      throw Trap.INSTANCE; // not reached: raise never returns
    }
    return p;
  }

  private int mmioRead(int pa, int size) {
    if (!mmio.read(this, pa, size, mmioValue)) {
      trapAccess = LOAD;
      trapBusAddress = pa;
      raise(ExcCode.DBE, 0);
    }
    return mmioValue[0];
  }

  private void mmioWrite(int pa, int size, int value) {
    if (!mmio.write(this, pa, size, value)) {
      trapAccess = STORE;
      trapBusAddress = pa;
      raise(ExcCode.DBE, 0);
    }
  }

  int loadWord(int va) {
    if ((va & 3) != 0) {
      addressError(LOAD, va);
    }
    int pa = translate(va, LOAD);
    int[] p = dataPage(pa, LOAD, va);
    return p != null ? Memory.word(p, pa) : mmioRead(pa, 4);
  }

  private int loadHalf(int va) {
    if ((va & 1) != 0) {
      addressError(LOAD, va);
    }
    int pa = translate(va, LOAD);
    int[] p = dataPage(pa, LOAD, va);
    return p != null ? mem.halfOf(p, pa) : mmioRead(pa, 2) & 0xffff;
  }

  private int loadByte(int va) {
    int pa = translate(va, LOAD);
    int[] p = dataPage(pa, LOAD, va);
    return p != null ? mem.byteOf(p, pa) : mmioRead(pa, 1) & 0xff;
  }

  void storeWord(int va, int v) {
    if ((va & 3) != 0) {
      addressError(STORE, va);
    }
    int pa = translate(va, STORE);
    int[] p = dataPage(pa, STORE, va);
    if (p != null) {
      Memory.setWord(p, pa, v);
    } else {
      mmioWrite(pa, 4, v);
    }
  }

  private void storeHalf(int va, int v) {
    if ((va & 1) != 0) {
      addressError(STORE, va);
    }
    int pa = translate(va, STORE);
    int[] p = dataPage(pa, STORE, va);
    if (p != null) {
      mem.setHalf(p, pa, v);
    } else {
      mmioWrite(pa, 2, v);
    }
  }

  private void storeByte(int va, int v) {
    int pa = translate(va, STORE);
    int[] p = dataPage(pa, STORE, va);
    if (p != null) {
      mem.setByte(p, pa, v);
    } else {
      mmioWrite(pa, 1, v);
    }
  }

  private long loadDouble(int va) {
    if ((va & 7) != 0) {
      addressError(LOAD, va);
    }
    int first = loadWord(va);
    int second = loadWord(va + 4);
    // The more significant word is at the lower address in big-endian order.
    return big
        ? ((long) first << 32) | (second & 0xffff_ffffL)
        : ((long) second << 32) | (first & 0xffff_ffffL);
  }

  private void storeDouble(int va, long v) {
    if ((va & 7) != 0) {
      addressError(STORE, va);
    }
    // Translate both words before writing either, so a fault on the second leaves memory as it was.
    translate(va + 4, STORE);
    storeWord(va, big ? (int) (v >>> 32) : (int) v);
    storeWord(va + 4, big ? (int) v : (int) (v >>> 32));
  }

  // ---- exceptions (Vol. III, 6.2 "Exception Processing") ---------------------------------------

  private static final int VECTOR_REFILL = 1;
  /** The exception is taken before the instruction at pc is fetched (an interrupt). */
  private static final int VECTOR_BEFORE_FETCH = 2;

  /** Raises exception {@code code} with Coprocessor Error {@code ce} (for CpU). */
  private void raiseCpU(int ce) {
    cp0.cause = (cp0.cause & ~(3 << Cp0.CAUSE_CE_SHIFT)) | (ce << Cp0.CAUSE_CE_SHIFT);
    raise(ExcCode.CPU, 0);
  }

  /**
   * Takes exception {@code code} for the instruction at {@code pc}: sets EPC and Cause.BD (only when
   * EXL was clear), Cause.ExcCode, EXL, and jumps to the vector, or hands the exception to the
   * supervisor. Never returns normally.
   */
  private void raise(int code, int flags) {
    enterException(code, flags);
    throw Trap.INSTANCE;
  }

  private void enterException(int code, int flags) {
    exceptionCounts[code]++;
    if (supervisor == null) {
      noteRepeats(code);
    }
    boolean exlWas = (cp0.status & Cp0.ST_EXL) != 0;
    boolean inSlot = (flags & VECTOR_BEFORE_FETCH) != 0 ? slotAt == instructions + 1 : slotAt == instructions;
    trapRefill = (flags & VECTOR_REFILL) != 0;
    trapPc = pc;
    trapInSlot = inSlot;
    trapNextPc = npc;
    trapExlWas = exlWas;
    if (!exlWas) {
      if (inSlot) {
        cp0.epc = pc - 4;
        cp0.cause |= Cp0.CAUSE_BD;
      } else {
        cp0.epc = pc;
        cp0.cause &= ~Cp0.CAUSE_BD;
      }
    }
    if (code != ExcCode.CPU) {
      cp0.cause &= ~(3 << Cp0.CAUSE_CE_SHIFT);
    }
    cp0.cause = (cp0.cause & ~(0x1f << 2)) | (code << 2);
    cp0.status |= Cp0.ST_EXL;
    waiting = false;
    flushTranslations();
    int base = (cp0.status & Cp0.ST_BEV) != 0 ? 0xbfc0_0200 : cp0.ebase & 0xffff_f000;
    int offset;
    if ((flags & VECTOR_REFILL) != 0 && !exlWas) {
      offset = 0; // TLB refill with EXL=0 has its own vector
    } else if (code == ExcCode.INT && (cp0.cause & Cp0.CAUSE_IV) != 0) {
      offset = 0x200;
    } else {
      offset = 0x180;
    }
    setPc(base + offset);
    runUntil = instructions;
    Supervisor s = supervisor;
    if (s != null) {
      s.exception(this, code);
    }
  }

  /**
   * Stops the CPU when it takes the same exception at the same PC {@link #EXCEPTION_LOOP_LIMIT}
   * times with no instruction completing in between: the vector faults on its own fetch, so nothing
   * can ever change. (Under a supervisor the supervisor decides what a repeated exception means.)
   */
  private void noteRepeats(int code) {
    // The instruction count includes the faulting instruction, so "nothing completed since the last
    // exception" is a difference of at most one.
    if (instructions - lastExceptionAt <= 1 && pc == lastExceptionPc && code == lastExceptionCode) {
      if (++exceptionRepeats >= EXCEPTION_LOOP_LIMIT) {
        exceptionLoop = new ExceptionLoop(code, pc, exceptionRepeats);
        halt();
      }
    } else {
      exceptionRepeats = 1;
    }
    lastExceptionAt = instructions;
    lastExceptionPc = pc;
    lastExceptionCode = code;
  }

  /** Why this CPU stopped itself, if it found that it can make no progress; null otherwise. */
  public @Nullable ExceptionLoop exceptionLoop() {
    return exceptionLoop;
  }

  // ---- the interpreter (Vol. II, one case per instruction) -------------------------------------

  private void branch(int target) {
    nnpc = target;
    slotAt = instructions + 1;
  }

  /** A branch-likely that is not taken nullifies its delay slot (Vol. II, e.g. BEQL). */
  private void nullifyDelaySlot() {
    npc += 4;
    nnpc = npc + 4;
  }

  // Dispatch ids: one switch decodes every instruction. Primary opcodes keep their number; the
  // function-coded groups SPECIAL, SPECIAL2 and SPECIAL3 get S, S2, S3 + funct. One table lookup
  // on opcode and funct replaces a second switch (a second hard-to-predict indirect jump).
  private static final int S = 64;
  private static final int S2 = 128;
  private static final int S3 = 192;
  private static final char[] DISPATCH = new char[64 * 64];

  static {
    for (int op = 0; op < 64; op++) {
      for (int funct = 0; funct < 64; funct++) {
        int id = switch (op) {
          case 0x00 -> S + funct;
          case 0x1c -> S2 + funct;
          case 0x1f -> S3 + funct;
          default -> op;
        };
        DISPATCH[op << 6 | funct] = (char) id;
      }
    }
  }

  private void execute(int w) {
    int rs = (w >>> 21) & 31;
    int rt = (w >>> 16) & 31;
    int rd = (w >>> 11) & 31;
    int sa = (w >>> 6) & 31;
    int[] r = this.r;
    switch (DISPATCH[(w >>> 20) & 0xfc0 | (w & 63)]) {
      case 0x01 -> regimm(w, rs, rt);
      case 0x02 -> branch((npc & 0xf000_0000) | ((w & 0x03ff_ffff) << 2)); // J
      case 0x03 -> { // JAL
        r[31] = pc + 8;
        branch((npc & 0xf000_0000) | ((w & 0x03ff_ffff) << 2));
      }
      case 0x04 -> { // BEQ
        int t = npc + ((short) w << 2);
        slotAt = instructions + 1;
        if (r[rs] == r[rt]) {
          nnpc = t;
        }
      }
      case 0x05 -> { // BNE
        int t = npc + ((short) w << 2);
        slotAt = instructions + 1;
        if (r[rs] != r[rt]) {
          nnpc = t;
        }
      }
      case 0x06 -> { // BLEZ
        int t = npc + ((short) w << 2);
        slotAt = instructions + 1;
        if (r[rs] <= 0) {
          nnpc = t;
        }
      }
      case 0x07 -> { // BGTZ
        int t = npc + ((short) w << 2);
        slotAt = instructions + 1;
        if (r[rs] > 0) {
          nnpc = t;
        }
      }
      case 0x08 -> { // ADDI: trap on signed overflow, rt unchanged
        int a = r[rs];
        int b = (short) w;
        int s = a + b;
        if (((a ^ s) & (b ^ s)) < 0) {
          raise(ExcCode.OV, 0);
        }
        r[rt] = s;
      }
      case 0x09 -> r[rt] = r[rs] + (short) w; // ADDIU
      case 0x0a -> r[rt] = r[rs] < (short) w ? 1 : 0; // SLTI
      case 0x0b -> r[rt] = Integer.compareUnsigned(r[rs], (short) w) < 0 ? 1 : 0; // SLTIU
      case 0x0c -> r[rt] = r[rs] & (w & 0xffff); // ANDI
      case 0x0d -> r[rt] = r[rs] | (w & 0xffff); // ORI
      case 0x0e -> r[rt] = r[rs] ^ (w & 0xffff); // XORI
      case 0x0f -> r[rt] = w << 16; // LUI
      case 0x10 -> cop0(w, rs, rt);
      case 0x11 -> cop1(w, rs, rt);
      case 0x12 -> raiseCpU(2); // COP2: no coprocessor 2
      case 0x13 -> cop1x(w, rs, rt);
      case 0x14 -> { // BEQL
        if (r[rs] == r[rt]) {
          branch(npc + ((short) w << 2));
        } else {
          nullifyDelaySlot();
        }
      }
      case 0x15 -> { // BNEL
        if (r[rs] != r[rt]) {
          branch(npc + ((short) w << 2));
        } else {
          nullifyDelaySlot();
        }
      }
      case 0x16 -> { // BLEZL
        if (r[rs] <= 0) {
          branch(npc + ((short) w << 2));
        } else {
          nullifyDelaySlot();
        }
      }
      case 0x17 -> { // BGTZL
        if (r[rs] > 0) {
          branch(npc + ((short) w << 2));
        } else {
          nullifyDelaySlot();
        }
      }
      case S + 0x00 -> r[rd] = r[rt] << sa; // SLL (NOP, SSNOP, EHB)
      case S + 0x01 -> { // MOVF/MOVT: move on FP condition
        requireCp1();
        boolean tf = (w & 0x10000) != 0;
        if (fpu.condition((w >>> 18) & 7) == tf) {
          r[rd] = r[rs];
        }
      }
      case S + 0x02 -> r[rd] = rs == 1 ? Integer.rotateRight(r[rt], sa) : r[rt] >>> sa; // SRL, ROTR
      case S + 0x03 -> r[rd] = r[rt] >> sa; // SRA
      case S + 0x04 -> r[rd] = r[rt] << (r[rs] & 31); // SLLV
      case S + 0x06 -> // SRLV, ROTRV
          r[rd] = sa == 1 ? Integer.rotateRight(r[rt], r[rs] & 31) : r[rt] >>> (r[rs] & 31);
      case S + 0x07 -> r[rd] = r[rt] >> (r[rs] & 31); // SRAV
      case S + 0x08 -> branch(r[rs]); // JR (JR.HB)
      case S + 0x09 -> { // JALR: the link is written after the target is read (rs == rd is UNPREDICTABLE)
        int target = r[rs];
        r[rd] = pc + 8;
        branch(target);
      }
      case S + 0x0a -> { // MOVZ
        if (r[rt] == 0) {
          r[rd] = r[rs];
        }
      }
      case S + 0x0b -> { // MOVN
        if (r[rt] != 0) {
          r[rd] = r[rs];
        }
      }
      case S + 0x0c -> raise(ExcCode.SYS, 0); // SYSCALL
      case S + 0x0d -> raise(ExcCode.BP, 0); // BREAK
      case S + 0x0f -> {
        // SYNC: one CPU at a time, in program order: nothing to order
      }
      case S + 0x10 -> r[rd] = hi; // MFHI
      case S + 0x11 -> hi = r[rs]; // MTHI
      case S + 0x12 -> r[rd] = lo; // MFLO
      case S + 0x13 -> lo = r[rs]; // MTLO
      case S + 0x18 -> setHiLo((long) r[rs] * r[rt]); // MULT
      case S + 0x19 -> setHiLo(Integer.toUnsignedLong(r[rs]) * Integer.toUnsignedLong(r[rt])); // MULTU
      case S + 0x1a -> { // DIV
        int a = r[rs];
        int b = r[rt];
        // Division by zero is UNPREDICTABLE (Vol. II, DIV). We give what QEMU gives, the dividend
        // in LO and 0 in HI, so programs compare equal; INT_MIN / -1 gives INT_MIN, remainder 0.
        if (b == 0) {
          lo = a;
          hi = 0;
        } else {
          lo = a / b;
          hi = a % b;
        }
      }
      case S + 0x1b -> { // DIVU
        int a = r[rs];
        int b = r[rt];
        if (b == 0) {
          lo = a;
          hi = 0;
        } else {
          lo = Integer.divideUnsigned(a, b);
          hi = Integer.remainderUnsigned(a, b);
        }
      }
      case S + 0x20 -> { // ADD
        int a = r[rs];
        int b = r[rt];
        int s = a + b;
        if (((a ^ s) & (b ^ s)) < 0) {
          raise(ExcCode.OV, 0);
        }
        r[rd] = s;
      }
      case S + 0x21 -> r[rd] = r[rs] + r[rt]; // ADDU
      case S + 0x22 -> { // SUB
        int a = r[rs];
        int b = r[rt];
        int d = a - b;
        if (((a ^ b) & (a ^ d)) < 0) {
          raise(ExcCode.OV, 0);
        }
        r[rd] = d;
      }
      case S + 0x23 -> r[rd] = r[rs] - r[rt]; // SUBU
      case S + 0x24 -> r[rd] = r[rs] & r[rt]; // AND
      case S + 0x25 -> r[rd] = r[rs] | r[rt]; // OR
      case S + 0x26 -> r[rd] = r[rs] ^ r[rt]; // XOR
      case S + 0x27 -> r[rd] = ~(r[rs] | r[rt]); // NOR
      case S + 0x2a -> r[rd] = r[rs] < r[rt] ? 1 : 0; // SLT
      case S + 0x2b -> r[rd] = Integer.compareUnsigned(r[rs], r[rt]) < 0 ? 1 : 0; // SLTU
      case S + 0x30 -> trapIf(r[rs] >= r[rt]); // TGE
      case S + 0x31 -> trapIf(Integer.compareUnsigned(r[rs], r[rt]) >= 0); // TGEU
      case S + 0x32 -> trapIf(r[rs] < r[rt]); // TLT
      case S + 0x33 -> trapIf(Integer.compareUnsigned(r[rs], r[rt]) < 0); // TLTU
      case S + 0x34 -> trapIf(r[rs] == r[rt]); // TEQ
      case S + 0x36 -> trapIf(r[rs] != r[rt]); // TNE
      case S2 + 0x00 -> setHiLo(hiLo() + (long) r[rs] * r[rt]); // MADD
      case S2 + 0x01 -> // MADDU
          setHiLo(hiLo() + Integer.toUnsignedLong(r[rs]) * Integer.toUnsignedLong(r[rt]));
      case S2 + 0x02 -> r[rd] = r[rs] * r[rt]; // MUL (HI/LO UNPREDICTABLE afterwards; left alone)
      case S2 + 0x04 -> setHiLo(hiLo() - (long) r[rs] * r[rt]); // MSUB
      case S2 + 0x05 -> // MSUBU
          setHiLo(hiLo() - Integer.toUnsignedLong(r[rs]) * Integer.toUnsignedLong(r[rt]));
      case S2 + 0x20 -> r[rd] = Integer.numberOfLeadingZeros(r[rs]); // CLZ
      case S2 + 0x21 -> r[rd] = Integer.numberOfLeadingZeros(~r[rs]); // CLO
      case S2 + 0x3f -> raise(ExcCode.BP, 0); // SDBBP without EJTAG: a breakpoint
      case S3 + 0x00 -> { // EXT rt, rs, pos=sa, size=rd+1
        int size = rd + 1;
        int mask = size == 32 ? -1 : (1 << size) - 1;
        r[rt] = (r[rs] >>> sa) & mask;
      }
      case S3 + 0x04 -> { // INS rt, rs, pos=sa, size=rd-sa+1 (msb < lsb is UNPREDICTABLE: leave rt)
        int size = rd - sa + 1;
        if (size > 0) {
          int mask = (size == 32 ? -1 : (1 << size) - 1) << sa;
          r[rt] = (r[rt] & ~mask) | ((r[rs] << sa) & mask);
        }
      }
      case S3 + 0x20 -> { // BSHFL
        int v = r[rt];
        switch (sa) {
          case 0x02 -> r[rd] = ((v & 0x00ff_00ff) << 8) | ((v >>> 8) & 0x00ff_00ff); // WSBH
          case 0x10 -> r[rd] = (byte) v; // SEB
          case 0x18 -> r[rd] = (short) v; // SEH
          default -> raise(ExcCode.RI, 0);
        }
      }
      case S3 + 0x3b -> rdhwr(rt, rd); // RDHWR
      case 0x20 -> r[rt] = (byte) loadByte(r[rs] + (short) w); // LB
      case 0x21 -> r[rt] = (short) loadHalf(r[rs] + (short) w); // LH
      case 0x22 -> r[rt] = lwl(r[rs] + (short) w, r[rt]); // LWL
      case 0x23 -> r[rt] = loadWord(r[rs] + (short) w); // LW
      case 0x24 -> r[rt] = loadByte(r[rs] + (short) w); // LBU
      case 0x25 -> r[rt] = loadHalf(r[rs] + (short) w); // LHU
      case 0x26 -> r[rt] = lwr(r[rs] + (short) w, r[rt]); // LWR
      case 0x28 -> storeByte(r[rs] + (short) w, r[rt]); // SB
      case 0x29 -> storeHalf(r[rs] + (short) w, r[rt]); // SH
      case 0x2a -> swl(r[rs] + (short) w, r[rt]); // SWL
      case 0x2b -> storeWord(r[rs] + (short) w, r[rt]); // SW
      case 0x2e -> swr(r[rs] + (short) w, r[rt]); // SWR
      case 0x2f -> { // CACHE: privileged; the cache model has no state software can see here
        if (!kernelMode() && (cp0.status & Cp0.ST_CU0) == 0) {
          raiseCpU(0);
        }
      }
      case 0x30 -> { // LL
        int va = r[rs] + (short) w;
        if ((va & 3) != 0) {
          addressError(LOAD, va);
        }
        int pa = translate(va, LOAD);
        int v = Memory.word(ramPage(pa, LOAD, va), pa);
        cp0.llAddr = pa >>> 4; // LLAddr holds PA bits 35..4
        llBit = true;
        r[rt] = v;
      }
      case 0x31 -> { // LWC1
        requireCp1();
        fpu.writeWord(rt, loadWord(r[rs] + (short) w));
      }
      case 0x33 -> {
        // PREF: a hint with no architectural effect
      }
      case 0x35 -> { // LDC1
        requireCp1();
        fpu.writeDouble(rt, loadDouble(r[rs] + (short) w));
      }
      case 0x38 -> { // SC: stores only while the link holds; rt reports success
        int va = r[rs] + (short) w;
        if (llBit) {
          if ((va & 3) != 0) {
            addressError(STORE, va);
          }
          int pa = translate(va, STORE);
          Memory.setWord(ramPage(pa, STORE, va), pa, r[rt]);
          r[rt] = 1;
        } else {
          // Alignment and translation are still checked (Vol. II, SC: exceptions as for SW).
          if ((va & 3) != 0) {
            addressError(STORE, va);
          }
          // Vol. II SC pseudocode: AddressTranslation(vAddr, DATA, STORE) precedes the LLbit test,
          // so a failing SC still takes TLB Refill/Invalid/Modified exceptions.
          translate(va, STORE);
          r[rt] = 0;
        }
        llBit = false;
      }
      case 0x39 -> { // SWC1
        requireCp1();
        storeWord(r[rs] + (short) w, fpu.readWord(rt));
      }
      case 0x3d -> { // SDC1
        requireCp1();
        storeDouble(r[rs] + (short) w, fpu.readDouble(rt));
      }
      case 0x32, 0x36, 0x3a, 0x3e -> raiseCpU(2); // LWC2, LDC2, SWC2, SDC2
      default -> raise(ExcCode.RI, 0);
    }
  }

  // LWL/LWR/SWL/SWR (Vol. II): 'be' is the byte's index counted from the most significant end of
  // the word, which is the address's low bits in big-endian order and their complement otherwise.
  private int beIndex(int va) {
    return big ? va & 3 : 3 - (va & 3);
  }

  private int lwl(int va, int old) {
    // Vol. II LWL/LWR/SWL/SWR: AddressTranslation(vAddr), so a fault reports the unaligned vAddr
    // in BadVAddr (Vol. III, BadVAddr), not the aligned word's address.
    int pa = translate(va, LOAD) & ~3;
    int word = Memory.word(ramPage(pa, LOAD, va), pa);
    int shift = beIndex(va) << 3;
    return (word << shift) | (old & (int) ((1L << shift) - 1));
  }

  private int lwr(int va, int old) {
    int pa = translate(va, LOAD) & ~3; // BadVAddr = vAddr, as for LWL
    int word = Memory.word(ramPage(pa, LOAD, va), pa);
    int shift = (3 - beIndex(va)) << 3;
    return (word >>> shift) | (old & ~(int) (0xffff_ffffL >>> shift));
  }

  private void swl(int va, int v) {
    translate(va, STORE); // BadVAddr = vAddr, as for LWL
    int a = va & ~3;
    int shift = beIndex(va) << 3;
    int mask = (int) (0xffff_ffffL >>> shift);
    int old = loadWordForStore(a);
    storeWord(a, (old & ~mask) | ((v >>> shift) & mask));
  }

  private void swr(int va, int v) {
    translate(va, STORE); // BadVAddr = vAddr, as for LWL
    int a = va & ~3;
    int shift = (3 - beIndex(va)) << 3;
    int mask = -1 << shift;
    int old = loadWordForStore(a);
    storeWord(a, (old & ~mask) | ((v << shift) & mask));
  }

  /** Reads the word a partial store merges into, raising store (not load) exceptions. */
  private int loadWordForStore(int va) {
    int pa = translate(va, STORE);
    return Memory.word(ramPage(pa, STORE, va), pa);
  }

  private void setHiLo(long product) {
    hi = (int) (product >>> 32);
    lo = (int) product;
  }

  private long hiLo() {
    return ((long) hi << 32) | (lo & 0xffff_ffffL);
  }

  private void trapIf(boolean condition) {
    if (condition) {
      raise(ExcCode.TR, 0);
    }
  }

  private void regimm(int w, int rs, int rt) {
    int v = r[rs];
    int target = npc + ((short) w << 2);
    switch (rt) {
      case 0x00 -> condBranch(v < 0, target); // BLTZ
      case 0x01 -> condBranch(v >= 0, target); // BGEZ (B)
      case 0x02 -> likely(v < 0, target); // BLTZL
      case 0x03 -> likely(v >= 0, target); // BGEZL
      case 0x08 -> trapIf(v >= (short) w); // TGEI
      case 0x09 -> trapIf(Integer.compareUnsigned(v, (short) w) >= 0); // TGEIU
      case 0x0a -> trapIf(v < (short) w); // TLTI
      case 0x0b -> trapIf(Integer.compareUnsigned(v, (short) w) < 0); // TLTIU
      case 0x0c -> trapIf(v == (short) w); // TEQI
      case 0x0e -> trapIf(v != (short) w); // TNEI
      case 0x10 -> { // BLTZAL: the link is written whether or not the branch is taken
        r[31] = pc + 8;
        condBranch(v < 0, target);
      }
      case 0x11 -> { // BGEZAL (BAL)
        r[31] = pc + 8;
        condBranch(v >= 0, target);
      }
      case 0x12 -> { // BLTZALL
        r[31] = pc + 8;
        likely(v < 0, target);
      }
      case 0x13 -> { // BGEZALL
        r[31] = pc + 8;
        likely(v >= 0, target);
      }
      case 0x1f -> {
        // SYNCI: makes stores visible to fetch; fetch always reads memory here
      }
      default -> raise(ExcCode.RI, 0);
    }
  }

  private void condBranch(boolean taken, int target) {
    slotAt = instructions + 1;
    if (taken) {
      nnpc = target;
    }
  }

  private void likely(boolean taken, int target) {
    if (taken) {
      branch(target);
    } else {
      nullifyDelaySlot();
    }
  }

  /** RDHWR (Vol. II): allowed in kernel mode or when HWREna enables the register. */
  private void rdhwr(int rt, int rd) {
    if (!kernelMode() && (cp0.hwrEna & (1 << rd)) == 0) {
      raise(ExcCode.RI, 0);
    }
    switch (rd) {
      case 0 -> r[rt] = cp0.ebase & 0x3ff; // CPUNum
      case 1 -> r[rt] = 0; // SYNCI_Step: no caches that need SYNCI
      case 2 -> r[rt] = cp0.countAt(instructions); // CC
      case 3 -> r[rt] = 1; // CCRes: Count advances once per cycle
      case 29 -> r[rt] = cp0.userLocal; // ULR (Release 2 with Config3.ULRI)
      default -> raise(ExcCode.RI, 0);
    }
  }

  // ---- CP0 -------------------------------------------------------------------------------------

  private void cop0(int w, int rs, int rt) {
    // CP0 instructions need kernel mode or Status.CU0 (Vol. III, "Coprocessor 0").
    if (!kernelMode() && (cp0.status & Cp0.ST_CU0) == 0) {
      raiseCpU(0);
    }
    int rd = (w >>> 11) & 31;
    int sel = w & 7;
    if (rs >= 0x10) { // CO
      switch (w & 63) {
        case 0x01 -> tlbr();
        case 0x02 -> tlbwrite(cp0.index & 63);
        case 0x06 -> tlbwrite(cp0.random(instructions));
        case 0x08 -> tlbp();
        case 0x18 -> eret();
        case 0x20 -> { // WAIT: the interrupt that wakes the CPU returns after the WAIT (Vol. II)
          waiting = true;
          runUntil = instructions;
        }
        default -> raise(ExcCode.RI, 0);
      }
      return;
    }
    switch (rs) {
      case 0x00 -> r[rt] = cp0.read(rd, sel, instructions); // MFC0
      case 0x04 -> writeCp0(rd, sel, r[rt]); // MTC0
      case 0x0b -> { // MFMC0: DI / EI
        if (rd != 12 || sel != 0) {
          raise(ExcCode.RI, 0);
        }
        r[rt] = cp0.status;
        cp0.status = (w & 0x20) != 0 ? cp0.status | Cp0.ST_IE : cp0.status & ~Cp0.ST_IE;
        runUntil = instructions;
      }
      case 0x0a, 0x0e -> r[rd] = r[rt]; // RDPGPR, WRPGPR: one shadow set, the current one
      default -> raise(ExcCode.RI, 0);
    }
  }

  private void afterCp0Write(int reg) {
    switch (reg) {
      case 12 -> {
        fpu.setFr((cp0.status & Cp0.ST_FR) != 0);
        flushTranslations();
      }
      case 9, 11, 13 -> scheduleTimer(); // 13: Cause.DC stops and restarts Count
      case 10 -> flushTranslations(); // ASID change
      default -> {
        // no effect outside CP0
      }
    }
  }

  private void tlbr() {
    int i = cp0.index & 63;
    if (i >= tlb.size()) {
      return; // UNPREDICTABLE: leave the registers alone
    }
    cp0.entryHi = tlb.entryHi(i);
    cp0.pageMask = tlb.pageMask(i);
    cp0.entryLo0 = tlb.entryLo0(i);
    cp0.entryLo1 = tlb.entryLo1(i);
    flushTranslations();
  }

  private void tlbwrite(int i) {
    if (i >= tlb.size()) {
      return;
    }
    boolean g = (cp0.entryLo0 & cp0.entryLo1 & 1) != 0;
    if (tlb.wouldDuplicate(i, cp0.entryHi, cp0.pageMask, g)) {
      // Two entries matching one address: Machine Check, with Status.TS (Vol. III, 6.2.18).
      cp0.status |= Cp0.ST_TS;
      raise(ExcCode.MCHECK, 0);
    }
    tlb.write(i, cp0.entryHi, cp0.pageMask, cp0.entryLo0, cp0.entryLo1);
    flushTranslations();
  }

  private void tlbp() {
    int i = tlb.find(cp0.entryHi & 0xffff_e000, cp0.entryHi & 0xff);
    cp0.index = i < 0 ? 0x8000_0000 : i;
  }

  /** ERET (Vol. II): returns to ErrorEPC if ERL, else EPC; clears the LL bit; no delay slot. */
  private void eret() {
    int target;
    if ((cp0.status & Cp0.ST_ERL) != 0) {
      target = cp0.errorEpc;
      cp0.status &= ~Cp0.ST_ERL;
    } else {
      target = cp0.epc;
      cp0.status &= ~Cp0.ST_EXL;
    }
    llBit = false;
    flushTranslations();
    runUntil = instructions;
    // step() moves pc to npc after execute: arrange for the target to be next, not in a slot.
    npc = target;
    nnpc = target + 4;
  }

  // ---- CP1 -------------------------------------------------------------------------------------

  private void requireCp1() {
    if ((cp0.status & Cp0.ST_CU1) == 0) {
      raiseCpU(1);
    }
  }

  private void fpuResult(int status) {
    if (status == Fpu.EXC_FPE) {
      raise(ExcCode.FPE, 0);
    } else if (status == Fpu.EXC_RI) {
      raise(ExcCode.RI, 0);
    }
  }

  private void cop1(int w, int rs, int rt) {
    requireCp1();
    int fs = (w >>> 11) & 31;
    switch (rs) {
      case 0x00 -> r[rt] = fpu.readWord(fs); // MFC1
      case 0x02 -> r[rt] = fpu.readControl(fs); // CFC1
      case 0x03 -> r[rt] = fpu.readHighWord(fs); // MFHC1
      case 0x04 -> fpu.writeWord(fs, r[rt]); // MTC1
      case 0x06 -> fpuResult(fpu.writeControl(fs, r[rt])); // CTC1
      case 0x07 -> fpu.writeHighWord(fs, r[rt]); // MTHC1
      case 0x08 -> { // BC1F, BC1T, BC1FL, BC1TL
        boolean tf = (w & 0x10000) != 0;
        boolean nd = (w & 0x20000) != 0;
        boolean taken = fpu.condition((w >>> 18) & 7) == tf;
        int target = npc + ((short) w << 2);
        if (nd) {
          likely(taken, target);
        } else {
          condBranch(taken, target);
        }
      }
      default -> fpuResult(fpu.execute(w, r[rt]));
    }
  }

  private void cop1x(int w, int rs, int rt) {
    requireCp1();
    int index = r[rt];
    int base = r[rs];
    int fs = (w >>> 11) & 31;
    int fd = (w >>> 6) & 31;
    switch (w & 63) {
      case 0x00 -> fpu.writeWord(fd, loadWord(base + index)); // LWXC1
      case 0x01 -> fpu.writeDouble(fd, loadDouble(base + index)); // LDXC1
      case 0x05 -> fpu.writeDouble(fd, loadDouble((base + index) & ~7)); // LUXC1
      case 0x08 -> storeWord(base + index, fpu.readWord(fs)); // SWXC1
      case 0x09 -> storeDouble(base + index, fpu.readDouble(fs)); // SDXC1
      case 0x0d -> storeDouble((base + index) & ~7, fpu.readDouble(fs)); // SUXC1
      case 0x0f -> {
        // PREFX: a hint
      }
      default -> fpuResult(fpu.execute(w, r[rt]));
    }
  }
}
