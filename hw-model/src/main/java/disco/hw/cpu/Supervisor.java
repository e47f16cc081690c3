package disco.hw.cpu;

/**
 * A kernel-mode exception handler written in Java. When a CPU has one installed, every exception
 * and interrupt of that CPU goes to it instead of to the architectural vector in simulated memory:
 * that is how a monitor that owns kernel mode (Disco) takes every trap, and how the Linux user ABI
 * layer services system calls.
 *
 * <p>When {@link #exception} is called the CPU's CP0 state has been updated exactly as for a vectored
 * exception (EPC, Cause.BD, Cause.ExcCode, BadVAddr, Context, EntryHi, Status.EXL). The handler
 * examines and changes the CPU's state, charges the cycles its work costs with
 * {@link Cpu#chargeCycles}, and then either resumes the CPU with {@link Cpu#resume} (which clears
 * EXL, as ERET would, and continues at a chosen PC) or stops it with {@link Cpu#halt}. A handler
 * that does neither leaves the CPU at the architectural vector with EXL set.
 *
 * <p>A monitor normally installs a {@code disco.hw.port.TrapHandler} instead, which gets the trap
 * described as data, the faulting instruction, and resumes that handle delay slots.
 */
public interface Supervisor {
  void exception(Cpu cpu, int excCode);
}
