package disco.monitor.cpu;

import disco.hw.port.TlbEntry;

/**
 * The CP0 a guest kernel believes it has (paper 4.2.1: Disco "maintains the privileged registers
 * and TLB contents of the virtual CPU"), including the guest's own TLB in guest-physical terms.
 * Register semantics follow MIPS32 Vol. III, chapter 9 ("CP0 Registers"), for the registers an
 * operating system uses; the others read as zero and ignore writes.
 *
 * <p>Deviations, each documented in docs/reference-monitor.md: EBase keeps bits 31..12 as written
 * (the guest's vectors live in the supervisor segment, where hardware would force bits 31..30 to
 * 10); Random steps once per TLBWR rather than once per instruction, so a guest's choice of victim
 * is deterministic whatever the monitor's own timing.
 */
public final class VirtualCp0 {
  public static final int ST_IE = 1;
  public static final int ST_EXL = 1 << 1;
  public static final int ST_ERL = 1 << 2;
  public static final int ST_KSU = 3 << 3;
  public static final int ST_UM = 2 << 3;
  public static final int ST_IM = 0xff << 8;
  public static final int ST_BEV = 1 << 22;
  /** Status.TS: set by a Machine Check for duplicate TLB entries (Vol. III 9.33). */
  public static final int ST_TS = 1 << 21;
  public static final int ST_FR = 1 << 26;
  public static final int ST_CU1 = 1 << 29;
  /**
   * The virtual Status bits a guest can write: CU0 and CU1 (the machine has an FPU, and no
   * coprocessor 2 or 3, whose CU bits read as zero, as on the real CPU), FR, RE, BEV, IM, KSU, ERL,
   * EXL, IE.
   */
  static final int STATUS_WRITABLE = 0x3000_0000 | ST_FR | (1 << 25) | ST_BEV | ST_IM | ST_KSU
      | ST_ERL | ST_EXL | ST_IE;
  public static final int CAUSE_BD = 1 << 31;
  public static final int CAUSE_TI = 1 << 30;
  public static final int CAUSE_IV = 1 << 23;
  static final int CAUSE_WRITABLE = CAUSE_IV | (3 << 8);

  private final TlbEntry[] tlb;
  int index;
  int random;
  int entryLo0;
  int entryLo1;
  int context;
  int pageMask;
  int wired;
  int hwrEna;
  int badVAddr;
  int countOffset;
  int entryHi;
  int compare;
  int status = ST_BEV | ST_ERL;
  int cause;
  int epc;
  int ebase;
  int errorEpc;
  int userLocal;
  /** Interrupt lines 0..7 asserted by virtual devices (bit i = Cause.IP i), besides the timer. */
  int lines;
  private final int prid;
  private final int[] config;

  /**
   * @param tlbSize entries in the guest's TLB (as its Config1 says)
   * @param vcpu the vCPU number (EBase.CPUNum)
   * @param prid PRId as the guest reads it
   * @param config Config0..Config3 as the guest reads them
   */
  public VirtualCp0(int tlbSize, int vcpu, int prid, int[] config) {
    tlb = new TlbEntry[tlbSize];
    for (int i = 0; i < tlbSize; i++) {
      tlb[i] = invalidEntry(i);
    }
    random = tlbSize - 1;
    ebase = 0x8000_0000 | (vcpu & 0x3ff);
    this.prid = prid;
    this.config = config.clone();
  }

  /**
   * The virtual CP0 as data: the guest's TLB and every writable register, in the order Index,
   * Random, EntryLo0, EntryLo1, Context, PageMask, Wired, HWREna, BadVAddr, the Count offset,
   * EntryHi, Compare, Status, Cause, EPC, EBase, ErrorEPC, UserLocal, the device lines.
   */
  public record State(java.util.List<TlbEntry> tlb, int[] registers) {}

