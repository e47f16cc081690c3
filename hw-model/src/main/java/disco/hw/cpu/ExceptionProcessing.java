package disco.hw.cpu;

import disco.hw.mem.Memory;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Exception entry and interrupts (MIPS32 Vol. III, 6.2 "Exception Processing"): EPC, Cause.BD and
 * ExcCode, Status.EXL, the vectors, a Java supervisor's hand-off, the Count/Compare timer, and
 * the detection of a processor that takes the same exception over and over.
 *
 * <p>An exception updates the architectural state at once and then unwinds the current instruction
 * with a stackless {@link Trap}, so no later effect of the instruction happens.
 */
abstract class ExceptionProcessing extends CpuRegisters {
  ExceptionProcessing(Memory mem, int cpuNum, int tlbSize, long ramBytes) {
    super(mem, cpuNum, tlbSize, ramBytes);
  }

  static final int VECTOR_REFILL = 1;
  /** The exception is taken before the instruction at pc is fetched (an interrupt). */
  static final int VECTOR_BEFORE_FETCH = 2;

  /** Count has reached Compare: request the timer interrupt (IP7, Cause.TI; Vol. III, 9.9). */
  void timerFires() {
    cp0.cause |= Cp0.CAUSE_TI | (1 << (Cp0.CAUSE_IP_SHIFT + 7));
    timerDue = instructions + (1L << 32);
  }

  /** Recomputes when Count next equals Compare, after Count or Compare changed. */
  void scheduleTimer() {
    int now = cp0.countAt(instructions);
    long distance = Integer.toUnsignedLong(cp0.compare - now);
    timerDue = (cp0.cause & Cp0.CAUSE_DC) != 0 ? Long.MAX_VALUE // Count stopped (Cause.DC)
        : instructions + (distance == 0 ? 1L << 32 : distance);
  }

  /** Raises exception {@code code} with Coprocessor Error {@code ce} (for CpU). */
  void raiseCpU(int ce) {
    cp0.cause = (cp0.cause & ~(3 << Cp0.CAUSE_CE_SHIFT)) | (ce << Cp0.CAUSE_CE_SHIFT);
    raise(ExcCode.CPU, 0);
  }

  /**
   * Takes exception {@code code} for the instruction at {@code pc}: sets EPC and Cause.BD (only when
   * EXL was clear), Cause.ExcCode, EXL, and jumps to the vector, or hands the exception to the
   * supervisor. Never returns normally.
   */
  void raise(int code, int flags) {
    enterException(code, flags);
    throw Trap.INSTANCE;
  }

  void enterException(int code, int flags) {
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
      s.exception(self(), code);
    }
  }

  /**
   * Stops the CPU when it takes the same exception at the same PC {@link #EXCEPTION_LOOP_LIMIT}
   * times with no instruction completing in between: the vector faults on its own fetch, so nothing
   * can ever change. (Under a supervisor the supervisor decides what a repeated exception means.)
   */
  void noteRepeats(int code) {
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

}
