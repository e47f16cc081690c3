package disco.hw.machine;

/** Chooses the memory system a configuration asks for. */
final class MemoryModels {
  private MemoryModels() {}

  static MemoryModel create(MachineConfig config) {
    // The cache and directory model is not wired in yet: every configuration runs with the
    // fixed-latency memory (see docs/hw-model.md, "Multiprocessor").
    return new FixedLatencyMemory(config);
  }
}
