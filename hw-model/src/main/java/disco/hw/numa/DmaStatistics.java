package disco.hw.numa;

/**
 * What DMA transfers did.
 *
 * @param linesRead lines read by devices
 * @param linesWritten lines written by devices
 * @param invalidations cached copies invalidated by DMA writes
 * @param interventions DMA reads that had to fetch a line from a cache's exclusive copy
 * @param cycles the cycles charged for all transfers
 */
public record DmaStatistics(
    long linesRead, long linesWritten, long invalidations, long interventions, long cycles) {}
