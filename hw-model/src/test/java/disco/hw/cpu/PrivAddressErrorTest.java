package disco.hw.cpu;

import static disco.hw.cpu.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Address Error exceptions (AdEL/AdES). Vol. III, chapter 4 "Virtual Memory" (4.3 "Virtual Memory
 * Segments", table "Address Space Access as a Function of Operating Mode": user mode reaches only
 * useg; supervisor mode suseg and sseg; kernel mode everything) and 6.2.10 "Address Error
 * Exception": a reference to a segment the mode may not use, a misaligned word or halfword access,
 * or an instruction fetch from a misaligned address. BadVAddr holds the failing address (the PC for
 * a fetch); EntryHi and Context are not changed.
 */
class PrivAddressErrorTest {
  private static final int ENTRY_HI = 0x0077_e000 | 0x42;

  /** One data access in the given mode from mapped user code at UCODE. */
  private static Rig access(int ksu, int insn, int address) {
    Rig m = new Rig().mapUser().status(ksu);
    m.cpu.writeCp0(C0_ENTRYHI, 0, ENTRY_HI);
    m.cpu.writeCp0(C0_CONTEXT, 0, 0x8000_0000);
    m.userCode(0, insn).gpr(T1, address).gpr(T0, 0x5a5a).at(Rig.UCODE);
    return m.run(1);
  }

  private static void assertAddressError(Rig m, int code, int address) {
    assertEquals(code, m.excCode());
    assertEquals(address, m.cpu.cp0().badVAddr());
    assertEquals(Rig.UCODE, m.cpu.cp0().epc());
    assertEquals(0x8000_0180, m.cpu.pc());
    assertEquals(ENTRY_HI, m.cpu.cp0().entryHi(), "EntryHi unchanged by an address error");
    assertEquals(0x8000_0000, m.cpu.cp0().context(), "Context unchanged by an address error");
    assertEquals(0x5a5a, m.cpu.gpr(T0));
  }

  @ParameterizedTest
  @ValueSource(ints = {0x8000_0000, 0x9fff_fffc, 0xa000_0000, 0xc000_0000, 0xdfff_fff0, 0xe000_0000,
      0xffff_fffc})
  void userModeLoadsOutsideUseg(int address) {
    assertAddressError(access(Rig.KSU_USER, lw(T0, 0, T1), address), ExcCode.ADEL, address);
  }

  @ParameterizedTest
  @ValueSource(ints = {0x8000_0000, 0xa000_0010, 0xc000_0000, 0xe000_1000})
  void userModeStoresOutsideUseg(int address) {
    Rig m = access(Rig.KSU_USER, sw(T0, 0, T1), address);
    assertAddressError(m, ExcCode.ADES, address);
    assertEquals(0, m.mem.loadWord(address & 0x1fff_ffff));
  }

  @Test
  void userModeByteLoadFromKseg1() {
    assertAddressError(access(Rig.KSU_USER, lb(T0, 3, T1), 0xa000_0000), ExcCode.ADEL, 0xa000_0003);
  }

  @Test
  void userModeTopOfUsegIsMappedNotAnError() {
    Rig m = access(Rig.KSU_USER, lw(T0, 0, T1), 0x7fff_fffc);
    assertEquals(ExcCode.TLBL, m.excCode());
    assertEquals(0x8000_0000, m.cpu.pc(), "a refill, not an address error");
  }

  @ParameterizedTest
  @ValueSource(ints = {0x8000_0000, 0xa000_0000, 0xe000_0000, 0xffff_fff0})
  void supervisorModeOutsideSusegAndSseg(int address) {
    assertAddressError(access(Rig.KSU_SUPERVISOR, lw(T0, 0, T1), address), ExcCode.ADEL, address);
    assertAddressError(access(Rig.KSU_SUPERVISOR, sh(T0, 0, T1), address), ExcCode.ADES, address);
  }

  @Test
  void supervisorModeReachesSsegThroughTheTlb() {
    Rig m = access(Rig.KSU_SUPERVISOR, lw(T0, 0, T1), 0xc000_0040);
    assertEquals(ExcCode.TLBL, m.excCode(), "sseg is mapped: an unmapped sseg page is a refill");
    assertEquals(0x8000_0000, m.cpu.pc());

    Rig ok = new Rig().mapUser();
    ok.map(1, 0xc000_0000, 0, 0x0080_0000, Rig.V | Rig.C, 0x0080_1000, Rig.V | Rig.C, 0);
    ok.mem.storeWord(0x0080_0040, 0xcafe);
    ok.status(Rig.KSU_SUPERVISOR).userCode(0, lw(T0, 0, T1)).gpr(T1, 0xc000_0040).at(Rig.UCODE);
    ok.run(1);
    assertFalse(ok.exl());
    assertEquals(0xcafe, ok.cpu.gpr(T0));
  }

