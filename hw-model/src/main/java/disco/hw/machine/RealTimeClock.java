package disco.hw.machine;

import disco.hw.cpu.Cpu;

/**
 * A deterministic real-time clock: it starts at 2024-01-01T00:00:00Z and advances with the reading
 * CPU's cycle count at 200 MHz (5 ns a cycle), so every run reads the same times.
 */
final class RealTimeClock implements Device {
  static final long EPOCH_SECONDS = 1_704_067_200L;
  static final long NANOS_PER_CYCLE = 5;

  @Override
  public @org.checkerframework.checker.nullness.qual.Nullable Integer read(Cpu cpu, int offset) {
    long nanos = cpu.cycles() * NANOS_PER_CYCLE;
    return switch (offset) {
      case 0x00 -> (int) (EPOCH_SECONDS + nanos / 1_000_000_000L);
      case 0x04 -> (int) (nanos % 1_000_000_000L);
      case 0x08 -> (int) cpu.cycles();
      default -> null;
    };
  }

  @Override
  public boolean write(Cpu cpu, int offset, int value) {
    return false;
  }
}
