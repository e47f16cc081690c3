package disco.hw.numa;

/**
 * One step of a random run against a {@link MemorySystem}. Numbers are raw and reduced by the
 * {@link CoherenceDriver} (CPU modulo the CPUs, line modulo its candidate lines), so that steps
 * can be generated without knowing the machine's shape.
 */
sealed interface Op {
  /** A cached read or write by {@code cpu} at byte {@code offset} of candidate line {@code line}. */
  record Access(int cpu, int line, int offset, boolean write) implements Op {}

  /** An uncached access by {@code cpu} to candidate line {@code line}. */
  record Uncached(int cpu, int line) implements Op {}

  /** A DMA read or write of {@code lines} lines from the middle of candidate line {@code line}. */
  record Dma(boolean write, int line, int lines) implements Op {}

  /** Resets the miss counters of candidate line {@code line}'s page. */
  record ResetPage(int line) implements Op {}

  /** Resets every miss counter. */
  record ResetAll() implements Op {}
}
