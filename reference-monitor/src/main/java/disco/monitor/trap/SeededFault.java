package disco.monitor.trap;

/**
 * Deliberately broken variants of the monitor, for showing that the checkers find what they are
 * meant to find. A fault is switched on only by {@code disco.monitor.Disco.boot(Scenario, OutputStream,
 * Set)}, which no scenario file and no command but {@code disco check --fault} reaches;
 * a normal run has none.
 */
public enum SeededFault {
  /** A guest TLB write leaves the replaced entry's translation in the hardware TLB. */
  TLB_WRITE_NOT_SHOT_DOWN("a guest TLB write leaves the replaced entry's translation in the hardware TLB"),
  /** A guest TLB write leaves the replaced entry's translation in the L2TLB. */
  L2TLB_NOT_FLUSHED("a guest TLB write leaves the replaced entry's translation in the L2TLB"),
  /** A vCPU switch keeps the hardware TLB of the vCPU that ran before. */
  TLB_KEPT_ON_SWITCH("a vCPU switch keeps the previous vCPU's hardware TLB entries"),
  /** A disk read's guest-physical address is used as a machine address. */
  DMA_UNTRANSLATED("a disk read lands at the guest-physical address taken as a machine address"),
  /** The privileged-register page is mapped writable. */
  PRIVILEGED_PAGE_WRITABLE("the privileged-register page enters the hardware TLB writable"),
  /** The guest's clean (D = 0) entries enter the hardware TLB dirty. */
  GUEST_PROTECTION_DROPPED("a guest TLB entry without D enters the hardware TLB writable"),
  /** A guest TLB write duplicating an entry is accepted (no Machine Check). */
  DUPLICATE_TLB_ENTRY_ACCEPTED("a guest TLB write that duplicates an entry is accepted, not a Machine Check");

  private final String description;

  SeededFault(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
