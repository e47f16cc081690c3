package disco.hw.cpu;

/**
 * Exception codes of Cause.ExcCode (MIPS32 Architecture for Programmers Vol. III, table "Cause
 * Register ExcCode Field"). Plain int constants: the interpreter raises them on its hot path.
 */
public final class ExcCode {
  private ExcCode() {}

  public static final int INT = 0;
  public static final int MOD = 1;
  public static final int TLBL = 2;
  public static final int TLBS = 3;
  public static final int ADEL = 4;
  public static final int ADES = 5;
  public static final int IBE = 6;
  public static final int DBE = 7;
  public static final int SYS = 8;
  public static final int BP = 9;
  public static final int RI = 10;
  public static final int CPU = 11;
  public static final int OV = 12;
  public static final int TR = 13;
  public static final int FPE = 15;
  public static final int C2E = 18;
  public static final int WATCH = 23;
  public static final int MCHECK = 24;
  public static final int CACHEERR = 30;

  private static final String[] NAMES = new String[32];

  static {
    String[][] n = {
      {"Int", "interrupt"}, {"Mod", "TLB modified"}, {"TLBL", "TLB miss or invalid on load/fetch"},
      {"TLBS", "TLB miss or invalid on store"}, {"AdEL", "address error on load/fetch"},
      {"AdES", "address error on store"}, {"IBE", "bus error on fetch"}, {"DBE", "bus error on data"},
      {"Sys", "system call"}, {"Bp", "breakpoint"}, {"RI", "reserved instruction"},
      {"CpU", "coprocessor unusable"}, {"Ov", "integer overflow"}, {"Tr", "trap"}
    };
    for (int i = 0; i < n.length; i++) {
      NAMES[i] = n[i][0] + " (" + n[i][1] + ")";
    }
    NAMES[FPE] = "FPE (floating-point exception)";
    NAMES[C2E] = "C2E (coprocessor 2 exception)";
    NAMES[WATCH] = "WATCH (watch)";
    NAMES[MCHECK] = "MCheck (machine check)";
    NAMES[CACHEERR] = "CacheErr (cache error)";
  }

  /** A readable name, e.g. {@code "RI (reserved instruction)"}. */
  public static String name(int code) {
    String s = code >= 0 && code < 32 ? NAMES[code] : null;
    return s != null ? s : "ExcCode " + code;
  }
}
