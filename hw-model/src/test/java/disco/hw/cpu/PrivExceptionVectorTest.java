package disco.hw.cpu;

import static disco.hw.cpu.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.hw.mem.Memory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exception entry: vector selection, and the CP0 state an exception records. MIPS32 Vol. III,
 * section 6.2 "Exception Vector Locations" (table "Exception Vectors": TLB Refill with EXL=0 at
 * base+0x000, all others at base+0x180, interrupts with Cause.IV=1 at base+0x200; base is EBase
 * when BEV=0 and 0xBFC00200 when BEV=1) and 6.2.1 "General Exception Processing" (EPC and Cause.BD
 * are written only when Status.EXL was 0), 6.2.8-6.2.10 for the TLB exceptions (BadVAddr,
 * Context.BadVPN2, EntryHi.VPN2 set; EntryHi.ASID unchanged).
 */
class PrivExceptionVectorTest {
  private static final int UNMAPPED = 0x1234_5678 & ~3; // kuseg, no TLB entry

  /** A load that misses the TLB, from kernel code, with the given Status. */
  private static Rig refillFrom(int status) {
    Rig m = new Rig().status(status).asid(0x25);
    m.cpu.writeCp0(C0_CONTEXT, 0, 0xc000_0000); // PTEBase
    m.code(Rig.KCODE, lw(T0, 0, T1)).gpr(T1, UNMAPPED).gpr(T0, 0x5555).at(Rig.KCODE);
    return m.run(1);
  }

  @Test
  void refillWithExlClearGoesToEBasePlusZero() {
    Rig m = refillFrom(0);
    assertEquals(0x8000_0000, m.cpu.pc());
    assertEquals(ExcCode.TLBL, m.excCode());
    assertEquals(Rig.KCODE, m.cpu.cp0().epc());
    assertFalse(m.bd());
    assertTrue(m.exl());
    assertEquals(0x5555, m.cpu.gpr(T0), "the faulting load wrote nothing");
  }

  @Test
  void refillRecordsBadVAddrContextAndEntryHiKeepingAsid() {
    Rig m = refillFrom(0);
    assertEquals(UNMAPPED, m.cpu.cp0().badVAddr());
    // Context: PTEBase (31..23) kept, BadVPN2 (22..4) = VA 31..13 (Vol. III, 9.x Context).
    assertEquals(0xc000_0000 | ((UNMAPPED >>> 13) << 4), m.cpu.cp0().context());
    // EntryHi: VPN2 = VA 31..13, ASID unchanged (Vol. III, EntryHi).
    assertEquals((UNMAPPED & 0xffff_e000) | 0x25, m.cpu.cp0().entryHi());
  }

  @Test
  void refillWithBevSetGoesToBootstrapVector() {
    Rig m = refillFrom(Cp0.ST_BEV);
    assertEquals(0xbfc0_0200, m.cpu.pc());
    assertEquals(ExcCode.TLBL, m.excCode());
  }

  @Test
  void refillFollowsAProgrammedEBase() {
    Rig m = new Rig().kernel();
    m.cpu.writeCp0(C0_EBASE, 1, 0x8004_0000);
    m.code(Rig.KCODE, sw(T0, 0, T1)).gpr(T1, UNMAPPED).at(Rig.KCODE).run(1);
    assertEquals(0x8004_0000, m.cpu.pc());
    assertEquals(ExcCode.TLBS, m.excCode());
  }

  @Test
  void refillWithExlSetGoesToGeneralVectorAndKeepsEpc() {
    Rig m = new Rig().status(Cp0.ST_EXL);
    m.cpu.writeCp0(C0_EPC, 0, 0x8000_1234);
    m.code(Rig.KCODE, nop(), lw(T0, 0, T1)).gpr(T1, UNMAPPED).at(Rig.KCODE + 4).run(1);
    assertEquals(0x8000_0180, m.cpu.pc());
    assertEquals(ExcCode.TLBL, m.excCode());
    assertEquals(0x8000_1234, m.cpu.cp0().epc(), "EPC is not written when EXL was already 1");
    assertEquals(UNMAPPED, m.cpu.cp0().badVAddr(), "BadVAddr is written whatever EXL");
  }

