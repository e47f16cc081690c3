package disco.hw.cpu;

/**
 * Coprocessor 0: the system control registers of MIPS32 Release 2 (Vol. III, chapter "CP0
 * Registers"), with the write masks and read values each register has. The interpreter reads the
 * fields directly on its hot paths; MTC0 and MFC0 go through {@link #write} and {@link #read}.
 *
 * <p>Registers an implementation may omit (Watch, performance counters, EJTAG Debug, caches' tag
 * registers) read as zero and ignore writes, as a core without them would.
 */
public final class Cp0 {
  // Status bits (Vol. III, "Status Register").
  public static final int ST_IE = 1;
  public static final int ST_EXL = 1 << 1;
  public static final int ST_ERL = 1 << 2;
  public static final int ST_KSU = 3 << 3;
  public static final int ST_IM = 0xff << 8;
  public static final int ST_NMI = 1 << 19;
  public static final int ST_SR = 1 << 20;
  public static final int ST_TS = 1 << 21;
  public static final int ST_BEV = 1 << 22;
  public static final int ST_RE = 1 << 25;
  public static final int ST_FR = 1 << 26;
  public static final int ST_CU0 = 1 << 28;
  public static final int ST_CU1 = 1 << 29;
  /**
   * The Status bits software may write; the rest read as zero (no MX, PX, RP, 64-bit modes, and
   * no RE: reverse-endian user mode is not implemented, so RE "must be ignored on write and read as
   * zero", Vol. III, Status register). Of the CU bits, CU0, and CU1 when there is an FPU
   * ({@link #statusWritable}): no coprocessor 2 or 3 can be connected, and "if there is no
   * provision for connecting a coprocessor, the corresponding CU bit must be ignored on write and
   * read as zero" (Vol. III, Status register; guests/conformance's cop program, as on QEMU's 24Kf).
   */
  static final int STATUS_WRITABLE =
      ST_IE | ST_EXL | ST_ERL | ST_KSU | ST_IM | ST_NMI | ST_SR | ST_TS | ST_BEV | ST_FR | ST_CU0;
  /** {@link #STATUS_WRITABLE}, and CU1 with an FPU. */
  private final int statusWritable;
  /** Status bits software may clear but not set: "writes may not cause a 0-1 transition". */
  static final int STATUS_CLEAR_ONLY = ST_TS | ST_SR | ST_NMI;

  // Cause bits (Vol. III, "Cause Register").
  public static final int CAUSE_BD = 1 << 31;
  public static final int CAUSE_TI = 1 << 30;
  public static final int CAUSE_CE_SHIFT = 28;
  public static final int CAUSE_IV = 1 << 23;
  public static final int CAUSE_DC = 1 << 27;
  public static final int CAUSE_IP_SHIFT = 8;
  /** Only IP1..IP0 (software interrupts), IV and DC are writable. */
  static final int CAUSE_WRITABLE = (3 << 8) | CAUSE_IV | (1 << 27);

  final int tlbSize;
  int index;
  int entryLo0;
  int entryLo1;
  int context;
  int userLocal;
  int pageMask;
  int wired;
  int hwrEna;
  int badVAddr;
  /** Count is kept as an offset from the CPU's instruction number: Count = countBase + n. */
  int countBase;
  int entryHi;
  int compare;
  int status;
  int intCtl;
  int cause;
  int epc;
  int prid;
  int ebase;
  int config0;
  int config1;
  int config2;
  int config3;
  int llAddr;
  int errorEpc;
  int desave;
  /** The IP bits of the hardware interrupt lines the CPU's inputs assert (IP7 is ORed with TI). */
  int hwLines;
  /** Instruction count at which Random was last reset to its upper bound. */
  long randomEpoch;

