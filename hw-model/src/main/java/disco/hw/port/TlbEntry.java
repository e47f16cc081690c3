package disco.hw.port;

/**
 * One TLB entry in the CP0 register formats (MIPS32 Vol. III, 9.3-9.7): EntryHi (VPN2 and ASID),
 * PageMask, and EntryLo0/EntryLo1 for the even and odd page (PFN, C, D, V, G; the entry is global
 * when both G bits are set).
 */
public record TlbEntry(int entryHi, int pageMask, int entryLo0, int entryLo1) {
  /** A 4 KB page pair at {@code vpn2Address} (bit 12 ignored) under {@code asid}. */
  public static TlbEntry of(int vpn2Address, int asid, int entryLo0, int entryLo1) {
    return new TlbEntry((vpn2Address & 0xffff_e000) | (asid & 0xff), 0, entryLo0, entryLo1);
  }

  /** An EntryLo value: the page frame of physical {@code address} and the flags C (<< 3), D, V, G. */
  public static int entryLo(long address, int flags) {
    return (int) ((address >>> 12) << 6) | (flags & 0x3f);
  }
}
