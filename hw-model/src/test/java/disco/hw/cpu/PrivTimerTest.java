package disco.hw.cpu;

import static disco.hw.cpu.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Count/Compare and interrupts. Vol. III, "Count Register (CP0 Register 9)" and "Compare Register
 * (CP0 Register 11)": when Count equals Compare the timer interrupt is requested (Cause.TI, and
 * Cause.IP7 where IntCtl.IPTI = 7); writing Compare clears it. 6.1 "Interrupts": an interrupt is
 * taken when IE=1, EXL=0, ERL=0 and the line is unmasked in Status.IM; EPC then names the first
 * instruction not executed. Vol. II WAIT: execution resumes at the interrupt, and "EPC for the
 * interrupt points at the instruction following the WAIT". Cause.DC stops Count.
 */
class PrivTimerTest {
  private static final int IM7 = 1 << 15;
  private static final int IP7 = 1 << 15;

  /** Kernel code of 40 counting instructions, Count = 100, Compare = 105, the given Status. */
  private static Rig timer(int status) {
    Rig m = new Rig().status(status);
    for (int k = 0; k < 40; k++) {
      m.code(Rig.KCODE + 4 * k, addiu(S0, S0, 1));
    }
    m.cpu.writeCp0(C0_COUNT, 0, 100);
    m.cpu.writeCp0(C0_COMPARE, 0, 105);
    return m.at(Rig.KCODE);
  }

  private static boolean ti(Rig m) {
    return (m.cpu.cp0().cause() & Cp0.CAUSE_TI) != 0;
  }

  @Test
  void countAdvancesOncePerInstructionAndTiRisesAtCompare() {
    Rig m = timer(0);
    m.run(4);
    assertEquals(104, m.cp0(C0_COUNT));
    assertFalse(ti(m));
    assertEquals(0, m.cpu.cp0().cause() & IP7);
    m.run(1);
    assertEquals(105, m.cp0(C0_COUNT));
    assertTrue(ti(m), "Cause.TI");
    assertEquals(IP7, m.cpu.cp0().cause() & IP7, "Cause.IP7");
    m.run(10);
    assertFalse(m.exl(), "IE=0: not taken");
    assertEquals(15, m.cpu.gpr(S0));
  }

  @Test
  void timerInterruptIsTakenWithIeAndIm7() {
    Rig m = timer(Cp0.ST_IE | IM7);
    m.run(6);
    assertEquals(ExcCode.INT, m.excCode());
    assertEquals(0x8000_0180, m.cpu.pc());
    assertEquals(5, m.cpu.gpr(S0));
    assertEquals(Rig.KCODE + 20, m.cpu.cp0().epc(), "EPC names the next unexecuted instruction");
    assertTrue(m.exl());
  }

  @Test
  void timerInterruptIsHeldOffByExlErlIeAndIm() {
    int[] blocked = {IM7 | Cp0.ST_IE | Cp0.ST_EXL, IM7 | Cp0.ST_IE | Cp0.ST_ERL, IM7,
      Cp0.ST_IE | (0x7f << 8)};
    for (int status : blocked) {
      Rig m = timer(status);
      m.run(20);
      assertEquals(20, m.cpu.gpr(S0), String.format("Status %08x", status));
      assertTrue(ti(m));
      assertEquals(Rig.KCODE + 80, m.cpu.pc());
      // Enabling it now takes the pending interrupt before the next instruction.
      m.cpu.writeCp0(C0_STATUS, 0, Cp0.ST_IE | IM7);
      m.run(1);
      assertEquals(ExcCode.INT, m.excCode());
      assertEquals(Rig.KCODE + 80, m.cpu.cp0().epc());
      assertEquals(20, m.cpu.gpr(S0));
    }
  }

  @Test
  void writingCompareClearsTheTimerInterrupt() {
    Rig m = timer(0);
    m.run(6);
    assertTrue(ti(m));
    m.code(Rig.KCODE + 24, mtc0(ZERO, C0_COMPARE));
    m.run(1);
    assertFalse(ti(m));
    assertEquals(0, m.cpu.cp0().cause() & IP7);
  }

  @Test
  void handlerAcknowledgesAndReturns() {
    Rig m = timer(Cp0.ST_IE | IM7);
    // handler: Compare = Count + 1000 (acknowledges), then ERET
    m.code(0x8000_0180, mfc0(K0, C0_COUNT), addiu(K0, K0, 1000), mtc0(K0, C0_COMPARE), eret());
    m.run(5 + 1 + 4 + 10);
    assertFalse(m.exl());
    assertEquals(15, m.cpu.gpr(S0), "every counting instruction ran exactly once");
    assertFalse(ti(m));
  }

