package disco.hw.machine;

import disco.hw.cpu.Cpu;
import disco.hw.cpu.Mmio;

/**
 * The device window, physical 0x1F000000..0x1FBFFFFF: routes aligned word accesses to the device
 * whose 256-byte block they fall in (docs/devices.md). Anything else is a bus error.
 */
final class DeviceBus implements Mmio {
  static final int BASE = 0x1f00_0000;
  static final int END = 0x1fc0_0000;
  /** The end of device space: the window and the boot ROM's place above it are never RAM. */
  static final int SPACE_END = 0x2000_0000;
  private final @org.checkerframework.checker.nullness.qual.Nullable Device[] blocks = new Device[16];

  void attach(int offset, Device d) {
    blocks[offset >>> 8] = d;
  }

  @Override
  public boolean claims(int address) {
    return address >= BASE && address < SPACE_END;
  }

  private @org.checkerframework.checker.nullness.qual.Nullable Device device(int address) {
    int off = address - BASE;
    if (off < 0 || off >= blocks.length << 8) {
      return null;
    }
    return blocks[off >>> 8];
  }

  @Override
  public boolean read(Cpu cpu, int address, int size, int[] out) {
    Device d = device(address);
    if (d == null || size != 4 || (address & 3) != 0) {
      return false;
    }
    Integer v = d.read(cpu, (address - BASE) & 0xff);
    if (v == null) {
      return false;
    }
    out[0] = v;
    return true;
  }

  @Override
  public boolean write(Cpu cpu, int address, int size, int value) {
    Device d = device(address);
    if (d == null || size != 4 || (address & 3) != 0) {
      return false;
    }
    return d.write(cpu, (address - BASE) & 0xff, value);
  }
}
