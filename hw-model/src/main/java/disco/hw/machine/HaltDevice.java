package disco.hw.machine;

import disco.hw.cpu.Cpu;

/** The halt register: a write stops the machine with the low 8 bits as its exit status. */
final class HaltDevice implements Device {
  private final Machine machine;

  HaltDevice(Machine machine) {
    this.machine = machine;
  }

  @Override
  public @org.checkerframework.checker.nullness.qual.Nullable Integer read(Cpu cpu, int offset) {
    return null;
  }

  @Override
  public boolean write(Cpu cpu, int offset, int value) {
    if (offset != 0) {
      return false;
    }
    machine.halt(value);
    return true;
  }
}
