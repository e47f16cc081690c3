package disco.hw.cpu;

import disco.hw.mem.Memory;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One MIPS32 Release 2 processor: the integer unit, CP0 with its TLB, and CP1, interpreted one
 * instruction at a time with exact branch delay slots. This file is the run loop (instructions in
 * runs between looks at interrupts and the timer), the wait state, tracing, and the port a
 * supervisor, a loader or a model checker uses (state, restore, resume, TLB operations).
 *
 * <p>Semantics follow the MIPS32 Architecture for Programmers, Vol. II (instructions) and Vol. III
 * (privileged resource architecture); comments cite them where behaviour is subtle. Each job reads
 * next to one chapter: {@link Interpreter} (Vol. II), {@link AddressTranslation} (Vol. III,
 * "Virtual Memory"), {@link ExceptionProcessing} (Vol. III, "Exception Processing"), with the
 * registers they share in {@link CpuRegisters}.
 */
public final class Cpu extends Interpreter {
  /**
   * @param mem physical memory
   * @param cpuNum this CPU's number (EBase.CPUNum)
   * @param tlbSize number of TLB entries (1..64)
   * @param ramBytes bytes of RAM from physical address 0; pages there are allocated on touch, and
   *     an absent page above is a bus error (a supervisor may allocate it and retry)
   */
  public Cpu(Memory mem, int cpuNum, int tlbSize, long ramBytes) {
    super(mem, cpuNum, tlbSize, ramBytes);
    // Reset: execution starts at the reset vector in kseg1 (Vol. III, "Reset Exception").
    setPc(0xbfc0_0000);
    scheduleTimer();
  }

  // ---- state access for supervisors, loaders, tests -------------------------------------------

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
    flushTranslations(); // a cached RAM page may now be claimed as device space
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

  /**
   * Puts this CPU to sleep as WAIT does, at {@code pc} with EXL clear: it wakes when an interrupt
   * that Status.IM enables is requested, and takes it when Status.IE allows (a monitor's idle loop
   * with nothing to run).
   */
  public void waitForInterrupt(int pc) {
    resume(pc);
    waiting = true;
  }

  /** The FPU's registers and FCSR, as data (a monitor saves them when it switches contexts). */
  public FpuState fpuState() {
    return fpu.state();
  }

  /** Restores the FPU's registers and FCSR from {@link #fpuState()}. */
  public void restoreFpu(FpuState s) {
    fpu.restore(s);
    flushTranslations();
  }

  /**
   * The machine cycle a waiting CPU may not idle past without returning (the next device event):
   * set by the machine before each run, so that the event fires in time to wake the CPU.
   */
  public void setIdleHorizon(long cycle) {
    idleHorizon = cycle;
  }

  /** Brings the idle horizon down to {@code cycle} if it lies beyond it. */
  public void lowerIdleHorizon(long cycle) {
    idleHorizon = Math.min(idleHorizon, cycle);
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
    // The data translation caches time nothing differently from a full translation: start empty.
    loadVpage = 1;
    loadPage = null;
    storeVpage = 1;
    storePage = null;
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

  private void traceNext() {
    InstructionTracer t = tracer;
    if (t != null && (pc & 3) == 0) {
      t.trace(this, pc, mem.loadWord(pcPhysicalForTrace()));
    }
  }

  /** The physical address of the PC for the trace, without side effects; the PC itself if unmapped. */
  private int pcPhysicalForTrace() {
    if ((pc >>> 30) != 2) {
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
      long room = idleHorizon - cycles();
      if (room < idle) {
        // A device event comes first: idle up to it and let the machine fire it, which may raise
        // the interrupt this CPU waits for before the timer would.
        if (room > 0) {
          extraCycles += room;
          idleCycles += room;
          cp0.countBase += (int) room;
          scheduleTimer();
        }
        return false;
      }
      extraCycles += idle;
      idleCycles += idle;
      cp0.countBase += (int) idle;
      timerFires();
      waiting = false;
      return true;
    }
    return false;
  }

  // ---- address translation (Vol. III, "Virtual Memory") ----------------------------------------

  // ---- memory access ---------------------------------------------------------------------------

  // ---- exceptions (Vol. III, 6.2 "Exception Processing") ---------------------------------------

}
