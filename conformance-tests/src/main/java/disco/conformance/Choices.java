package disco.conformance;

import java.util.Set;

/**
 * The implementation choices a vector may require (docs/conformance.md, "Implementation choices"):
 * behaviour the MIPS32 manuals leave to the implementation or make UNPREDICTABLE, pinned for the
 * implementations that declare they make the same choice. Without them a correct implementation
 * would fail; with them, one that promises to behave as the reference (a faster engine of it, or one
 * that must replay its runs) is held to that promise.
 */
public final class Choices {
  private Choices() {}

  /**
   * Encodings the manual makes reserved to an option the 24Kf lacks, or UNPREDICTABLE, behave as on
   * {@code qemu-mips -cpu 24Kf}: with FR = 0 a 64-bit operand in an odd FPU register (but for
   * MOVF/MOVT/MOVZ/MOVN.D, which move the even/odd pair), and any L-format operand or result, is a
   * Reserved Instruction; with FR = 1 the MIPS-3D functions 28 to
   * 31 of formats S and D compute RECIP2, RECIP1, RSQRT1 and RSQRT2 (a Reserved Instruction with
   * FR = 0); C.cond.fmt with bit 6 set compares absolute values (CABS); LUXC1 and SUXC1 with
   * FR = 0, EXT with pos + size > 32 and INS with msb < lsb are Reserved Instructions.
   */
  public static final String RESERVED_AS_QEMU = "reserved-as-qemu";

  /**
   * Count advances by one per instruction: after MTC0 Count with v at instruction i, MFC0 Count at
   * instruction j reads v + (j - i), modulo 2^32, counting only the instructions during which
   * Cause.DC is clear (setting DC holds the value the setting instruction would read; clearing it
   * goes on from there). The timer interrupt is requested after the instruction at which Count
   * reads Compare, when that instruction comes after the last write of Count or Compare; so it is
   * taken, if enabled, before the next one.
   */
  public static final String COUNT_PER_INSTRUCTION = "count-per-instruction";

  /**
   * A 16-entry TLB whose Random register counts down by one per instruction from 15 to Wired and
   * wraps to 15: after MTC0 Wired with w at instruction i, Random at instruction j reads
   * 15 - ((j - i) mod (16 - w)), and Wired is taken modulo 16.
   */
  public static final String RANDOM_PER_INSTRUCTION = "random-per-instruction";

  /**
   * WAIT restarts the pipeline as soon as an interrupt is requested that Status.IM enables, whatever
   * IE, EXL and ERL say (Vol. II, WAIT: "implementation-dependent whether the pipeline restarts when
   * a non-enabled interrupt is requested"); execution then goes on after the WAIT, with the
   * interrupt taken only if it is enabled. While it waits for the timer, Count goes on as it would
   * for instructions.
   */
  public static final String WAIT_RESTARTS_ON_IM = "wait-restarts-on-im";

  /**
   * TLBWI or TLBWR of an entry that would match an address another entry matches (the pages
   * overlapping whatever their sizes, the ASIDs equal or either entry global) takes a Machine Check
   * and sets Status.TS, writing nothing (Vol. III: such a TLB's behaviour is undefined, and whether a
   * write is checked is implementation-dependent).
   */
  public static final String TLB_DUPLICATE_MACHINE_CHECK = "tlb-duplicate-machine-check";

  /** Every choice this suite defines. */
  public static final Set<String> ALL = Set.of(RESERVED_AS_QEMU, COUNT_PER_INSTRUCTION, RANDOM_PER_INSTRUCTION,
      WAIT_RESTARTS_ON_IM, TLB_DUPLICATE_MACHINE_CHECK);
}
