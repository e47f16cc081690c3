package disco.hw.cpu;

import static disco.hw.cpu.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Coprocessor Unusable. Vol. III, 6.2.x "Coprocessor Unusable Exception" and the Status.CU
 * fields: a CP0 instruction outside kernel mode with CU0=0, or any instruction of coprocessor n
 * with CUn=0, raises CpU with Cause.CE = n. Kernel mode may always use CP0.
 */
class PrivCoprocessorUnusableTest {
  private static Rig user(int extraStatus, int insn) {
    return mode(Rig.KSU_USER | extraStatus, insn);
  }

  private static Rig mode(int status, int insn) {
    Rig m = new Rig().mapUser().status(status);
    m.userCode(0, insn).gpr(T0, 0x5a5a).gpr(T1, Rig.UDATA).at(Rig.UCODE);
    return m.run(1);
  }

  private static void assertCpU(Rig m, int ce, int epc) {
    assertEquals(ExcCode.CPU, m.excCode());
    assertEquals(ce, m.ce(), "Cause.CE");
    assertEquals(epc, m.cpu.cp0().epc());
    assertEquals(0x8000_0180, m.cpu.pc());
  }

  @ParameterizedTest
  @ValueSource(ints = {Rig.KSU_USER, Rig.KSU_SUPERVISOR})
  void cp0InstructionsOutsideKernelModeWithoutCu0(int ksu) {
    int[] insns = {mfc0(T0, C0_STATUS), mtc0(T0, C0_STATUS), tlbwi(), tlbr(), tlbp(), tlbwr(), eret(),
      waitInsn(), di(T0), ei(T0)};
    for (int insn : insns) {
      Rig m = mode(ksu, insn);
      assertCpU(m, 0, Rig.UCODE);
      assertEquals(0x5a5a, m.cpu.gpr(T0));
    }
  }

  @Test
  void cacheInstructionIsPrivilegedToo() {
    int cache = (0x2f << 26) | (T1 << 21) | (0x15 << 16); // CACHE 0x15, 0(t1)
    assertCpU(user(0, cache), 0, Rig.UCODE);
  }

  @Test
  void cu0LetsUserModeUseCp0() {
    Rig m = user(Cp0.ST_CU0, mfc0(T0, C0_STATUS));
    assertFalse(m.exl());
    assertEquals(Rig.KSU_USER | Cp0.ST_CU0, m.cpu.gpr(T0));
  }

  @Test
  void kernelModeIgnoresCu0() {
    Rig m = new Rig().kernel();
    m.code(Rig.KCODE, mfc0(T0, C0_STATUS), mfc0(T1, 15, 1)).at(Rig.KCODE).run(2);
    assertFalse(m.exl());
    assertEquals(0, m.cpu.gpr(T0));
    assertEquals(0x8000_0000, m.cpu.gpr(T1), "EBase");
  }

  @Test
  void fpuInstructionsWithoutCu1InUserMode() {
    for (int insn : new int[] {mfc1(T0, 2), lwc1(2, 0, T1), (0x11 << 26) | (0x10 << 21) /* add.s */,
        (0x3d << 26) | (T1 << 21) /* sdc1 */, r(0, 0, T0, 0, 0x01) /* movf */}) {
      Rig m = user(0, insn);
      assertCpU(m, 1, Rig.UCODE);
      assertEquals(0x5a5a, m.cpu.gpr(T0));
    }
  }

  @Test
  void fpuInstructionsWithoutCu1InKernelMode() {
    // CU1 gates the FPU in every mode, kernel included.
    Rig m = new Rig().kernel();
    m.code(Rig.KCODE, mfc1(T0, 0)).at(Rig.KCODE).run(1);
    assertCpU(m, 1, Rig.KCODE);
  }

  @Test
  void cu1LetsTheFpuRun() {
    Rig m = new Rig().status(Cp0.ST_CU1);
    m.code(Rig.KCODE, mfc1(T0, 0)).at(Rig.KCODE).run(1);
    assertFalse(m.exl());
    assertEquals(Rig.KCODE + 4, m.cpu.pc());
  }

  @Test
  void cop2InstructionsAreUnusableWithCe2() {
    for (int insn : new int[] {cop2(0x123), lwc2(1, 0, T1), (0x3a << 26) | (T1 << 21) /* swc2 */,
        (0x12 << 26) /* mfc2 */}) {
      Rig m = user(0, insn);
      assertCpU(m, 2, Rig.UCODE);
      Rig k = new Rig().kernel();
      k.code(Rig.KCODE, insn).at(Rig.KCODE).gpr(T1, Rig.KDATA).run(1);
      assertCpU(k, 2, Rig.KCODE);
    }
  }

  @Test
  void ceIsRewrittenByEachCpU() {
    Rig m = user(0, cop2(1));
    assertEquals(2, m.ce());
    m.status(Rig.KSU_USER).userCode(0, mfc0(T0, C0_STATUS)).at(Rig.UCODE).run(1);
    assertCpU(m, 0, Rig.UCODE);
  }
}
