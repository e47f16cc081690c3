package disco.spec.model;

/**
 * What a guest observes from one operation: the only thing, besides its memory, that a guest can
 * use to tell one implementation from another. Refinement compares these exactly.
 */
public sealed interface Seen {
  /** The operation returned nothing to the guest (a store, a TLB write, a disk read completing). */
  record Nothing() implements Seen {}

  /** A load returned {@code value}. */
  record Value(int value) implements Seen {}

  /** The operation raised an exception that the guest's own handler takes. */
  record GuestException(GuestTlbSpec.Fault fault) implements Seen {}

  /** A load from the privileged-register page: the virtual CPU's registers, outside this model. */
  record PrivilegedRegisters() implements Seen {}

  /** TLBP: the index that matched, or -1 (the probe-failure bit set). */
  record ProbeIndex(int index) implements Seen {}

  /** TLBR: the entry read. */
  record EntryRead(GuestTlbSpec.Entry entry) implements Seen {}

  /** The virtual machine has stopped (it crashed); it observes nothing more. */
  record Stopped() implements Seen {}

  Seen NOTHING = new Nothing();
  Seen STOPPED = new Stopped();
  Seen PRIVILEGED = new PrivilegedRegisters();
}
