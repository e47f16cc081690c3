package disco.hw.machine;

import disco.hw.cpu.Cpu;

/**
 * Inter-processor interrupts on IP3. The first IPI to a parked CPU starts it at the boot entry
 * (the way MIPS secondary CPUs wait for a kick from the boot CPU).
 */
final class InterProcessorInterrupts implements Device {
  private final Machine machine;

  InterProcessorInterrupts(Machine machine) {
    this.machine = machine;
  }

  @Override
  public @org.checkerframework.checker.nullness.qual.Nullable Integer read(Cpu cpu, int offset) {
    return switch (offset) {
      case 0x08 -> cpu.cp0().ebaseCpuNum();
      case 0x0c -> machine.config().cpus();
      default -> null;
    };
  }

  @Override
  public boolean write(Cpu cpu, int offset, int value) {
    switch (offset) {
      case 0x00 -> {
        if (value < 0 || value >= machine.config().cpus()) {
          return true; // no such CPU: the write is dropped, as a bus would
        }
        machine.start(value);
        machine.interrupt(value, Machine.IP_IPI, true);
      }
      case 0x04 -> machine.interrupt(cpu.cp0().ebaseCpuNum(), Machine.IP_IPI, false);
      default -> {
        return false;
      }
    }
    return true;
  }
}
