package disco.hw.numa;

/** Which cache-line states the protocol uses. */
public enum CoherenceProtocol {
  /** Invalid, Shared, Modified: every read miss gets a shared copy. */
  MSI,
  /**
   * MSI plus Exclusive: a read miss to a line no other cache holds gets a clean exclusive copy,
   * which a later write upgrades to Modified silently, without a message to the directory (the
   * R10000's "clean exclusive" state). Saves the upgrade for private data.
   */
  MESI
}
