package disco.hw.port;

import disco.hw.cpu.ExcCode;

/**
 * What made a CPU trap, with the fields each exception sets (MIPS32 Vol. III, 6.2 "Exception
 * Processing" and the exception descriptions that follow it). Addresses are guest-virtual for
 * TLB and address errors (BadVAddr) and physical for bus errors.
 */
public sealed interface TrapCause {
  /** Cause.ExcCode of this trap. */
  int excCode();

  private static int tlbCode(Access access) {
    return access == Access.STORE ? ExcCode.TLBS : ExcCode.TLBL;
  }

  /**
   * TLB Refill (Vol. III 6.2.8): no entry matched {@code badVAddr} under {@code asid}. Taken at the
   * refill vector (offset 0) when EXL was clear, at the general vector otherwise ({@code exlWasSet}).
   */
  record TlbRefill(Access access, int badVAddr, int asid, boolean exlWasSet) implements TrapCause {
    @Override
    public int excCode() {
      return tlbCode(access);
    }
  }

  /** TLB Invalid (Vol. III 6.2.9): the matching entry's half has V = 0. */
  record TlbInvalid(Access access, int badVAddr, int asid) implements TrapCause {
    @Override
    public int excCode() {
      return tlbCode(access);
    }
  }

  /** TLB Modified (Vol. III 6.2.10): a store through a valid entry with D = 0. */
  record TlbModified(int badVAddr, int asid) implements TrapCause {
    @Override
    public int excCode() {
      return ExcCode.MOD;
    }
  }

  /** Coprocessor Unusable (Vol. III 6.2.14): Cause.CE names the coprocessor; the instruction word. */
  record CoprocessorUnusable(int coprocessor, int instruction) implements TrapCause {
    @Override
    public int excCode() {
      return ExcCode.CPU;
    }
  }

  /** Interrupt (Vol. III 6.1): {@code pending} is Cause.IP7..IP0 (bit i = line i), unmasked or not. */
  record Interrupt(int pending, int enabled) implements TrapCause {
    @Override
    public int excCode() {
      return ExcCode.INT;
    }

    /** Lines both pending and enabled by Status.IM. */
    public int deliverable() {
      return pending & enabled;
    }
  }

  /** System Call (Vol. III 6.2.12): the SYSCALL instruction word (its code field in bits 25..6). */
  record SystemCall(int instruction) implements TrapCause {
    @Override
    public int excCode() {
      return ExcCode.SYS;
    }
  }

  /** Address Error (Vol. III 6.2.5): misaligned, or a segment the mode may not reach. */
  record AddressError(Access access, int badVAddr) implements TrapCause {
    @Override
    public int excCode() {
      return access == Access.STORE ? ExcCode.ADES : ExcCode.ADEL;
    }
  }

  /** Bus Error (Vol. III 6.2.11): nothing answered at physical {@code physicalAddress}. */
  record BusError(Access access, int physicalAddress) implements TrapCause {
    @Override
    public int excCode() {
      return access == Access.FETCH ? ExcCode.IBE : ExcCode.DBE;
    }
  }

  /** Any other exception (breakpoint, reserved instruction, overflow, trap, FPE, machine check). */
  record Other(int excCode, int instruction) implements TrapCause {
    public String name() {
      return ExcCode.name(excCode);
    }
  }
}
