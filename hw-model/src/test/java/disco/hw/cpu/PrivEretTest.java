package disco.hw.cpu;

import static disco.hw.cpu.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * ERET, and the LL/SC link. Vol. II ERET: returns to ErrorEPC clearing ERL if ERL=1, else to EPC
 * clearing EXL; clears LLbit; "ERET does not execute the next instruction (i.e., it has no delay
 * slot)". Vol. II SC: the store happens only if LLbit is set; rt receives LLbit; the address is
 * translated and checked (exceptions as for SW) whether or not the store happens.
 */
class PrivEretTest {
  private static final int TARGET = Rig.KCODE + 0x100;

  @Test
  void eretReturnsToEpcClearingExl() {
    Rig m = new Rig().status(Cp0.ST_EXL);
    m.cpu.writeCp0(C0_EPC, 0, TARGET);
    m.code(Rig.KCODE, eret(), ori(T3, ZERO, 1)).code(TARGET, ori(T2, ZERO, 2)).at(Rig.KCODE).run(1);
    assertEquals(TARGET, m.cpu.pc());
    assertFalse(m.exl());
    assertFalse(m.cpu.inDelaySlot(), "ERET has no delay slot");
    m.run(1);
    assertEquals(2, m.cpu.gpr(T2));
    assertEquals(0, m.cpu.gpr(T3), "the instruction after ERET never ran");
  }

  @Test
  void eretWithErlReturnsToErrorEpcAndKeepsExl() {
    Rig m = new Rig().status(Cp0.ST_ERL | Cp0.ST_EXL);
    m.cpu.writeCp0(C0_EPC, 0, Rig.KCODE + 0x200);
    m.cpu.writeCp0(C0_ERROREPC, 0, TARGET);
    m.code(Rig.KCODE, eret()).at(Rig.KCODE).run(1);
    assertEquals(TARGET, m.cpu.pc());
    assertFalse(m.erl());
    assertTrue(m.exl(), "only ERL is cleared");
  }

  @Test
  void eretFromResetState() {
    // Reset leaves ERL=1 (Vol. III, "Reset Exception"): ERET goes to ErrorEPC.
    Rig m = new Rig();
    m.cpu.writeCp0(C0_ERROREPC, 0, TARGET);
    m.code(0xbfc0_0000, eret()).run(1);
    assertEquals(TARGET, m.cpu.pc());
    assertEquals(Cp0.ST_BEV, m.cpu.cp0().status());
  }

  @Test
  void eretDropsToUserMode() {
    Rig m = new Rig().mapUser().status(Rig.KSU_USER | Cp0.ST_EXL);
    m.cpu.writeCp0(C0_EPC, 0, Rig.UCODE);
    m.userCode(0, ori(T0, ZERO, 3));
    m.code(Rig.KCODE, eret()).at(Rig.KCODE).run(1);
    assertFalse(m.cpu.kernelMode());
    m.run(1);
    assertEquals(3, m.cpu.gpr(T0));
    assertFalse(m.exl());
  }

  @Test
  void scAfterLlSucceeds() {
    Rig m = new Rig().kernel().gpr(T1, Rig.KDATA).gpr(T2, 0x77);
    m.code(Rig.KCODE, ll(T0, 0, T1), sc(T2, 0, T1)).at(Rig.KCODE).run(2);
    assertEquals(1, m.cpu.gpr(T2));
    assertEquals(0x77, m.mem.loadWord(Rig.KDATA & 0x1fff_ffff));
  }

  @Test
  void eretBreaksTheLink() {
    Rig m = new Rig().kernel().gpr(T1, Rig.KDATA).gpr(T2, 0x77);
    m.mem.storeWord(Rig.KDATA & 0x1fff_ffff, 0x1234);
    m.code(Rig.KCODE, ll(T0, 0, T1), mtc0(T3, C0_EPC), mfc0(K0, C0_STATUS), ori(K0, K0, 2),
        mtc0(K0, C0_STATUS), eret());
    m.code(TARGET, sc(T2, 0, T1));
    m.gpr(T3, TARGET).at(Rig.KCODE).run(6);
    assertEquals(0x1234, m.cpu.gpr(T0));
    assertTrue(m.cpu.pc() == TARGET && !m.cpu.llBit(), "ERET cleared LLbit");
    m.run(1);
    assertEquals(0, m.cpu.gpr(T2), "SC after ERET fails");
    assertEquals(0x1234, m.mem.loadWord(Rig.KDATA & 0x1fff_ffff), "and stores nothing");
  }

  @Test
  void anExceptionAndItsEretBreakTheLink() {
    // The usual way a link dies: an interrupt or syscall between LL and SC, returned from by ERET.
    Rig m = new Rig().kernel().gpr(T1, Rig.KDATA).gpr(T2, 0x77);
    m.code(0x8000_0180, mfc0(K0, C0_EPC), addiu(K0, K0, 4), mtc0(K0, C0_EPC), eret());
    m.code(Rig.KCODE, ll(T0, 0, T1), syscall(), sc(T2, 0, T1)).at(Rig.KCODE).run(2 + 4 + 1);
    assertEquals(0, m.cpu.gpr(T2));
    assertEquals(0, m.mem.loadWord(Rig.KDATA & 0x1fff_ffff));
  }

  @Test
  void failingScStillTranslatesItsAddress() {
    // SC's pseudocode translates vAddr before looking at LLbit: an unmapped address is a TLB
    // refill on store even when the SC would fail.
    Rig m = new Rig().kernel().gpr(T1, 0x0044_0000).gpr(T2, 0x77);
    m.code(Rig.KCODE, sc(T2, 0, T1)).at(Rig.KCODE).run(1);
    assertEquals(ExcCode.TLBS, m.excCode());
    assertEquals(0x0044_0000, m.cpu.cp0().badVAddr());
    assertEquals(0x77, m.cpu.gpr(T2), "rt not written by the faulting SC");
  }

  @Test
  void failingScChecksAlignment() {
    Rig m = new Rig().kernel().gpr(T1, Rig.KDATA + 2).gpr(T2, 0x77);
    m.code(Rig.KCODE, sc(T2, 0, T1)).at(Rig.KCODE).run(1);
    assertEquals(ExcCode.ADES, m.excCode());
    assertEquals(0x77, m.cpu.gpr(T2));
  }

  @Test
  void supervisorResumeBreaksTheLinkAsEretDoes() {
    // Cpu.resume stands for the ERET of a handler written in Java, so it clears LLbit too.
    Rig m = new Rig().kernel().gpr(T1, Rig.KDATA).gpr(T2, 0x77);
    m.cpu.setSupervisor((cpu, code) -> cpu.resume(cpu.cp0().epc() + 4));
    m.code(Rig.KCODE, ll(T0, 0, T1), syscall(), sc(T2, 0, T1)).at(Rig.KCODE).run(3);
    assertFalse(m.exl());
    assertEquals(0, m.cpu.gpr(T2), "SC after a handled exception fails");
    assertEquals(0, m.mem.loadWord(Rig.KDATA & 0x1fff_ffff));
  }
}
