package disco.hw.machine;

import disco.hw.cpu.Cpu;

/** One device's registers in the device window: 32-bit words at offsets from its base. */
interface Device {
  /** Reads the register at {@code offset}; returns null if the device has no such register. */
  @org.checkerframework.checker.nullness.qual.Nullable Integer read(Cpu cpu, int offset);

  /** Writes the register at {@code offset}; returns false if the device has no such register. */
  boolean write(Cpu cpu, int offset, int value);
}
