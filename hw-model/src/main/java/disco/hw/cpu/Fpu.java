package disco.hw.cpu;

/** Placeholder with the FPU's contract; replaced by the full implementation. */
public final class Fpu {
  public static final int OK = 0;
  public static final int EXC_FPE = 15;
  public static final int EXC_RI = 10;
  private final long[] f = new long[32];
  private boolean fr;
  private int fcsr;

  public void setFr(boolean fr) { this.fr = fr; }
  public boolean fr() { return fr; }
  public int readWord(int fs) { return (int) f[fs]; }
  public void writeWord(int fd, int v) { f[fd] = (f[fd] & 0xffff_ffff_0000_0000L) | (v & 0xffff_ffffL); }
  public int readHighWord(int fs) { return (int) (f[fs] >>> 32); }
  public void writeHighWord(int fd, int v) { f[fd] = (f[fd] & 0xffff_ffffL) | ((long) v << 32); }
  public long readDouble(int fs) { return f[fs]; }
  public void writeDouble(int fd, long v) { f[fd] = v; }
  public int readControl(int fs) { return fs == 31 ? fcsr : 0; }
  public int writeControl(int fs, int v) { if (fs == 31) { fcsr = v; } return OK; }
  public boolean condition(int cc) { return false; }
  public int execute(int insn, int gprRt) { return EXC_RI; }
  public long[] snapshotRegisters() { return f.clone(); }
}
