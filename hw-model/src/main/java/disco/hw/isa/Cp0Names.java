package disco.hw.isa;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Names objdump gives coprocessor 0 registers in MTC0/MFC0 for a mips32r2 binary: the register
 * names of the MIPS32 Release 2 privileged architecture, plus the MT ASE's select-numbered
 * registers. Pairs objdump does not name print as {@code $reg} (select 0) or {@code $reg,sel}.
 *
 * <p>The table was read off objdump's output for every (register, select) pair; keeping it as
 * plain data keeps the disassembler's decode logic free of it.
 */
final class Cp0Names {
  private Cp0Names() {}

  private static final String[] SEL0 = {
    "c0_index", "c0_random", "c0_entrylo0", "c0_entrylo1",
    "c0_context", "c0_pagemask", "c0_wired", "c0_hwrena",
    "c0_badvaddr", "c0_count", "c0_entryhi", "c0_compare",
    "c0_status", "c0_cause", "c0_epc", "c0_prid",
    "c0_config", "c0_lladdr", "c0_watchlo", "c0_watchhi",
    "c0_xcontext", "$21", "$22", "c0_debug",
    "c0_depc", "c0_perfcnt", "c0_errctl", "c0_cacheerr",
    "c0_taglo", "c0_taghi", "c0_errorepc", "c0_desave",
  };

  /**
   * Names for selects 1..7, indexed [register][select - 1]; null where objdump has no name. A
   * name ending in ",N" is printed as is: objdump names some banks (WatchLo, PerfCnt ...) by the
   * select-0 name followed by the select.
   */
  private static final String[] @Nullable [] SEL = new String[32][];

  private static void bank(int reg, String... names) {
    SEL[reg] = names;
  }

  /** A register whose selects 1..n are printed as "name,sel". */
  private static void numbered(int reg, int n) {
    String[] names = new String[n];
    for (int s = 1; s <= n; s++) {
      names[s - 1] = SEL0[reg] + "," + s;
    }
    SEL[reg] = names;
  }

  static {
    bank(0, "c0_mvpcontrol", "c0_mvpconf0", "c0_mvpconf1");
    bank(1, "c0_vpecontrol", "c0_vpeconf0", "c0_vpeconf1", "c0_yqmask", "c0_vpeschedule",
        "c0_vpeschefback");
    bank(2, "c0_tcstatus", "c0_tcbind", "c0_tcrestart", "c0_tchalt", "c0_tccontext",
        "c0_tcschedule", "c0_tcschefback");
    bank(4, "c0_contextconfig");
    bank(5, "c0_pagegrain");
    bank(6, "c0_srsconf0", "c0_srsconf1", "c0_srsconf2", "c0_srsconf3", "c0_srsconf4");
    bank(12, "c0_intctl", "c0_srsctl", "c0_srsmap");
    bank(15, "c0_ebase");
    bank(16, "c0_config1", "c0_config2", "c0_config3");
    numbered(18, 7);
    numbered(19, 7);
    bank(23, "c0_tracecontrol", "c0_tracecontrol2", "c0_usertracedata", "c0_tracebpc");
    numbered(25, 7);
    numbered(27, 3);
    bank(28, "c0_datalo", "c0_taglo1", "c0_datalo1", "c0_taglo2", "c0_datalo2", "c0_taglo3",
        "c0_datalo3");
    bank(29, "c0_datahi", "c0_taghi1", "c0_datahi1", "c0_taghi2", "c0_datahi2", "c0_taghi3",
        "c0_datahi3");
  }

  /** The operand text for CP0 register {@code reg} (0..31), select {@code sel} (0..7). */
  static String name(int reg, int sel) {
    if (sel == 0) {
      return SEL0[reg];
    }
    String @Nullable [] bank = SEL[reg];
    if (bank != null && sel <= bank.length) {
      return bank[sel - 1];
    }
    return "$" + reg + "," + sel;
  }
}
