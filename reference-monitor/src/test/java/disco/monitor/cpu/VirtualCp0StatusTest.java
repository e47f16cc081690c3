package disco.monitor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Virtual Status as MTC0 leaves it: the CU bits of coprocessors the machine lacks (2 and 3) read as
 * zero, as they do on the machine's own CPU and on QEMU's 24Kf (guests/conformance, program cop);
 * CU0 and CU1 are kept.
 */
class VirtualCp0StatusTest {
  @Test
  void onlyTheCuBitsOfExistingCoprocessorsAreWritable() {
    VirtualCp0 cp0 = new VirtualCp0(64, 0, 0x0001_9300, new int[] {0x8000_0000, 0x8000_0000, 0, 0});
    assertEquals(true, cp0.write(12, 0, 0xf000_0000, 0));
    assertEquals(0x3000_0000, cp0.status() & 0xf000_0000);
    cp0.write(12, 0, 0x1000_0000, 0);
    assertEquals(0x1000_0000, cp0.status() & 0xf000_0000);
  }
}
