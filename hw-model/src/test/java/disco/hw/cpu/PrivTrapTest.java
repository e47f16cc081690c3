package disco.hw.cpu;

import static disco.hw.cpu.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Instruction-raised exceptions. Vol. II ADD/ADDI/SUB: "if the addition results in 32-bit 2's
 * complement arithmetic overflow, the destination register is not modified and an Integer Overflow
 * exception occurs" (ExcCode Ov = 12); the trap instructions (TEQ, TNE, TGE, TGEU, TLT, TLTU and
 * the immediate forms, whose immediate is sign-extended even for the unsigned compares) raise Tr
 * (13); SYSCALL Sys (8); BREAK Bp (9); encodings marked reserved in the opcode tables of appendix
 * A raise RI (10). EPC names the instruction itself (Vol. III, 6.2.x for each).
 */
class PrivTrapTest {
  private static Rig exec(int insn, int rsValue, int rtValue) {
    Rig m = new Rig().kernel().gpr(T1, rsValue).gpr(T2, rtValue).gpr(T0, 0x5a5a);
    return m.code(Rig.KCODE, insn).at(Rig.KCODE).run(1);
  }

  private static void assertRaised(Rig m, int code) {
    assertEquals(code, m.excCode(), ExcCode.name(m.excCode()));
    assertEquals(Rig.KCODE, m.cpu.cp0().epc());
    assertEquals(0x8000_0180, m.cpu.pc());
  }

  private static void assertNotRaised(Rig m) {
    assertFalse(m.exl(), () -> ExcCode.name(m.excCode()));
    assertEquals(Rig.KCODE + 4, m.cpu.pc());
  }

  @Test
  void addOverflowLeavesTheDestination() {
    Rig m = exec(add(T0, T1, T2), 0x7fff_ffff, 1);
    assertRaised(m, ExcCode.OV);
    assertEquals(0x5a5a, m.cpu.gpr(T0));
    assertRaised(exec(add(T0, T1, T2), 0x8000_0000, -1), ExcCode.OV);
  }

  @Test
  void addWithoutOverflow() {
    Rig m = exec(add(T0, T1, T2), 0x7fff_fffe, 1);
    assertNotRaised(m);
    assertEquals(0x7fff_ffff, m.cpu.gpr(T0));
    assertNotRaised(exec(add(T0, T1, T2), 0x8000_0000, 0x7fff_ffff));
  }

  @Test
  void adduNeverTraps() {
    Rig m = exec(addu(T0, T1, T2), 0x7fff_ffff, 1);
    assertNotRaised(m);
    assertEquals(0x8000_0000, m.cpu.gpr(T0));
  }

  @Test
  void addiOverflow() {
    Rig m = exec(addi(T0, T1, 1), 0x7fff_ffff, 0);
    assertRaised(m, ExcCode.OV);
    assertEquals(0x5a5a, m.cpu.gpr(T0));
    assertRaised(exec(addi(T0, T1, -1), 0x8000_0000, 0), ExcCode.OV);
    assertNotRaised(exec(addi(T0, T1, -1), 0x7fff_ffff, 0));
    assertNotRaised(exec(addiu(T0, T1, 1), 0x7fff_ffff, 0));
  }

  @Test
  void subOverflow() {
    Rig m = exec(sub(T0, T1, T2), 0x8000_0000, 1);
    assertRaised(m, ExcCode.OV);
    assertEquals(0x5a5a, m.cpu.gpr(T0));
    assertRaised(exec(sub(T0, T1, T2), 0x7fff_ffff, -1), ExcCode.OV);
    Rig ok = exec(sub(T0, T1, T2), 0, 0x8000_0001);
    assertNotRaised(ok);
    assertEquals(0x7fff_ffff, ok.cpu.gpr(T0));
    assertRaised(exec(sub(T0, T1, T2), 0, 0x8000_0000), ExcCode.OV);
  }

