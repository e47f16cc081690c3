/**
 * The operation-level API: drives Disco one guest operation at a time (a load or store, a guest TLB
 * write, a vCPU switch, a disk read, a monitor call) without guest code in memory, so that a model
 * checker or a property test can choose every step. Each operation enters the monitor exactly as a
 * running guest would: its instruction is executed by the real CPU model, and whatever it traps on
 * goes through the dispatcher as any trap does.
 */
package disco.monitor.operate;