  @Test
  void kernelModeReachesEverySegment() {
    Rig m = new Rig().kernel();
    m.mem.storeWord(0x0002_0000, 0x1111);
    m.map(1, 0xc000_0000, 0, 0x0080_0000, Rig.V, 0x0080_1000, Rig.V, 0);
    m.map(2, 0xe000_0000, 0, 0x0090_0000, Rig.V, 0x0090_1000, Rig.V, 0);
    m.mem.storeWord(0x0080_1004, 0x2222);
    m.mem.storeWord(0x0090_0008, 0x3333);
    m.code(Rig.KCODE,
        lw(T0, 0, S0), // kseg0
        lw(T1, 0, A0), // kseg1
        lw(T2, 0x1004, A1), // sseg, odd page
        lw(T3, 8, V0)); // kseg3
    m.gpr(S0, 0x8002_0000).gpr(A0, 0xa002_0000).gpr(A1, 0xc000_0000).gpr(V0, 0xe000_0000);
    m.at(Rig.KCODE).run(4);
    assertFalse(m.exl());
    assertEquals(0x1111, m.cpu.gpr(T0));
    assertEquals(0x1111, m.cpu.gpr(T1));
    assertEquals(0x2222, m.cpu.gpr(T2));
    assertEquals(0x3333, m.cpu.gpr(T3));
  }

  @Test
  void kernelModeUnmappedSsegAndKseg3AreRefillsNotAddressErrors() {
    for (int address : new int[] {0xc000_0000, 0xe000_0000}) {
      Rig m = new Rig().kernel();
      m.code(Rig.KCODE, lw(T0, 0, T1)).gpr(T1, address).at(Rig.KCODE).run(1);
      assertEquals(ExcCode.TLBL, m.excCode());
      assertEquals(0x8000_0000, m.cpu.pc());
    }
  }

  @Test
  void erlMakesUsegUnmapped() {
    // Vol. III, Status.ERL: "useg ... treated as an unmapped and uncached region".
    Rig m = new Rig().status(Cp0.ST_ERL);
    m.mem.storeWord(0x0001_2340, 0xabcd);
    m.code(Rig.KCODE, lw(T0, 0, T1)).gpr(T1, 0x0001_2340).at(Rig.KCODE).run(1);
    assertFalse(m.exl());
    assertEquals(0xabcd, m.cpu.gpr(T0));
  }

  // ---- misaligned data ----