  @Test
  void registerTraps() {
    assertRaised(exec(teq(T1, T2), 5, 5), ExcCode.TR);
    assertNotRaised(exec(teq(T1, T2), 5, 6));
    assertRaised(exec(tne(T1, T2), 5, 6), ExcCode.TR);
    assertNotRaised(exec(tne(T1, T2), 5, 5));
    assertRaised(exec(tge(T1, T2), -1, -1), ExcCode.TR);
    assertNotRaised(exec(tge(T1, T2), -1, 1));
    assertRaised(exec(tgeu(T1, T2), -1, 1), ExcCode.TR);
    assertNotRaised(exec(tgeu(T1, T2), 1, -1));
    assertRaised(exec(tlt(T1, T2), -1, 1), ExcCode.TR);
    assertNotRaised(exec(tlt(T1, T2), 1, 1));
    assertRaised(exec(tltu(T1, T2), 1, -1), ExcCode.TR);
    assertNotRaised(exec(tltu(T1, T2), -1, 1));
  }

  @Test
  void immediateTraps() {
    assertRaised(exec(teqi(T1, -3), -3, 0), ExcCode.TR);
    assertNotRaised(exec(teqi(T1, -3), 0xfffd, 0));
    assertRaised(exec(tnei(T1, 7), 8, 0), ExcCode.TR);
    assertNotRaised(exec(tnei(T1, 7), 7, 0));
    assertRaised(exec(tgei(T1, -1), 0, 0), ExcCode.TR);
    assertNotRaised(exec(tgei(T1, 1), -5, 0));
    // TLTIU: the immediate is sign-extended, then compared unsigned: -1 is 0xFFFFFFFF.
    assertRaised(exec(tltiu(T1, -1), 0x8000_0000, 0), ExcCode.TR);
    assertNotRaised(exec(tltiu(T1, 0x10), 0x8000_0000, 0));
  }

  @Test
  void syscallAndBreak() {
    assertRaised(exec(syscall(), 0, 0), ExcCode.SYS);
    assertRaised(exec(syscall() | (0x12345 << 6), 0, 0), ExcCode.SYS);
    assertRaised(exec(brk(), 0, 0), ExcCode.BP);
    assertRaised(exec(brk() | (0x3ff << 16), 0, 0), ExcCode.BP);
  }

  /** Reserved in MIPS32 Release 2 (Vol. II appendix A, tables A.2-A.x). */
  @ParameterizedTest
  @ValueSource(ints = {
    0x18 << 26, 0x19 << 26, 0x1a << 26, 0x1b << 26, // 64-bit DADDI, DADDIU, LDL, LDR
    0x1d << 26, 0x1e << 26, // JALX (no MIPS16/microMIPS), reserved
    0x27 << 26, 0x2c << 26, 0x2d << 26, 0x34 << 26, 0x37 << 26, 0x3c << 26, 0x3f << 26, // LWU, SDL...
    0x0000_0005, 0x0000_000e, 0x0000_0014, 0x0000_001c, 0x0000_0028, 0x0000_0035, 0x0000_003f, // SPECIAL
    (0x01 << 26) | (0x04 << 16), (0x01 << 26) | (0x1c << 16), // REGIMM
    (0x1c << 26) | 0x03, (0x1c << 26) | 0x10, // SPECIAL2
    (0x1f << 26) | 0x01, (0x1f << 26) | (0x20) | (0x05 << 6), // SPECIAL3, BSHFL
    (0x10 << 26) | (1 << 25) | 0x3f, (0x10 << 26) | (1 << 25) | 0x1f, // COP0 CO: ?, DERET
    (0x10 << 26) | (0x01 << 21), (0x10 << 26) | (0x05 << 21), // DMFC0, DMTC0
  })
  void reservedEncodings(int insn) {
    Rig m = exec(insn, Rig.KDATA, Rig.KDATA);
    assertRaised(m, ExcCode.RI);
    assertEquals(0x5a5a, m.cpu.gpr(T0));
  }

  @Test
  void rdhwrOutsideKernelNeedsHwrEna() {
    int rdhwrCc = (0x1f << 26) | (T0 << 16) | (2 << 11) | 0x3b; // RDHWR t0, $2 (CC)
    Rig m = new Rig().mapUser().status(Rig.KSU_USER);
    m.userCode(0, rdhwrCc).at(Rig.UCODE).run(1);
    assertEquals(ExcCode.RI, m.excCode());
    Rig ok = new Rig().mapUser();
    ok.cpu.writeCp0(7, 0, 1 << 2);
    ok.status(Rig.KSU_USER).userCode(0, rdhwrCc).at(Rig.UCODE).run(1);
    assertFalse(ok.exl());
  }
}
