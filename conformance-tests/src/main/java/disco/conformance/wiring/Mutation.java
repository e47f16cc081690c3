package disco.conformance.wiring;

import disco.hw.cpu.Cpu;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A seeded defect of the reference: it may take over one instruction before the reference executes
 * it, and may change the machine before the vector runs. The suite must catch every one.
 */
interface Mutation {
  /** Before the run: the machine with its initial state. */
  default void prepare(Cpu cpu) {}

  /**
   * Before instruction {@code insn} at the PC (not in a delay slot when {@code inSlot} is false):
   * returns true when the mutation executed it itself, PC included.
   */
  default boolean execute(Cpu cpu, int insn, boolean inSlot) {
    return false;
  }

  /**
   * In a whole program or machine run, where the reference executes every instruction itself:
   * seeing {@code insn} about to execute, returns what to do once it has (write the wrong result),
   * or null. A mutation that only takes over instructions whole has no effect there.
   */
  default @Nullable Runnable after(Cpu cpu, int insn) {
    return null;
  }

  /** The reference itself. */
  Mutation NONE = new Mutation() {};
}