  @Test
  void exlSetKeepsBdAsItWas() {
    // First exception in a delay slot sets BD; a nested one with EXL=1 leaves BD alone.
    Rig m = new Rig().kernel();
    m.code(Rig.KCODE, beq(ZERO, ZERO, 4), syscall()).at(Rig.KCODE).run(2);
    assertTrue(m.bd());
    m.code(0x8000_0180, lw(T0, 0, T1)).gpr(T1, UNMAPPED).run(1);
    assertEquals(ExcCode.TLBL, m.excCode());
    assertTrue(m.bd());
    assertEquals(Rig.KCODE, m.cpu.cp0().epc());
    assertEquals(0x8000_0180, m.cpu.pc());
  }

  @Test
  void tlbInvalidGoesToGeneralVector() {
    Rig m = new Rig().kernel();
    m.map(3, 0x0050_0000, 0, 0x0060_0000, Rig.C, 0x0060_1000, Rig.C, 0); // V=0 in both halves
    m.code(Rig.KCODE, lw(T0, 0, T1)).gpr(T1, 0x0050_0010).at(Rig.KCODE).run(1);
    assertEquals(0x8000_0180, m.cpu.pc());
    assertEquals(ExcCode.TLBL, m.excCode());
    assertEquals(0x0050_0010, m.cpu.cp0().badVAddr());
    assertEquals(0x0050_0000, m.cpu.cp0().entryHi());
  }

  @Test
  void tlbInvalidWithBevGoesToBootstrapGeneralVector() {
    Rig m = new Rig().status(Cp0.ST_BEV);
    m.map(3, 0x0050_0000, 0, 0x0060_0000, Rig.C, 0x0060_1000, Rig.C, 0);
    m.code(Rig.KCODE, lw(T0, 0, T1)).gpr(T1, 0x0050_0010).at(Rig.KCODE).run(1);
    assertEquals(0xbfc0_0380, m.cpu.pc());
  }

  @Test
  void fetchRefillReportsThePc() {
    Rig m = new Rig().kernel();
    m.code(Rig.KCODE, jr(T0), nop()).gpr(T0, UNMAPPED).at(Rig.KCODE).run(3);
    assertEquals(0x8000_0000, m.cpu.pc());
    assertEquals(ExcCode.TLBL, m.excCode());
    assertEquals(UNMAPPED, m.cpu.cp0().epc());
    assertEquals(UNMAPPED, m.cpu.cp0().badVAddr());
    assertFalse(m.bd());
  }

  /** A software interrupt (Cause.IP0) with IE=1, IM0, EXL=ERL=0 (Vol. III, 6.1 "Interrupts"). */
  private static Rig softwareInterrupt(int extraStatus, int causeBits) {
    Rig m = new Rig().status(Cp0.ST_IE | (1 << 8) | extraStatus);
    m.code(Rig.KCODE, ori(T0, ZERO, 1), ori(T1, ZERO, 2), ori(T2, ZERO, 3)).at(Rig.KCODE).run(1);
    m.cpu.writeCp0(C0_CAUSE, 0, (1 << 8) | causeBits);
    return m.run(1);
  }

  @Test
  void interruptWithoutIvGoesToGeneralVector() {
    Rig m = softwareInterrupt(0, 0);
    assertEquals(0x8000_0180, m.cpu.pc());
    assertEquals(ExcCode.INT, m.excCode());
    assertEquals(Rig.KCODE + 4, m.cpu.cp0().epc(), "EPC names the next unexecuted instruction");
    assertEquals(0, m.cpu.gpr(T1));
  }

  @Test
  void interruptWithIvGoesToBasePlus0x200() {
    Rig m = softwareInterrupt(0, Cp0.CAUSE_IV);
    assertEquals(0x8000_0200, m.cpu.pc());
    assertEquals(ExcCode.INT, m.excCode());
  }

  @Test
  void interruptWithIvAndBevGoesTo0xBfc00400() {
    Rig m = softwareInterrupt(Cp0.ST_BEV, Cp0.CAUSE_IV);
    assertEquals(0xbfc0_0400, m.cpu.pc());
  }

  @Test
  void ivDoesNotMoveOtherExceptions() {
    Rig m = new Rig().kernel();
    m.cpu.writeCp0(C0_CAUSE, 0, Cp0.CAUSE_IV);
    m.code(Rig.KCODE, syscall()).at(Rig.KCODE).run(1);
    assertEquals(0x8000_0180, m.cpu.pc());
    assertEquals(ExcCode.SYS, m.excCode());
  }

