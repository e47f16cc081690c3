package disco.hw.port;

import java.util.OptionalInt;

/**
 * The instruction a trap was taken on, delay slot resolved. EPC names the branch when the faulting
 * instruction is in its delay slot (Cause.BD; Vol. III 6.2.1), so {@code address} is EPC + 4 then,
 * EPC otherwise.
 *
 * @param address the virtual address of the faulting instruction (for an interrupt, of the next
 *     instruction to execute)
 * @param word the instruction word, if it could be read (not for a fault on its own fetch)
 * @param inDelaySlot whether it sits in a branch delay slot
 * @param epc the address execution restarts at to retry it: the branch when in a delay slot
 * @param next the instruction after it: a taken branch's target, or the fall-through
 */
public record FaultingInstruction(int address, OptionalInt word, boolean inDelaySlot, int epc, int next) {}