  @Test
  void waitWakesAtTheTimerInterrupt() {
    Rig m = new Rig().status(Cp0.ST_IE | IM7);
    m.code(Rig.KCODE, waitInsn(), ori(T0, ZERO, 1));
    m.cpu.writeCp0(C0_COUNT, 0, 0);
    m.cpu.writeCp0(C0_COMPARE, 0, 5000);
    long cyclesBefore = m.cpu.cycles();
    m.at(Rig.KCODE).run(2);
    assertEquals(ExcCode.INT, m.excCode());
    assertEquals(Rig.KCODE + 4, m.cpu.cp0().epc(), "EPC names the instruction after WAIT");
    assertEquals(0x8000_0180, m.cpu.pc());
    assertEquals(0, m.cpu.gpr(T0));
    assertEquals(5000, m.cp0(C0_COUNT));
    assertTrue(m.cpu.cycles() - cyclesBefore >= 5000, "the idle time was accounted");
    assertFalse(m.cpu.waiting());
  }

  @Test
  void waitWithNothingToWakeItStops() {
    Rig m = new Rig().status(Cp0.ST_IE);
    m.code(Rig.KCODE, waitInsn(), ori(T0, ZERO, 1)).at(Rig.KCODE);
    assertEquals(1, m.cpu.run(100));
    assertTrue(m.cpu.waiting());
    assertEquals(0, m.cpu.gpr(T0));
    // An external interrupt wakes it.
    m.cpu.writeCp0(C0_STATUS, 0, Cp0.ST_IE | (1 << 10));
    m.cpu.setInterruptLine(2, true);
    m.run(1);
    assertEquals(ExcCode.INT, m.excCode());
    assertEquals(Rig.KCODE + 4, m.cpu.cp0().epc());
  }

  @Test
  void waitOnAJustAcknowledgedTimerSleepsAFullCountPeriod() {
    // Count == Compare with TI clear (Compare was just written): the next match is 2^32 counts away.
    Rig m = new Rig().status(IM7);
    m.code(Rig.KCODE, waitInsn(), nop()).at(Rig.KCODE);
    m.run(1);
    assertTrue(m.cpu.waiting());
    int count = m.cp0(C0_COUNT);
    m.cpu.writeCp0(C0_COMPARE, 0, count);
    long cycles = m.cpu.cycles();
    m.run(1);
    assertEquals(1L << 32, m.cpu.cycles() - cycles - 1, "2^32 idle cycles, then the nop");
    assertTrue(ti(m));
  }

  @Test
  void intCtlSaysTheTimerIsOnIp7() {
    // IntCtl.IPTI (bits 31..29) names the IP bit the timer is merged into; here IP7.
    Rig m = new Rig();
    assertEquals(7, m.cpu.readCp0(12, 1) >>> 29);
    m.cpu.writeCp0(12, 1, 0);
    assertEquals(7, m.cpu.readCp0(12, 1) >>> 29, "IPTI is read-only");
  }

  @Test
  void deassertingHardwareLine5KeepsThePendingTimer() {
    // IP7 is the OR of hardware interrupt 5 and the timer (Vol. III, Cause.IP7 / Cause.TI).
    Rig m = timer(0);
    m.run(6);
    assertTrue(ti(m));
    m.cpu.setInterruptLine(7, true);
    m.cpu.setInterruptLine(7, false);
    assertEquals(IP7, m.cpu.cp0().cause() & IP7, "the timer still requests IP7");
  }

  @Test
  void writingCompareKeepsAnAssertedHardwareLine5() {
    Rig m = timer(0);
    m.cpu.setInterruptLine(7, true);
    m.run(6);
    m.cpu.writeCp0(C0_COMPARE, 0, 0);
    assertFalse(ti(m));
    assertEquals(IP7, m.cpu.cp0().cause() & IP7, "the device still requests IP7");
    m.cpu.setInterruptLine(7, false);
    assertEquals(0, m.cpu.cp0().cause() & IP7);
  }

  @Test
  void causeDcStopsCount() {
    Rig m = timer(0);
    m.cpu.writeCp0(C0_CAUSE, 0, 1 << 27); // DC
    m.run(10);
    assertEquals(100, m.cp0(C0_COUNT));
    assertFalse(ti(m));
    m.cpu.writeCp0(C0_CAUSE, 0, 0);
    m.run(5);
    assertEquals(105, m.cp0(C0_COUNT));
    assertTrue(ti(m));
  }

  @Test
  void hardwareInterruptLines() {
    Rig m = timer(Cp0.ST_IE | (1 << 12)); // IM4
    m.run(2);
    m.cpu.setInterruptLine(3, true); // IP3: masked
    m.run(2);
    assertFalse(m.exl());
    m.cpu.setInterruptLine(4, true);
    m.run(1);
    assertEquals(ExcCode.INT, m.excCode());
    assertEquals((1 << 11) | (1 << 12), m.cpu.cp0().cause() & (0xff << 8));
    assertEquals(Rig.KCODE + 16, m.cpu.cp0().epc());
  }
}
