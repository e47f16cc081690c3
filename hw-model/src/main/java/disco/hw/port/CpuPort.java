package disco.hw.port;

import disco.hw.cpu.Cpu;
import disco.hw.cpu.CycleBreakdown;
import disco.hw.cpu.Tlb;
import disco.hw.mem.Memory;
import java.util.OptionalInt;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One CPU as a monitor drives it: registers, CP0, the TLB operations of TLBWI/TLBWR/TLBP/TLBR from
 * Java, trap handling, cycle charging and attribution.
 */
public final class CpuPort {
  private final Cpu cpu;

  private CpuPort(Cpu cpu) {
    this.cpu = cpu;
  }

  public static CpuPort of(Cpu cpu) {
    return new CpuPort(cpu);
  }

  /** The CPU itself, for this package. */
  Cpu cpu() {
    return cpu;
  }

  /** Sends every exception and interrupt of this CPU to {@code handler} (null: to the vectors). */
  public void install(@Nullable TrapHandler handler) {
    cpu.setSupervisor(handler == null ? null : (c, code) -> handler.trap(TrapFrame.of(this)));
  }

  public int number() {
    return cpu.cp0().ebaseCpuNum();
  }

  // ---- registers ------------------------------------------------------------------------------

  public int gpr(int i) {
    return cpu.gpr(i);
  }

  public void setGpr(int i, int value) {
    cpu.setGpr(i, value);
  }

  public int pc() {
    return cpu.pc();
  }

  /** MFC0 {@code reg}, {@code sel}. */
  public int readCp0(int reg, int sel) {
    return cpu.readCp0(reg, sel);
  }

  /** MTC0 {@code reg}, {@code sel}, with every side effect the instruction has. */
  public void writeCp0(int reg, int sel, int value) {
    cpu.writeCp0(reg, sel, value);
  }

  /** Asserts or clears interrupt line {@code line} (0..7, Cause.IP0..IP7) of this CPU. */
  public void setInterruptLine(int line, boolean asserted) {
    cpu.setInterruptLine(line, asserted);
  }

  /**
   * The word at virtual {@code address} as this CPU would fetch it now, without side effects (no
   * exception, no timing, no allocation); empty if it is unmapped, outside RAM or never written.
   */
  public OptionalInt readInstruction(int address) {
    int pa;
    if ((address >>> 30) == 2) { // kseg0, kseg1: unmapped
      pa = address & 0x1fff_ffff;
    } else {
      Tlb tlb = cpu.tlb();
      int i = tlb.find(address, cpu.cp0().entryHi() & 0xff);
      if (i < 0 || (tlb.halfFor(i, address) & 2) == 0) {
        return OptionalInt.empty();
      }
      int mask = tlb.offsetMask(i);
      pa = (((tlb.halfFor(i, address) >>> 6) << 12) & ~mask) | (address & mask);
    }
    int[] page = cpu.memory().page(pa >>> Memory.PAGE_SHIFT);
    return page == null || (address & 3) != 0 ? OptionalInt.empty() : OptionalInt.of(Memory.word(page, pa));
  }

  /**
   * Executes instruction word {@code word} at the PC as if it had been fetched from there: every
   * effect and every exception it has (a trap reaches the installed handler, which describes it
   * with this word), the PC advanced, no fetch. A model checker's driver feeds a monitor's guest one
   * instruction at a time with it, without guest code in memory. Returns false when it trapped.
   */
  public boolean execute(int word) {
    return cpu.executeWord(word);
  }

  /** The general registers, HI, LO and the FPU, as data. */
  public RegisterContext saveContext() {
    int[] g = new int[32];
    for (int i = 0; i < 32; i++) {
      g[i] = cpu.gpr(i);
    }
    return new RegisterContext(g, cpu.hi(), cpu.lo(), cpu.fpuState());
  }

  /** Loads the general registers, HI, LO and the FPU from {@code c}. */
  public void restoreContext(RegisterContext c) {
    for (int i = 1; i < 32; i++) {
      cpu.setGpr(i, c.gpr()[i]);
    }
    cpu.setHiLo(c.hi(), c.lo());
    cpu.restoreFpu(c.fpu());
  }

  /**
   * Leaves the monitor for {@code pc} with {@code nextPc} after it, as ERET would (EXL cleared, the
   * LL link broken), without a trap to come from: how a monitor starts a CPU it has just set up.
   */
  public void enter(int pc, int nextPc) {
    cpu.resume(pc, nextPc);
  }

  /** Sleeps at {@code pc} until an interrupt Status.IM enables is requested (see WAIT). */
  public void waitForInterrupt(int pc) {
    cpu.waitForInterrupt(pc);
  }

  public boolean halted() {
    return cpu.halted();
  }

  /** Stops this CPU for good. */
  public void halt() {
    cpu.halt();
  }

  // ---- TLB (Vol. III, the TLBWI, TLBWR, TLBP and TLBR instructions) ----------------------------

  public int tlbSize() {
    return cpu.tlb().size();
  }

  /** TLBR: entry {@code index}. */
  public TlbEntry tlbRead(int index) {
    Tlb t = cpu.tlb();
    return new TlbEntry(t.entryHi(index), t.pageMask(index), t.entryLo0(index), t.entryLo1(index));
  }

  /**
   * TLBWI: writes {@code e} at {@code index}, forgetting cached translations. Returns false and
   * writes nothing when {@code e} would match an address another entry matches (where the
   * instruction raises Machine Check) or the index is out of range.
   */
  public boolean tlbWriteIndexed(int index, TlbEntry e) {
    return cpu.tlbWrite(index, e.entryHi(), e.pageMask(), e.entryLo0(), e.entryLo1());
  }

  /** TLBWR: writes {@code e} at the index Random holds now; returns it, or -1 as for a duplicate. */
  public int tlbWriteRandom(TlbEntry e) {
    int index = cpu.tlbRandomIndex();
    return tlbWriteIndexed(index, e) ? index : -1;
  }

  /** TLBP: the index of the entry matching {@code entryHi}'s VPN2 and ASID, or -1. */
  public int tlbProbe(int entryHi) {
    return cpu.tlb().find(entryHi & 0xffff_e000, entryHi & 0xff);
  }

  /**
   * Invalidates the entry (if any) that maps virtual {@code address} under {@code asid} (a global
   * entry matches every ASID). Returns whether there was one.
   */
  public boolean tlbInvalidate(int address, int asid) {
    int i = cpu.tlb().find(address, asid & 0xff);
    if (i >= 0) {
      invalidate(i);
    }
    return i >= 0;
  }

  /** Invalidates every entry. */
  public void tlbFlush() {
    for (int i = 0; i < cpu.tlb().size(); i++) {
      invalidate(i);
    }
  }

  /**
   * An invalid entry is the one the TLB holds at reset: VPN2 in kseg0, which is never translated,
   * distinct for every index so no two entries can ever match together; V = 0.
   */
  private void invalidate(int i) {
    cpu.tlb().write(i, 0x8000_0000 + (i << 13), 0, 0, 0);
    cpu.flushTranslations();
  }

  // ---- time -----------------------------------------------------------------------------------

  public long cycles() {
    return cpu.cycles();
  }

  /** Charges {@code n} cycles of monitor work to this CPU. */
  public void chargeMonitorCycles(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("cycles must be >= 0, got " + n);
    }
    cpu.chargeCycles(n);
  }

  public CycleBreakdown cycleBreakdown() {
    return cpu.cycleBreakdown();
  }

  /** Runs this CPU alone for up to {@code n} steps; returns the instructions executed. */
  public long step(long n) {
    return cpu.run(n);
  }
}
