package disco.hw.cpu;

/**
 * Unwinds the interpreter out of an instruction that raised an exception. The exception's
 * architectural effects (CP0 state, the new PC) are already done when this is thrown; the only job
 * left is to abandon the rest of the instruction. One stackless instance serves every CPU.
 */
final class Trap extends RuntimeException {
  private static final long serialVersionUID = 1L;
  static final Trap INSTANCE = new Trap();

  private Trap() {
    super("MIPS exception");
  }

  /** No stack trace is ever needed (and none is recorded: one instance is thrown by every trap). */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
