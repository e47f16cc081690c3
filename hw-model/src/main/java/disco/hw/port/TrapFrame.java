package disco.hw.port;

import disco.hw.cpu.Cp0;
import disco.hw.cpu.Cpu;
import disco.hw.cpu.ExcCode;
import disco.hw.cpu.MemoryTiming;
import disco.hw.cpu.TrapRecord;
import java.util.OptionalInt;

/**
 * One trap as a monitor sees it: what happened, the faulting instruction, the CPU, and the ways to
 * go on. The CPU's CP0 state has been updated as for a vectored exception (EPC, Cause.BD, ExcCode,
 * BadVAddr, Context, EntryHi, Status.EXL; Vol. III 6.2) when the handler is called.
 */
public final class TrapFrame {
  private final CpuPort cpu;
  private final TrapCause cause;
  private final FaultingInstruction instruction;

  private TrapFrame(CpuPort cpu, TrapCause cause, FaultingInstruction instruction) {
    this.cpu = cpu;
    this.cause = cause;
    this.instruction = instruction;
  }

  /** Describes the trap {@code cpu} has just taken. */
  static TrapFrame of(CpuPort port) {
    Cpu c = port.cpu();
    TrapRecord t = c.lastTrap();
    // From the CPU's record rather than EPC and Cause.BD, which stay as they were when EXL was set.
    boolean slot = t.inDelaySlot();
    int address = t.pc();
    int epc = slot ? address - 4 : address;
    // A fault on the instruction's own fetch leaves no word to read.
    boolean fetchFault = t.access() == MemoryTiming.FETCH
        && (t.excCode() == ExcCode.TLBL || t.excCode() == ExcCode.ADEL || t.excCode() == ExcCode.IBE);
    OptionalInt injected = c.injectedWord();
    OptionalInt word = fetchFault ? OptionalInt.empty()
        : injected.isPresent() ? injected : port.readInstruction(address);
    FaultingInstruction insn = new FaultingInstruction(address, word, slot, epc, t.nextPc());
    return new TrapFrame(port, cause(c, t, word.orElse(0)), insn);
  }

  private static TrapCause cause(Cpu c, TrapRecord t, int word) {
    Cp0 cp0 = c.cp0();
    Access access = Access.of(t.access());
    int asid = cp0.entryHi() & 0xff;
    return switch (t.excCode()) {
      case ExcCode.TLBL, ExcCode.TLBS -> t.refill()
          ? new TrapCause.TlbRefill(access, cp0.badVAddr(), asid, t.exlWasSet())
          : new TrapCause.TlbInvalid(access, cp0.badVAddr(), asid);
      case ExcCode.MOD -> new TrapCause.TlbModified(cp0.badVAddr(), asid);
      case ExcCode.CPU -> new TrapCause.CoprocessorUnusable((cp0.cause() >>> Cp0.CAUSE_CE_SHIFT) & 3, word);
      case ExcCode.INT -> new TrapCause.Interrupt((cp0.cause() >>> Cp0.CAUSE_IP_SHIFT) & 0xff,
          (cp0.status() >>> Cp0.CAUSE_IP_SHIFT) & 0xff);
      case ExcCode.SYS -> new TrapCause.SystemCall(word);
      case ExcCode.ADEL, ExcCode.ADES -> new TrapCause.AddressError(access, cp0.badVAddr());
      case ExcCode.IBE, ExcCode.DBE -> new TrapCause.BusError(access, t.busAddress());
      default -> new TrapCause.Other(t.excCode(), word);
    };
  }

  public TrapCause cause() {
    return cause;
  }

  public FaultingInstruction instruction() {
    return instruction;
  }

  public CpuPort cpu() {
    return cpu;
  }

  /** Retries the faulting instruction (after, say, filling the TLB): ERET to EPC. */
  public void resume() {
    cpu.cpu().resume(instruction.epc());
  }

  /**
   * Goes on after the monitor emulated the faulting instruction: at the instruction after it, and
   * when it was in a delay slot, at the branch's outcome, which completes the branch (its link
   * register, if any, was written when it executed).
   */
  public void resumeAfterEmulation() {
    cpu.cpu().resume(instruction.next());
  }

  /** Goes on at {@code pc}, not in a delay slot. */
  public void resumeAt(int pc) {
    cpu.cpu().resume(pc);
  }

  /**
   * Goes on at {@code pc} with {@code nextPc} after it: with {@code nextPc != pc + 4}, {@code pc}
   * is the delay slot of a branch to {@code nextPc} (see {@link Cpu#resume(int, int)}).
   */
  public void resumeAt(int pc, int nextPc) {
    cpu.cpu().resume(pc, nextPc);
  }

  /** Charges {@code cycles} of monitor work to this CPU. */
  public void charge(long cycles) {
    cpu.chargeMonitorCycles(cycles);
  }

  /** Stops the CPU. */
  public void halt() {
    cpu.cpu().halt();
  }
}
