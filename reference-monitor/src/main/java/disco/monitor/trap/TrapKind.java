package disco.monitor.trap;

/** What Disco did with one trap: the categories of the statistics and the trace. */
public enum TrapKind {
  /** A TLB miss in the supervisor segment (the guest's physical memory) filled from the pmap. */
  TLB_PMAP,
  /** A TLB miss in useg answered by the L2TLB. */
  TLB_L2TLB,
  /** A TLB miss in useg answered by the guest's own TLB (translated through the pmap). */
  TLB_GUEST_TLB,
  /** A TLB miss forwarded to the guest's refill handler. */
  TLB_FORWARDED,
  /** A privileged instruction emulated. */
  EMULATED,
  /** An exception reflected to the guest (system call, TLB invalid or modified, errors, ...). */
  REFLECTED,
  /** A monitor call. */
  MONITOR_CALL,
  /** A real interrupt taken by the monitor (timer, doorbell). */
  INTERRUPT,
  /** A virtual interrupt delivered to the guest. */
  VIRTUAL_INTERRUPT
}
