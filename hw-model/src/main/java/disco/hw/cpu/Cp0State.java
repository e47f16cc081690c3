package disco.hw.cpu;

/** Every CP0 register of one CPU, with the hardware interrupt lines and the Random epoch. */
public record Cp0State(
    int index, int entryLo0, int entryLo1, int context, int userLocal, int pageMask, int wired,
    int hwrEna, int badVAddr, int countBase, int entryHi, int compare, int status, int intCtl,
    int cause, int epc, int prid, int ebase, int config0, int config1, int config2, int config3,
    int llAddr, int errorEpc, int desave, int hwLines, long randomEpoch) {}
