package disco.hw.cpu;

import static disco.hw.cpu.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * CP0 register write masks and reset values, written by MTC0 and read by MFC0 (Vol. III, chapter
 * 9 "CP0 Registers": each field's Read/Write column, and "Reset Exception" for the reset values).
 */
class PrivCp0RegisterTest {
  /** MTC0 value to register (reg, sel), then MFC0 it back, from kernel code. */
  private static int writeRead(Rig m, int reg, int sel, int value) {
    m.code(Rig.KCODE, lui(T0, value >>> 16), ori(T0, T0, value), mtc0(T0, reg, sel), mfc0(T1, reg, sel))
        .at(Rig.KCODE).run(4);
    return m.cpu.gpr(T1);
  }

  @Test
  void resetState() {
    Rig m = new Rig();
    assertEquals(0xbfc0_0000, m.cpu.pc());
    assertEquals(Cp0.ST_BEV | Cp0.ST_ERL, m.cpu.cp0().status());
    assertEquals(0, m.cp0(C0_WIRED));
    assertEquals(Rig.TLB_SIZE - 1, m.cp0(C0_RANDOM));
    assertEquals(0x8000_0000, m.cpu.readCp0(15, 1), "EBase of CPU 0");
    assertEquals(Rig.TLB_SIZE - 1, (m.cpu.readCp0(16, 1) >>> 25) & 63, "Config1.MMUSize-1");
    assertEquals(1, (m.cpu.readCp0(16, 0) >>> 10) & 7, "Config.AR = Release 2");
    assertEquals(1, (m.cpu.readCp0(16, 0) >>> 7) & 7, "Config.MT = standard TLB");
    assertEquals(1 << 15, m.cpu.readCp0(16, 0) & (1 << 15), "Config.BE on a big-endian machine");
    assertEquals(0, new Rig(disco.hw.Endianness.LITTLE).cpu.readCp0(16, 0) & (1 << 15));
  }

  @Test
  void reverseEndianIsNotImplementedSoReadsZero() {
    // Status.RE: "If this bit is not implemented, it must be ignored on write and read as zero."
    // This CPU has no reverse-endian user mode.
    Rig m = new Rig().kernel();
    int v = writeRead(m, C0_STATUS, 0, Cp0.ST_RE | Cp0.ST_CU0);
    assertEquals(Cp0.ST_CU0, v);
  }

  @Test
  void onlyTheCuBitsOfCoprocessorsThatExistCanBeSet() {
    // Status.CU3..CU0: "If there is no provision for connecting a coprocessor, the corresponding CU
    // bit must be ignored on write and read as zero." CP0 and the FPU exist; CP2 and CP3 do not
    // (guests/conformance's cop program; QEMU's 24Kf reads 3 as well).
    Rig m = new Rig().kernel();
    assertEquals(Cp0.ST_CU0 | Cp0.ST_CU1, writeRead(m, C0_STATUS, 0, 0xf000_0000));
    assertEquals(0, writeRead(m, C0_STATUS, 0, 0xc000_0000));
  }

  @Test
  void tsSrAndNmiCanBeClearedButNotSet() {
    // Status.TS, SR, NMI: "Software writes to this bit may not cause a 0-1 transition."
    Rig m = new Rig().kernel();
    assertEquals(0, writeRead(m, C0_STATUS, 0, Cp0.ST_TS | Cp0.ST_SR | Cp0.ST_NMI));
    // A machine check sets TS; software may clear it.
    m.map(4, 0x0050_0000, 0, 0, Rig.V, 0, Rig.V, 0);
    m.code(Rig.KCODE, lui(T0, 0x50), mtc0(T0, C0_ENTRYHI), ori(T0, ZERO, 5), mtc0(T0, C0_INDEX), tlbwi())
        .at(Rig.KCODE).run(5);
    assertEquals(ExcCode.MCHECK, m.excCode());
    assertTrue((m.cpu.cp0().status() & Cp0.ST_TS) != 0);
    assertEquals(Cp0.ST_EXL | Cp0.ST_TS, writeRead(m, C0_STATUS, 0, Cp0.ST_EXL | Cp0.ST_TS));
    assertEquals(Cp0.ST_EXL, writeRead(m, C0_STATUS, 0, Cp0.ST_EXL));
  }

  @Test
  void causeOnlySoftwareInterruptsIvAndDcAreWritable() {
    Rig m = new Rig().kernel();
    assertEquals((3 << 8) | Cp0.CAUSE_IV | Cp0.CAUSE_DC, writeRead(m, C0_CAUSE, 0, -1));
    assertEquals(0, writeRead(m, C0_CAUSE, 0, 0));
  }

  @Test
  void contextBadVpn2IsReadOnly() {
    Rig m = new Rig().kernel();
    assertEquals(0xff80_0000, writeRead(m, C0_CONTEXT, 0, -1));
  }

  @Test
  void indexProbeBitIsReadOnlyAndIndexWraps() {
    Rig m = new Rig().kernel();
    assertEquals(3, writeRead(m, C0_INDEX, 0, 0x8000_0003));
  }

  @Test
  void entryHiAndEntryLoMasks() {
    Rig m = new Rig().kernel();
    assertEquals(0xffff_e0ff, writeRead(m, C0_ENTRYHI, 0, -1));
    assertEquals(0x3fff_ffff, writeRead(m, C0_ENTRYLO0, 0, -1));
    assertEquals(0x3fff_ffff, writeRead(m, C0_ENTRYLO1, 0, -1));
    assertEquals(0x1fff_e000, writeRead(m, C0_PAGEMASK, 0, -1));
  }

  @Test
  void ebaseKeepsCpuNumAndTheTopBits() {
    Rig m = new Rig().kernel();
    assertEquals(0x8123_4000, writeRead(m, 15, 1, 0x0123_4fff));
    assertEquals(0x0001_9301, writeRead(m, 15, 0, 0), "PRId is read-only");
  }

  @Test
  void badVAddrIsReadOnly() {
    Rig m = new Rig().kernel();
    assertEquals(0, writeRead(m, C0_BADVADDR, 0, 0x1234_5678));
  }

  @Test
  void configOnlyK0IsWritable() {
    Rig m = new Rig().kernel();
    int before = m.cpu.readCp0(16, 0);
    assertEquals((before & ~7) | 3, writeRead(m, 16, 0, 3));
    assertEquals(before & ~7, writeRead(m, 16, 0, 0xffff_fff8));
  }

  @Test
  void countIsWritableAndCounts() {
    Rig m = new Rig().kernel();
    assertEquals(0x1234_5678, writeRead(m, C0_COUNT, 0, 0x1234_5678) - 1, "one instruction later");
  }
}
