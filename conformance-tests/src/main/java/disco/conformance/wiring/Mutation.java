package disco.conformance.wiring;

import disco.hw.cpu.Cpu;

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

  /** The reference itself. */
  Mutation NONE = new Mutation() {};
}
