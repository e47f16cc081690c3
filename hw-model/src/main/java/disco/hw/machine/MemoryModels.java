package disco.hw.machine;

/** Chooses the memory system a configuration asks for. */
final class MemoryModels {
  private MemoryModels() {}

  static MemoryModel create(MachineConfig config) {
    return new NumaMemory(config);
  }
}