  Cp0(int tlbSize, int cpuNum, boolean bigEndian, boolean hasFpu) {
    this.tlbSize = tlbSize;
    this.statusWritable = STATUS_WRITABLE | (hasFpu ? ST_CU1 : 0);
    // Reset state (Vol. III, "Reset Exception"): BEV and ERL set, kernel mode, interrupts off.
    status = ST_BEV | ST_ERL;
    // PRId: company 0x01 (MIPS Technologies), processor 0x93 (24K family), revision 0x01.
    prid = 0x0001_9301;
    ebase = 0x8000_0000 | (cpuNum & 0x3ff);
    // Config: M (Config1 follows), BE, AT=0 (MIPS32), AR=1 (Release 2), MT=1 (standard TLB),
    // K0=3 (kseg0 cacheable, as boot firmware leaves it; the reset value is undefined).
    config0 = (1 << 31) | (bigEndian ? 1 << 15 : 0) | (1 << 10) | (1 << 7) | 3;
    // Config1: M, MMU size-1, no caches described (the cache model is outside the ISA), FP.
    config1 = (1 << 31) | ((tlbSize - 1) << 25) | (hasFpu ? 1 : 0);
    config2 = 1 << 31;
    // Config3: ULRI (UserLocal register implemented), so RDHWR $29 works.
    config3 = 1 << 13;
    wired = 0;
    // IntCtl.IPTI = 7: the timer interrupt is merged into IP7 (Vol. III, IntCtl register; read only).
    intCtl = 7 << 29;
  }

  Cp0State state() {
    return new Cp0State(index, entryLo0, entryLo1, context, userLocal, pageMask, wired, hwrEna,
        badVAddr, countBase, entryHi, compare, status, intCtl, cause, epc, prid, ebase, config0,
        config1, config2, config3, llAddr, errorEpc, desave, hwLines, randomEpoch);
  }

  void restore(Cp0State s) {
    index = s.index();
    entryLo0 = s.entryLo0();
    entryLo1 = s.entryLo1();
    context = s.context();
    userLocal = s.userLocal();
    pageMask = s.pageMask();
    wired = s.wired();
    hwrEna = s.hwrEna();
    badVAddr = s.badVAddr();
    countBase = s.countBase();
    entryHi = s.entryHi();
    compare = s.compare();
    status = s.status();
    intCtl = s.intCtl();
    cause = s.cause();
    epc = s.epc();
    prid = s.prid();
    ebase = s.ebase();
    config0 = s.config0();
    config1 = s.config1();
    config2 = s.config2();
    config3 = s.config3();
    llAddr = s.llAddr();
    errorEpc = s.errorEpc();
    desave = s.desave();
    hwLines = s.hwLines();
    randomEpoch = s.randomEpoch();
  }

  public int status() {
    return status;
  }

  public int cause() {
    return cause;
  }

  public int epc() {
    return epc;
  }

  public int badVAddr() {
    return badVAddr;
  }

  public int entryHi() {
    return entryHi;
  }

  public int context() {
    return context;
  }

  /** Count after {@code instructions} instructions: it advances once per instruction. */
  public int countAt(long instructions) {
    // Cause.DC=1 stops Count (Vol. III, Cause register): it then holds countBase itself.
    return (cause & CAUSE_DC) != 0 ? countBase : countBase + (int) instructions;
  }

  /** This CPU's number, EBase.CPUNum. */
  public int ebaseCpuNum() {
    return ebase & 0x3ff;
  }

  /** LLAddr: physical address bits 35..4 of the last LL. */
  public int llAddr() {
    return llAddr;
  }

  public int errorEpc() {
    return errorEpc;
  }

  /** The current value of Random: counts down once per instruction from TLB size-1 to Wired. */
  int random(long instructions) {
    int range = tlbSize - wired;
    if (range <= 0) {
      return tlbSize - 1;
    }
    return tlbSize - 1 - (int) Math.floorMod(instructions - randomEpoch, (long) range);
  }

