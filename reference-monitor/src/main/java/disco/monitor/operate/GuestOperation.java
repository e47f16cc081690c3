package disco.monitor.operate;

/**
 * One step a guest (or the scheduler) takes, as the operation-level API performs it. Every
 * operation but {@link Switch} is done by the vCPU {@code vcpu} of VM {@code vm}, which must be
 * the vCPU its CPU runs now.
 */
public sealed interface GuestOperation {
  int vm();

  int vcpu();

  /** A word load at virtual {@code va} (LW). */
  record Load(int vm, int vcpu, int va) implements GuestOperation {}

  /** A word store of {@code value} at virtual {@code va} (SW). */
  record Store(int vm, int vcpu, int va, int value) implements GuestOperation {}

  /**
   * A write of the guest's TLB at {@code index}: MTC0 Index, EntryHi, EntryLo0, EntryLo1, then
   * TLBWI, each trapping and emulated as in a running guest kernel.
   */
  record TlbWrite(int vm, int vcpu, int index, int entryHi, int entryLo0, int entryLo1)
      implements GuestOperation {}

  /** MTC0 {@code register}, select 0 (EntryHi = 10 changes the ASID; Status = 12 the mode). */
  record Mtc0(int vm, int vcpu, int register, int value) implements GuestOperation {}

  /** ERET: the guest's handler returns (to EPC, or ErrorEPC with ERL set). */
  record Eret(int vm, int vcpu) implements GuestOperation {}

  /** A monitor call (SYSCALL in the guest's kernel mode) with $v0 = {@code number} and $a0..$a3. */
  record MonitorCall(int vm, int vcpu, int number, int a0, int a1, int a2, int a3) implements GuestOperation {}

  /** The CPU of vCPU {@code vcpu} of VM {@code vm} switches to it (it must be runnable). */
  record Switch(int vm, int vcpu) implements GuestOperation {}
}
