/**
 * The port a monitor and a model checker stand on: a narrow view of the machine that never
 * reaches into the interpreter. A {@link disco.hw.port.TrapHandler} takes a CPU's traps as a
 * sealed {@link disco.hw.port.TrapCause} with the {@link disco.hw.port.FaultingInstruction}, and
 * resumes through its {@link disco.hw.port.TrapFrame}; a {@link disco.hw.port.CpuPort} gives the
 * registers, CP0 and TLB operations of one CPU; a {@link disco.hw.port.MachinePort} gives the nodes,
 * IPIs, the disk and console as a monitor drives them, the miss counters, cycles by mode, stepping
 * in a chosen order, and the machine's whole state as data with a {@link
 * disco.hw.port.Fingerprint}. See docs/hw-model.md, "Port for a monitor".
 */
package disco.hw.port;
