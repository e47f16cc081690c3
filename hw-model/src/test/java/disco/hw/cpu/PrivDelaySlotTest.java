package disco.hw.cpu;

import static disco.hw.cpu.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Exceptions in branch delay slots. Vol. III, 6.2.1 "General Exception Processing": when the
 * exception is in a branch delay slot, EPC holds the address of the branch and Cause.BD is 1;
 * otherwise EPC holds the faulting instruction and BD is 0. Vol. II, the branch-likely
 * instructions (e.g. BEQL): when not taken, the delay slot is nullified (not executed).
 */
class PrivDelaySlotTest {
  private static final int B = Rig.KCODE;

  private static Rig kernelAt(int... code) {
    return new Rig().kernel().code(B, code).at(B);
  }

  private static void assertSlotException(Rig m, int branchAddress, int code) {
    assertEquals(code, m.excCode());
    assertTrue(m.bd(), "Cause.BD");
    assertEquals(branchAddress, m.cpu.cp0().epc(), "EPC names the branch");
    assertEquals(0x8000_0180, m.cpu.pc());
  }

  @Test
  void takenBranchSlot() {
    Rig m = kernelAt(beq(ZERO, ZERO, 8), syscall()).run(2);
    assertSlotException(m, B, ExcCode.SYS);
  }

  @Test
  void notTakenOrdinaryBranchStillHasADelaySlot() {
    Rig m = kernelAt(nop(), bne(ZERO, ZERO, 8), brk()).run(3);
    assertSlotException(m, B + 4, ExcCode.BP);
  }

  @Test
  void jrSlot() {
    Rig m = kernelAt(jr(T0), sw(T1, 0, T2)).gpr(T0, B + 0x100).gpr(T2, Rig.KDATA + 2).run(2);
    assertSlotException(m, B, ExcCode.ADES);
    assertEquals(Rig.KDATA + 2, m.cpu.cp0().badVAddr());
  }

  @Test
  void jalSlotKeepsTheLink() {
    Rig m = kernelAt(jal(B + 0x100), syscall()).run(2);
    assertSlotException(m, B, ExcCode.SYS);
    assertEquals(B + 8, m.cpu.gpr(RA));
  }

  @Test
  void jalrSlot() {
    Rig m = kernelAt(nop(), jalr(RA, T0), add(T1, T2, T2)).gpr(T0, B + 0x40).gpr(T2, 0x4000_0000);
    m.run(3);
    assertSlotException(m, B + 4, ExcCode.OV);
    assertEquals(B + 12, m.cpu.gpr(RA));
  }

  @Test
  void takenBranchLikelySlot() {
    Rig m = kernelAt(beql(ZERO, ZERO, 8), syscall()).run(2);
    assertSlotException(m, B, ExcCode.SYS);
  }

  @Test
  void instructionOutsideASlotHasBdClear() {
    Rig m = kernelAt(beq(ZERO, ZERO, 8), syscall()).run(2);
    assertTrue(m.bd());
    m.kernel(); // EXL=0 again: the next exception records BD afresh
    m.code(B + 0x40, syscall()).at(B + 0x40).run(1);
    assertFalse(m.bd());
    assertEquals(B + 0x40, m.cpu.cp0().epc());
  }

  @Test
  void instructionAtTheBranchTargetIsNotInASlot() {
    // beq +2: slot at B+4, target B+12. The target's exception has BD=0.
    Rig m = kernelAt(beq(ZERO, ZERO, 2), ori(T0, ZERO, 5), nop(), syscall()).run(3);
    assertEquals(ExcCode.SYS, m.excCode());
    assertFalse(m.bd());
    assertEquals(B + 12, m.cpu.cp0().epc());
    assertEquals(5, m.cpu.gpr(T0), "the slot ran before the target");
  }

  @Test
  void notTakenBranchLikelyNullifiesItsSlot() {
    int data = Rig.KDATA;
    Rig m = kernelAt(bnel(ZERO, ZERO, 8), sw(T0, 0, T1), ori(T2, ZERO, 7), syscall());
    m.gpr(T0, 0xdead).gpr(T1, data);
    m.mem.storeWord(data & 0x1fff_ffff, 0x1111);
    m.run(2);
    assertEquals(0x1111, m.mem.loadWord(data & 0x1fff_ffff), "the nullified store did not happen");
    assertEquals(7, m.cpu.gpr(T2));
    assertEquals(B + 12, m.cpu.pc());
    assertFalse(m.cpu.inDelaySlot());
  }

  @Test
  void nullifiedSlotRaisesNothing() {
    Rig m = kernelAt(bnel(ZERO, ZERO, 8), syscall(), ori(T2, ZERO, 7)).run(2);
    assertFalse(m.exl());
    assertEquals(7, m.cpu.gpr(T2));
  }

  @Test
  void notTakenBranchLikelyAndLinkStillLinks() {
    // BLTZALL (Vol. II): GPR[31] is written whether or not the branch is taken.
    Rig m = kernelAt(regimm(0x12, ZERO, 8), syscall(), nop());
    m.run(2);
    assertEquals(B + 8, m.cpu.gpr(RA));
    assertFalse(m.exl());
    assertEquals(B + 12, m.cpu.pc());
  }

  @Test
  void interruptBeforeASlotRestartsAtTheBranch() {
    // An interrupt between a branch and its slot: EPC = the branch, BD = 1, so ERET re-executes
    // the branch and the slot runs exactly once.
    Rig m = new Rig().status(Cp0.ST_IE | (1 << 8));
    m.code(0x8000_0180, eret());
    m.code(B, beq(ZERO, ZERO, 8), addiu(T0, T0, 1)).at(B);
    m.run(1);
    assertTrue(m.cpu.inDelaySlot());
    m.cpu.writeCp0(C0_CAUSE, 0, 1 << 8);
    m.run(1);
    assertSlotException(m, B, ExcCode.INT);
    assertEquals(0, m.cpu.gpr(T0));
    m.cpu.writeCp0(C0_CAUSE, 0, 0); // acknowledge
    m.run(1 + 2); // eret, beq, slot
    assertEquals(1, m.cpu.gpr(T0));
    assertEquals(B + 4 + 32, m.cpu.pc());
  }
}
