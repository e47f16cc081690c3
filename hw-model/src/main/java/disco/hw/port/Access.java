package disco.hw.port;

import disco.hw.cpu.MemoryTiming;

/** The kind of memory access that faulted. */
public enum Access {
  FETCH,
  LOAD,
  STORE;

  static Access of(int kind) {
    return switch (kind) {
      case MemoryTiming.FETCH -> FETCH;
      case MemoryTiming.STORE -> STORE;
      default -> LOAD;
    };
  }
}