  /** MFC0 rt, reg, sel. Returns the register's value. */
  int read(int reg, int sel, long instructions) {
    switch (reg << 3 | sel) {
      case 0 << 3: return index;
      case 1 << 3: return random(instructions);
      case 2 << 3: return entryLo0;
      case 3 << 3: return entryLo1;
      case 4 << 3: return context;
      case 4 << 3 | 2: return userLocal;
      case 5 << 3: return pageMask;
      case 6 << 3: return wired;
      case 7 << 3: return hwrEna;
      case 8 << 3: return badVAddr;
      case 9 << 3: return countAt(instructions);
      case 10 << 3: return entryHi;
      case 11 << 3: return compare;
      case 12 << 3: return status;
      case 12 << 3 | 1: return intCtl;
      case 13 << 3: return cause;
      case 14 << 3: return epc;
      case 15 << 3: return prid;
      case 15 << 3 | 1: return ebase;
      case 16 << 3: return config0;
      case 16 << 3 | 1: return config1;
      case 16 << 3 | 2: return config2;
      case 16 << 3 | 3: return config3;
      case 17 << 3: return llAddr;
      case 30 << 3: return errorEpc;
      case 31 << 3: return desave;
      default: return 0;
    }
  }

  /**
   * MTC0 rt, reg, sel: applies the register's write mask. Side effects on other units (timer
   * interrupt, FR, translation caches) are the CPU's to apply afterwards.
   */
  void write(int reg, int sel, int v, long instructions) {
    switch (reg << 3 | sel) {
      case 0 << 3 -> index = (index & 0x8000_0000) | (v & 63) % tlbSize;
      case 2 << 3 -> entryLo0 = v & 0x3fff_ffff;
      case 3 << 3 -> entryLo1 = v & 0x3fff_ffff;
      // Context: only PTEBase is writable; BadVPN2 is set by TLB exceptions.
      case 4 << 3 -> context = (context & 0x007f_fff0) | (v & 0xff80_0000);
      case 4 << 3 | 2 -> userLocal = v;
      // PageMask: bits 28..13; only the supported patterns (pairs of ones from the bottom).
      case 5 << 3 -> pageMask = v & 0x1fff_e000;
      case 6 << 3 -> {
        wired = (v & 63) % tlbSize;
        randomEpoch = instructions; // writing Wired resets Random to its upper bound
      }
      case 7 << 3 -> hwrEna = v & 0x2000_000f;
      case 9 << 3 -> countBase = (cause & CAUSE_DC) != 0 ? v : v - (int) instructions;
      case 10 << 3 -> entryHi = v & 0xffff_e0ff;
      case 11 << 3 -> {
        compare = v;
        // Writing Compare acknowledges the timer; IP7 stays while hardware line 5 asserts it.
        cause &= ~(CAUSE_TI | (~hwLines & (1 << (CAUSE_IP_SHIFT + 7))));
      }
      case 12 << 3 ->
          status = (v & statusWritable & ~STATUS_CLEAR_ONLY) | (v & status & STATUS_CLEAR_ONLY);
      case 12 << 3 | 1 -> intCtl = (intCtl & ~0x3e0) | (v & 0x3e0); // only VS is writable
      case 13 << 3 -> {
        int was = cause;
        cause = (cause & ~CAUSE_WRITABLE) | (v & CAUSE_WRITABLE);
        if (((was ^ cause) & CAUSE_DC) != 0) { // DC stops Count at its value, or restarts it there
          countBase += (cause & CAUSE_DC) != 0 ? (int) instructions : -(int) instructions;
        }
      }
      case 14 << 3 -> epc = v;
      case 15 << 3 | 1 -> ebase = 0x8000_0000 | (v & 0x3fff_f000) | (ebase & 0x3ff);
      case 16 << 3 -> config0 = (config0 & ~7) | (v & 7); // only K0 is writable
      case 30 << 3 -> errorEpc = v;
      case 31 << 3 -> desave = v;
      default -> {
        // read-only or unimplemented: ignored
      }
    }
  }
}