  @Test
  void generalExceptionsGoToBasePlus0x180() {
    Rig m = new Rig().kernel();
    m.code(Rig.KCODE, brk()).at(Rig.KCODE).run(1);
    assertEquals(0x8000_0180, m.cpu.pc());
    assertEquals(ExcCode.BP, m.excCode());
    Rig b = new Rig().status(Cp0.ST_BEV);
    b.code(Rig.KCODE, brk()).at(Rig.KCODE).run(1);
    assertEquals(0xbfc0_0380, b.cpu.pc());
  }

  /** The architecture's own handlers run from the vectors: a refill handler and a syscall one. */
  @Test
  void handlersAtTheVectorsRunAndReturn() {
    Rig m = new Rig().kernel().asid(7);
    // Refill handler: map the faulting page pair (EntryHi was set by the exception) to physical
    // 0x700000 and retry. TLBWR picks the victim.
    m.code(0x8000_0000,
        lui(K0, Rig.lo(0x0070_0000, Rig.V | Rig.D | Rig.C) >>> 16),
        ori(K0, K0, Rig.lo(0x0070_0000, Rig.V | Rig.D | Rig.C)),
        mtc0(K0, C0_ENTRYLO0),
        ori(K0, K0, 0x40), // next PFN: the odd page at 0x701000
        mtc0(K0, C0_ENTRYLO1),
        mtc0(ZERO, C0_PAGEMASK),
        tlbwr(),
        eret());
    // General handler: count the syscalls in S0 and skip the syscall.
    m.code(0x8000_0180,
        addiu(S0, S0, 1),
        mfc0(K1, C0_EPC),
        addiu(K1, K1, 4),
        mtc0(K1, C0_EPC),
        eret());
    m.code(Rig.KCODE,
        ori(T0, ZERO, 0x77),
        sw(T0, 0x10, T1), // refill, then the store retries
        syscall(),
        lw(T2, 0x10, T1),
        syscall(),
        beq(ZERO, ZERO, -1),
        nop());
    // ori, sw (refill), 8 handler, sw, syscall, 5 handler, lw, syscall, 5 handler, beq, nop
    m.gpr(T1, 0x0012_3000).at(Rig.KCODE).run(1 + 1 + 8 + 1 + 1 + 5 + 1 + 1 + 5 + 2);
    assertEquals(2, m.cpu.gpr(S0));
    assertEquals(0x77, m.cpu.gpr(T2));
    assertEquals(0x77, m.mem.loadWord(0x0070_1010), "VA 0x123010 is in the odd page");
    assertFalse(m.exl());
    assertEquals(Rig.KCODE + 20, m.cpu.pc());
  }

  /**
   * An exception whose vector is not in RAM faults again at the vector for ever (a bus error on
   * every fetch): {@code run} must still give control back after its budget.
   */
  @Test
  @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a spinning run ignores interrupts
  void runReturnsWhenEveryFetchFaults() {
    Cpu cpu = new Cpu(new Memory(disco.hw.Endianness.BIG), 0, 16, 1 << 20);
    cpu.writeCp0(C0_STATUS, 0, Cp0.ST_BEV); // vectors at 0xBFC00xxx: physical 0x1FC00xxx, no RAM
    cpu.setPc(0x8000_1000);
    cpu.memory().storeWord(0x1000, syscall());
    long executed = cpu.run(1000);
    // (whether a faulting fetch counts as an instruction executed is the interpreter's choice)
    assertTrue(executed >= 1 && executed <= 1000, "run returned within its budget: " + executed);
    assertEquals(ExcCode.IBE, (cpu.cp0().cause() >>> 2) & 0x1f);
    assertEquals(0xbfc0_0380, cpu.pc());
    assertEquals(0x8000_1000, cpu.cp0().epc());
  }

  @Test
  void oneStepTakesOneExceptionOnly() {
    // run(1) on a faulting fetch stops at the vector; the handler has not started.
    Rig m = new Rig().kernel();
    m.code(0x8000_0000, ori(T3, ZERO, 9));
    m.at(UNMAPPED).run(1);
    assertEquals(0x8000_0000, m.cpu.pc());
    assertEquals(0, m.cpu.gpr(T3));
    m.run(1);
    assertEquals(9, m.cpu.gpr(T3));
  }
}
