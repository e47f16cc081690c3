package disco.hw.cpu;

/**
 * Physical addresses outside RAM: device registers. An access the device does not decode
 * returns {@code false}, and the CPU takes a bus error (IBE/DBE).
 */
public interface Mmio {
  /** Reads {@code size} (1, 2 or 4) bytes at physical {@code address} into {@code out[0]}. */
  boolean read(Cpu cpu, int address, int size, int[] out);

  /** Writes the low {@code size} bytes of {@code value} at physical {@code address}. */
  boolean write(Cpu cpu, int address, int size, int value);

  /**
   * Whether physical {@code address} is device space even where it lies below the RAM size: such an
   * address is never RAM (the device window wins over the memory behind it).
   */
  default boolean claims(int address) {
    return false;
  }

  /** No devices at all: every access outside RAM is a bus error. */
  Mmio NONE =
      new Mmio() {
        @Override
        public boolean read(Cpu cpu, int address, int size, int[] out) {
          return false;
        }

        @Override
        public boolean write(Cpu cpu, int address, int size, int value) {
          return false;
        }
      };
}