  public State state() {
    return new State(java.util.List.of(tlb), new int[] {index, random, entryLo0, entryLo1, context, pageMask,
        wired, hwrEna, badVAddr, countOffset, entryHi, compare, status, cause, epc, ebase, errorEpc, userLocal,
        lines});
  }

  public void restore(State s) {
    for (int i = 0; i < tlb.length; i++) {
      tlb[i] = s.tlb().get(i);
    }
    int[] r = s.registers();
    index = r[0];
    random = r[1];
    entryLo0 = r[2];
    entryLo1 = r[3];
    context = r[4];
    pageMask = r[5];
    wired = r[6];
    hwrEna = r[7];
    badVAddr = r[8];
    countOffset = r[9];
    entryHi = r[10];
    compare = r[11];
    status = r[12];
    cause = r[13];
    epc = r[14];
    ebase = r[15];
    errorEpc = r[16];
    userLocal = r[17];
    lines = r[18];
  }

  /** The entry a reset TLB holds at {@code i}: never matches (kseg0, distinct per index), V = 0. */
  static TlbEntry invalidEntry(int i) {
    return new TlbEntry(0x8000_0000 + (i << 13), 0, 0, 0);
  }

  public int tlbSize() {
    return tlb.length;
  }

  public TlbEntry tlbEntry(int i) {
    return tlb[i];
  }

  /** Writes guest TLB entry {@code i}; returns the entry it replaced. */
  public TlbEntry tlbEntryAt(int i, TlbEntry e) {
    TlbEntry old = tlb[i];
    tlb[i] = e;
    return old;
  }

