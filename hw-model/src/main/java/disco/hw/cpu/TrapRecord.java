package disco.hw.cpu;

/**
 * What a CPU recorded about the exception it took last, beyond CP0: the raw material of a
 * supervisor's description of the trap.
 *
 * @param excCode Cause.ExcCode
 * @param access the access that faulted, for TLB, address and bus errors: {@link MemoryTiming#FETCH},
 *     {@link MemoryTiming#LOAD} or {@link MemoryTiming#STORE}
 * @param refill for TLBL/TLBS: no entry matched (a refill), rather than a matching entry with V=0
 * @param pc the address of the instruction the exception was taken on (the faulting instruction,
 *     or the next one for an interrupt)
 * @param inDelaySlot whether that instruction was in a branch delay slot (Cause.BD)
 * @param nextPc the instruction that would have followed it: for one in a delay slot, the outcome
 *     of the branch (its target if taken, else the branch's address + 8)
 * @param busAddress for IBE/DBE: the physical address nothing answered
 * @param exlWasSet whether Status.EXL was already set: then EPC and Cause.BD were left alone, and a
 *     TLB refill went to the general vector (Vol. III 6.2.1, 6.2.8)
 */
public record TrapRecord(int excCode, int access, boolean refill, int pc, boolean inDelaySlot, int nextPc,
    int busAddress, boolean exlWasSet) {}