  private static Rig kernelAccess(int insn, int address) {
    Rig m = new Rig().kernel();
    m.mem.storeWord(Rig.KDATA & 0x1fff_ffff, 0x0102_0304);
    m.code(Rig.KCODE, insn).gpr(T1, address).gpr(T0, 0x5a5a).at(Rig.KCODE);
    return m.run(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void misalignedWordLoad(int offset) {
    Rig m = kernelAccess(lw(T0, 0, T1), Rig.KDATA + offset);
    assertEquals(ExcCode.ADEL, m.excCode());
    assertEquals(Rig.KDATA + offset, m.cpu.cp0().badVAddr());
    assertEquals(Rig.KCODE, m.cpu.cp0().epc());
    assertEquals(0x5a5a, m.cpu.gpr(T0));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void misalignedHalfLoads(int offset) {
    for (int insn : new int[] {lh(T0, 0, T1), lhu(T0, 0, T1)}) {
      Rig m = kernelAccess(insn, Rig.KDATA + offset);
      assertEquals(ExcCode.ADEL, m.excCode());
      assertEquals(Rig.KDATA + offset, m.cpu.cp0().badVAddr());
      assertEquals(0x5a5a, m.cpu.gpr(T0));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void misalignedWordStore(int offset) {
    Rig m = kernelAccess(sw(T0, 0, T1), Rig.KDATA + offset);
    assertEquals(ExcCode.ADES, m.excCode());
    assertEquals(Rig.KDATA + offset, m.cpu.cp0().badVAddr());
    assertEquals(0x0102_0304, m.mem.loadWord(Rig.KDATA & 0x1fff_ffff));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void misalignedHalfStore(int offset) {
    Rig m = kernelAccess(sh(T0, 0, T1), Rig.KDATA + offset);
    assertEquals(ExcCode.ADES, m.excCode());
    assertEquals(Rig.KDATA + offset, m.cpu.cp0().badVAddr());
    assertEquals(0x0102_0304, m.mem.loadWord(Rig.KDATA & 0x1fff_ffff));
  }

  @Test
  void alignedHalfAndByteAccessesAreFine() {
    Rig m = kernelAccess(lh(T0, 2, T1), Rig.KDATA);
    assertFalse(m.exl());
    assertEquals(0x0304, m.cpu.gpr(T0));
  }

  @Test
  void misalignmentIsCheckedBeforeTranslation() {
    // Address Error has priority over TLB Refill (Vol. III, table "Priority of Exceptions").
    Rig m = kernelAccess(lw(T0, 0, T1), 0x0000_1002);
    assertEquals(ExcCode.ADEL, m.excCode());
    assertEquals(0x8000_0180, m.cpu.pc());
  }

  // ---- misaligned and forbidden fetch ----

  @Test
  void misalignedFetchReportsThePc() {
    int target = Rig.KCODE + 0x102;
    Rig m = new Rig().kernel();
    m.code(Rig.KCODE, jr(T0), nop()).gpr(T0, target).at(Rig.KCODE).run(3);
    assertEquals(ExcCode.ADEL, m.excCode());
    assertEquals(target, m.cpu.cp0().badVAddr());
    assertEquals(target, m.cpu.cp0().epc());
    assertFalse(m.bd());
    assertEquals(0x8000_0180, m.cpu.pc());
  }

  @Test
  void userFetchFromKseg0() {
    Rig m = new Rig().mapUser().status(Rig.KSU_USER);
    m.code(0x8000_1000, ori(T3, ZERO, 1));
    m.userCode(0, jr(T0), nop()).gpr(T0, 0x8000_1000).at(Rig.UCODE).run(3);
    assertEquals(ExcCode.ADEL, m.excCode());
    assertEquals(0x8000_1000, m.cpu.cp0().badVAddr());
    assertEquals(0x8000_1000, m.cpu.cp0().epc());
    assertEquals(0, m.cpu.gpr(T3), "no kernel instruction ran in user mode");
    assertEquals(0x8000_0180, m.cpu.pc());
  }

  @Test
  void droppingToUserModeInKseg0FaultsOnTheNextFetch() {
    // MTC0 Status (KSU=user) from kseg0 code: the next fetch is a user-mode fetch from kseg0.
    Rig m = new Rig().kernel().gpr(T0, Rig.KSU_USER);
    m.code(Rig.KCODE, mtc0(T0, C0_STATUS), ori(T3, ZERO, 1)).at(Rig.KCODE).run(2);
    assertEquals(ExcCode.ADEL, m.excCode());
    assertEquals(Rig.KCODE + 4, m.cpu.cp0().badVAddr());
    assertEquals(Rig.KCODE + 4, m.cpu.cp0().epc());
    assertEquals(0, m.cpu.gpr(T3));
  }

  @Test
  void eretToUserModeAtAKernelAddressFaults() {
    Rig m = new Rig().status(Rig.KSU_USER | Cp0.ST_EXL);
    m.cpu.writeCp0(C0_EPC, 0, Rig.KCODE + 8);
    m.code(Rig.KCODE, eret(), nop(), ori(T3, ZERO, 1)).at(Rig.KCODE).run(2);
    assertEquals(ExcCode.ADEL, m.excCode());
    assertEquals(Rig.KCODE + 8, m.cpu.cp0().badVAddr());
    assertEquals(0, m.cpu.gpr(T3));
  }

  @Test
  void changingAsidChangesTheFetchTranslation() {
    // Two processes' pages at the same user VA under ASIDs 1 and 2 (Vol. III, EntryHi.ASID).
    Rig m = new Rig().kernel();
    m.map(1, 0x0040_0000, 1, 0x0010_0000, Rig.V, 0x0010_1000, Rig.V, 0);
    m.map(2, 0x0040_0000, 2, 0x0020_0000, Rig.V, 0x0020_1000, Rig.V, 0);
    m.code(0x0010_0000, ori(T0, ZERO, 1), jr(RA), nop());
    m.code(0x0020_0000, ori(T0, ZERO, 2), jr(RA), nop());
    m.code(Rig.KCODE, ori(K0, ZERO, 1), mtc0(K0, C0_ENTRYHI), jalr(RA, 17), nop(), or(S0, T0, ZERO),
        ori(K0, ZERO, 2), mtc0(K0, C0_ENTRYHI), jalr(RA, 17), nop(), or(A0, T0, ZERO));
    m.gpr(17, 0x0040_0000).at(Rig.KCODE).run(4 + 3 + 1 + 4 + 3 + 1);
    assertFalse(m.exl());
    assertEquals(1, m.cpu.gpr(S0));
    assertEquals(2, m.cpu.gpr(A0));
  }
}
