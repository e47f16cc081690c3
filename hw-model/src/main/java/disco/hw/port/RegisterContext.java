package disco.hw.port;

import disco.hw.cpu.FpuState;

/**
 * The registers a monitor saves and restores when it switches the virtual CPU a processor runs:
 * the general registers, HI and LO, and the FPU. (The program counters travel in the
 * {@link FaultingInstruction}; CP0 belongs to the monitor, which keeps a virtual copy per CPU.)
 * The array belongs to the record: never modified after it is made.
 */
public record RegisterContext(int[] gpr, int hi, int lo, FpuState fpu) {
  /** A context with every register zero, for a virtual CPU that has never run. */
  public static RegisterContext zero(FpuState fpu) {
    return new RegisterContext(new int[32], 0, 0, fpu);
  }
}
