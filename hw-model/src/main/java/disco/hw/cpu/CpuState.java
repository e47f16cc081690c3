package disco.hw.cpu;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The whole state of one CPU as data: registers, program counters with the pending delay slot,
 * counters and cycle attribution, the timer, the fetch cache (it decides which fetches the memory
 * system times), and CP0, the TLB and the FPU. Arrays belong to the state: never modified after
 * {@link Cpu#state()} made them.
 */
public record CpuState(
    int[] gpr, int hi, int lo, int pc, int npc, int nnpc, long slotAt, boolean llBit,
    long instructions, long extraCycles, long stallCycles, long idleCycles, long monitorCycles,
    long[] modeInstructions, long timerDue, boolean halted, boolean waiting, long[] exceptionCounts,
    int lastFetchLine, boolean fetchValid, int fetchVpage, int fetchPhysical, boolean fetchUncached,
    boolean uncached, TrapRecord lastTrap, Repeats repeats, Cp0State cp0, TlbState tlb,
    FpuState fpu) {

  /** The no-progress detector's memory: the last exception, how often it repeated, and its verdict. */
  public record Repeats(long lastAt, int lastPc, int lastCode, int count,
      @Nullable ExceptionLoop loop) {}
}
