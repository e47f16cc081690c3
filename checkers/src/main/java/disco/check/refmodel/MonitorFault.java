package disco.check.refmodel;

/** Deliberate bugs in the abstract monitor, each of which some check must catch. */
public enum MonitorFault {
  FORGOTTEN_SHOOTDOWN("a migration leaves the hardware TLB entries of the old machine page in place"),
  L2TLB_NOT_FLUSHED("a migration changes the pmap but leaves the L2TLB entries of the old machine page"),
  COW_LEFT_WRITABLE("a copy-on-write disk read maps the global disk cache's page writable"),
  ASID_IGNORED_ON_SWITCH("a virtual CPU switch keeps the hardware TLB, trusting guest ASIDs that collide across virtual machines"),
  DMA_UNCHECKED("a DMA lands on the guest page's machine page without checking the virtual machine owns it alone"),
  REFCOUNT_OFF_BY_ONE("a page sent over the virtual network is mapped into the receiver without counting the reference"),
  PRIVILEGED_PAGE_WRITABLE("the privileged-register page is entered in the hardware TLB writable"),
  UNZEROED_FREE("a freed machine page goes back to the free list without being zeroed");

  private final String description;

  MonitorFault(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