  /** The guest TLB index whose entry matches {@code va} under {@code asid}, or -1 (as TLBP does). */
  public int find(int va, int asid) {
    for (int i = 0; i < tlb.length; i++) {
      TlbEntry e = tlb[i];
      int mask = ~(e.pageMask() | 0x1fff);
      boolean global = (e.entryLo0() & e.entryLo1() & 1) != 0;
      if ((e.entryHi() & mask) == (va & mask) && (global || (e.entryHi() & 0xff) == asid)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether writing the pending entry (EntryHi, PageMask, EntryLo0/1) at {@code index} would make two
   * entries of the guest's TLB match one address: MIPS32 Vol. III leaves such a TLB undefined and
   * implementations, the machine's CPU among them, raise Machine Check on the write (6.2.18), so the
   * emulated TLBWI and TLBWR do the same.
   */
  public boolean wouldDuplicate(int index) {
    boolean g = (entryLo0 & entryLo1 & 1) != 0;
    for (int i = 0; i < tlb.length; i++) {
      if (i == index) {
        continue;
      }
      TlbEntry e = tlb[i];
      int common = ~(e.pageMask() | pageMask | 0x1fff);
      boolean global = (e.entryLo0() & e.entryLo1() & 1) != 0;
      if (((e.entryHi() ^ entryHi) & common) == 0 && (g || global || ((e.entryHi() ^ entryHi) & 0xff) == 0)) {
        return true;
      }
    }
    return false;
  }

  /** The next TLBWR victim: Random steps down from size-1 to Wired and wraps. */
  public int nextRandom() {
    int r = random;
    random = random <= wired ? tlb.length - 1 : random - 1;
    return Math.max(r, wired);
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

  public int errorEpc() {
    return errorEpc;
  }

  public int badVAddr() {
    return badVAddr;
  }

  public int context() {
    return context;
  }

  public int entryHi() {
    return entryHi;
  }

  public int entryLo0() {
    return entryLo0;
  }

  public int entryLo1() {
    return entryLo1;
  }

  public int index() {
    return index;
  }

  public int ebase() {
    return ebase;
  }

  public int compare() {
    return compare;
  }

  public int userLocal() {
    return userLocal;
  }

  public int hwrEna() {
    return hwrEna;
  }

  public int asid() {
    return entryHi & 0xff;
  }

  /** Whether the guest is in its kernel mode: KSU = 0, or EXL or ERL set. */
  public boolean kernelMode() {
    return (status & (ST_EXL | ST_ERL)) != 0 || (status & ST_KSU) != ST_UM;
  }

  /** Cause.IP7..IP0 as the guest sees them: device lines, software bits, and the timer on IP7. */
  public int pendingLines() {
    int timer = (cause & CAUSE_TI) != 0 ? 0x80 : 0;
    return lines | timer | ((cause >>> 8) & 3);
  }

  /** Interrupts the guest has pending and enabled and could take now (Vol. III 6.1). */
  public int deliverable() {
    if ((status & (ST_IE | ST_EXL | ST_ERL)) != ST_IE) {
      return 0;
    }
    return pendingLines() & (status >>> 8) & 0xff;
  }

  /** Interrupts pending and unmasked by Status.IM, whatever IE says (what IDLE waits for). */
  public int pendingUnmasked() {
    return pendingLines() & (status >>> 8) & 0xff;
  }

  /** MFC0 {@code reg}, {@code sel}; {@code count} is the virtual CPU's Count source. */
  public int read(int reg, int sel, int count) {
    return switch (reg << 3 | sel) {
      case 0 << 3 -> index;
      case 1 << 3 -> Math.max(random, wired);
      case 2 << 3 -> entryLo0;
      case 3 << 3 -> entryLo1;
      case 4 << 3 -> context;
      case 4 << 3 | 2 -> userLocal;
      case 5 << 3 -> pageMask;
      case 6 << 3 -> wired;
      case 7 << 3 -> hwrEna;
      case 8 << 3 -> badVAddr;
      case 9 << 3 -> count + countOffset;
      case 10 << 3 -> entryHi;
      case 11 << 3 -> compare;
      case 12 << 3 -> status;
      case 13 << 3 -> (cause & ~(0xfc << 8)) | ((pendingLines() & 0xfc) << 8);
      case 14 << 3 -> epc;
      case 15 << 3 -> prid;
      case 15 << 3 | 1 -> ebase;
      case 16 << 3 -> config[0];
      case 16 << 3 | 1 -> config[1];
      case 16 << 3 | 2 -> config[2];
      case 16 << 3 | 3 -> config[3];
      case 30 << 3 -> errorEpc;
      default -> 0;
    };
  }

  /**
   * MTC0 {@code reg}, {@code sel}, {@code value}: only the writable fields change (Vol. III ch. 9).
   * Returns true when the write changed something the monitor must act on at once: the timer
   * (Compare, Count), the mode or interrupt state (Status, Cause), the ASID (EntryHi), or what
   * user-mode RDHWR reaches (HWREna, UserLocal).
   */
  public boolean write(int reg, int sel, int value, int count) {
    switch (reg << 3 | sel) {
      case 0 << 3 -> index = (index & 0x8000_0000) | (value & (tlb.length - 1));
      case 2 << 3 -> entryLo0 = value & 0x3fff_ffff;
      case 3 << 3 -> entryLo1 = value & 0x3fff_ffff;
      case 4 << 3 -> context = (value & 0xff80_0000) | (context & 0x007f_fff0);
      case 4 << 3 | 2 -> {
        userLocal = value;
        return true;
      }
      case 5 << 3 -> pageMask = value & 0x1fff_e000;
      case 6 << 3 -> {
        wired = value & (tlb.length - 1);
        random = tlb.length - 1;
      }
      case 7 << 3 -> {
        hwrEna = value & 0x2000_000f;
        return true;
      }
      case 9 << 3 -> {
        countOffset = value - count;
        return true;
      }
      case 10 << 3 -> {
        entryHi = value & 0xffff_e0ff;
        return true;
      }
      case 11 << 3 -> {
        compare = value;
        cause &= ~CAUSE_TI; // writing Compare acknowledges the timer (Vol. III, Compare)
        return true;
      }
      case 12 << 3 -> {
        // TS can only be cleared by software, as on the machine's CPU (Vol. III 9.33).
        status = (status & ~STATUS_WRITABLE & ~ST_TS) | (value & STATUS_WRITABLE) | (value & status & ST_TS);
        return true;
      }
      case 13 << 3 -> {
        cause = (cause & ~CAUSE_WRITABLE) | (value & CAUSE_WRITABLE);
        return true;
      }
      case 14 << 3 -> epc = value;
      case 15 << 3 | 1 -> ebase = (value & 0xffff_f000) | (ebase & 0x3ff);
      case 30 << 3 -> errorEpc = value;
      default -> { } // read-only or not modelled: the write is ignored
    }
    return false;
  }

  /** The virtual Count value for real count {@code count}. */
  public int count(int count) {
    return count + countOffset;
  }

  /** Posts the timer interrupt: Cause.TI, seen on IP7. */
  public void postTimer() {
    cause |= CAUSE_TI;
  }

  /** Asserts or clears virtual interrupt line {@code line}. */
  public void setLine(int line, boolean asserted) {
    lines = asserted ? lines | (1 << line) : lines & ~(1 << line);
  }

  // ---- what exception entry does (Vol. III 6.2.1), for the monitor's reflection ----------------

  /**
   * Enters exception {@code excCode} as hardware would: EPC and Cause.BD only when EXL was clear,
   * ExcCode, EXL set. Returns the vector offset base to use (the caller adds it to EBase).
   */
  public void enterException(int excCode, int epcValue, boolean inDelaySlot, int ce) {
    if ((status & ST_EXL) == 0) {
      epc = epcValue;
      cause = inDelaySlot ? cause | CAUSE_BD : cause & ~CAUSE_BD;
    }
    cause = (cause & ~((0x1f << 2) | (3 << 28))) | (excCode << 2) | (ce << 28);
    status |= ST_EXL;
  }

  /** What a TLB exception sets besides: BadVAddr, Context.BadVPN2, EntryHi.VPN2 (Vol. III 6.2.8). */
  public void setTlbFault(int va) {
    badVAddr = va;
    context = (context & 0xff80_0000) | ((va >>> 9) & 0x007f_fff0);
    entryHi = (va & 0xffff_e000) | (entryHi & 0xff);
  }

  /** What an address error sets besides: BadVAddr. */
  public void setBadVAddr(int va) {
    badVAddr = va;
  }

  /** The vector for an exception just entered: refill (offset 0) or general (0x180), or BEV's. */
  public int vector(boolean refill, boolean exlWasSet, boolean interrupt) {
    int base = (status & ST_BEV) != 0 ? 0xbfc0_0200 : ebase & 0xffff_f000;
    if (refill && !exlWasSet) {
      return base;
    }
    if (interrupt && (cause & CAUSE_IV) != 0) {
      return base + 0x200;
    }
    return base + 0x180;
  }

  /** ERET (Vol. II, ERET): where it returns to, clearing ERL or else EXL. */
  public int eret() {
    if ((status & ST_ERL) != 0) {
      status &= ~ST_ERL;
      return errorEpc;
    }
    status &= ~ST_EXL;
    return epc;
  }

  /** TLBP's result in Index: the matching index, or P (bit 31) set. */
  public void probe(int found) {
    index = found < 0 ? 0x8000_0000 | (index & (tlb.length - 1)) : found;
  }

  /** TLBR: EntryHi, PageMask, EntryLo0/1 from entry {@code i}. */
  public void readEntry(int i) {
    TlbEntry e = tlb[i];
    entryHi = e.entryHi();
    pageMask = e.pageMask();
    entryLo0 = e.entryLo0();
    entryLo1 = e.entryLo1();
  }

  /** The entry TLBWI/TLBWR write: the registers as they are. */
  public TlbEntry pendingEntry() {
    return new TlbEntry(entryHi, pageMask, entryLo0, entryLo1);
  }

  public void setStatusBits(int bits, boolean on) {
    status = on ? status | bits : status & ~bits;
  }
}
