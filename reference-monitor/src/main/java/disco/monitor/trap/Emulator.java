package disco.monitor.trap;

import disco.hw.port.CpuPort;
import disco.monitor.cpu.Cp0Instruction;
import disco.monitor.cpu.VirtualCp0;
import disco.monitor.cpu.VirtualCpu;

/**
 * Emulation of the privileged instructions a guest kernel executes in supervisor mode (paper 4.2.1,
 * "trap and emulate"), against the vCPU's virtual CP0, each as MIPS32 Vol. II defines it for kernel
 * mode. What the emulation means for the real CPU (the mode to run in, the ASID, the timer, the
 * hardware TLB) is left to the dispatcher, which sees the {@link Result}.
 */
final class Emulator {
  private Emulator() {}

  /** What happened, for the dispatcher. */
  sealed interface Result {
    /** Go on after the instruction. */
    record Next() implements Result {}

    /** ERET: go on at {@code pc}, not in a delay slot. */
    record Return(int pc) implements Result {}

    /** TLBWI/TLBWR at the guest's TLB index. */
    record TlbWrite(int index) implements Result {}

    /** TLBWI/TLBWR that would put two entries matching one address in the guest's TLB. */
    record MachineCheck(int index) implements Result {}

    /** WAIT: idle until an interrupt. */
    record Idle() implements Result {}

    /** Not an instruction Disco emulates: a Reserved Instruction exception for the guest. */
    record Reserved() implements Result {}
  }

  /** A TLB write at {@code index}, or Machine Check for a duplicate, as the machine's CPU does. */
  private static Result tlbWrite(VirtualCp0 cp0, int index) {
    if (cp0.wouldDuplicate(index)) {
      cp0.setStatusBits(VirtualCp0.ST_TS, true);
      return new Result.MachineCheck(index);
    }
    return new Result.TlbWrite(index);
  }

  static Result emulate(Cp0Instruction insn, CpuPort cpu, VirtualCpu v) {
    VirtualCp0 cp0 = v.cp0();
    int count = cpu.readCp0(9, 0);
    if (insn instanceof Cp0Instruction.Mfc0 m) {
      setGpr(cpu, m.rt(), cp0.read(m.rd(), m.sel(), count));
    } else if (insn instanceof Cp0Instruction.Mtc0 m) {
      cp0.write(m.rd(), m.sel(), cpu.gpr(m.rt()), count);
      if (m.rd() == 11 && m.sel() == 0) {
        v.setTimerCheckedAt(count);
      }
    } else if (insn instanceof Cp0Instruction.SetInterruptEnable s) {
      setGpr(cpu, s.rt(), cp0.status());
      cp0.setStatusBits(VirtualCp0.ST_IE, s.enable());
    } else if (insn instanceof Cp0Instruction.Tlbr) {
      cp0.readEntry(cp0.index() & (cp0.tlbSize() - 1));
    } else if (insn instanceof Cp0Instruction.Tlbwi) {
      return tlbWrite(cp0, cp0.index() & (cp0.tlbSize() - 1));
    } else if (insn instanceof Cp0Instruction.Tlbwr) {
      return tlbWrite(cp0, cp0.nextRandom());
    } else if (insn instanceof Cp0Instruction.Tlbp) {
      cp0.probe(cp0.find(cp0.entryHi(), cp0.asid()));
    } else if (insn instanceof Cp0Instruction.Eret) {
      return new Result.Return(cp0.eret());
    } else if (insn instanceof Cp0Instruction.Wait) {
      return new Result.Idle();
    } else if (insn instanceof Cp0Instruction.Unknown) {
      return new Result.Reserved();
    } // CACHE: nothing to do
    return new Result.Next();
  }

  private static void setGpr(CpuPort cpu, int r, int value) {
    if (r != 0) {
      cpu.setGpr(r, value);
    }
  }

  /** The instruction's name, for the statistics and the trace. */
  static String name(Cp0Instruction insn) {
    if (insn instanceof Cp0Instruction.Mfc0 m) {
      return "MFC0 $" + m.rd() + "," + m.sel();
    } else if (insn instanceof Cp0Instruction.Mtc0 m) {
      return "MTC0 $" + m.rd() + "," + m.sel();
    } else if (insn instanceof Cp0Instruction.SetInterruptEnable s) {
      return s.enable() ? "EI" : "DI";
    } else if (insn instanceof Cp0Instruction.Unknown u) {
      return String.format("unknown 0x%08x", u.word());
    }
    return insn.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
  }
}
