package disco.hw.cpu;

/** Every TLB entry, in the formats {@link Tlb} keeps them, and its write generation. */
public record TlbState(int[] entryHi, int[] pageMask, int[] lo0, int[] lo1, boolean[] global, int generation) {}
