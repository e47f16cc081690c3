package disco.conformance.wiring;

import disco.conformance.Implementation;
import disco.hw.cpu.Cpu;
import disco.hw.cpu.TlbState;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Seeded defects of the reference, each a plausible bug of an emulator. Every one must fail at
 * least one vector (docs/conformance.md, "Mutants"); {@code disco conform --spi mutant:NAME} runs one.
 */
public final class Mutants {
  private Mutants() {}

  /** All mutants, named {@code mutant:...}. */
  public static List<Implementation> all() {
    return List.of(
        new ReferenceImplementation("mutant:slt-unsigned", new SltUnsigned()),
        new ReferenceImplementation("mutant:likely-skips-slot", new LikelySkipsSlot()),
        new ReferenceImplementation("mutant:tlb-ignores-asid", new TlbIgnoresAsid()),
        new ReferenceImplementation("mutant:add-never-traps", new AddNeverTraps()),
        new ReferenceImplementation("mutant:sra-logical", new SraLogical()),
        new ReferenceImplementation("mutant:divu-signed", new DivuSigned()),
        new ReferenceImplementation("mutant:fr0-odd-is-pair", new Fr0OddIsPair()),
        new ReferenceImplementation("mutant:count-ignores-dc", new CountIgnoresDc()),
        new ReferenceImplementation("mutant:tlbwr-uses-index", new TlbwrUsesIndex()));
  }

  private static int rs(int insn) {
    return (insn >>> 21) & 31;
  }

  private static int rt(int insn) {
    return (insn >>> 16) & 31;
  }

  private static int rd(int insn) {
    return (insn >>> 11) & 31;
  }

  private static boolean special(int insn, int funct) {
    return (insn >>> 26) == 0 && (insn & 0x3f) == funct;
  }

  /** Writes rd (not r0) and moves on to the next instruction. */
  private static boolean write(Cpu cpu, int reg, int value) {
    if (reg != 0) {
      cpu.setGpr(reg, value);
    }
    cpu.setPc(cpu.pc() + 4);
    return true;
  }

  /** SLT compares as unsigned numbers (the wrong sign). */
  static final class SltUnsigned implements Mutation {
    @Override
    public boolean execute(Cpu cpu, int insn, boolean inSlot) {
      if (inSlot || !special(insn, 0x2a)) {
        return false;
      }
      return write(cpu, rd(insn), Integer.compareUnsigned(cpu.gpr(rs(insn)), cpu.gpr(rt(insn))) < 0 ? 1 : 0);
    }

    @Override
    public @Nullable Runnable after(Cpu cpu, int insn) {
      if (!special(insn, 0x2a) || rd(insn) == 0) {
        return null;
      }
      int wrong = Integer.compareUnsigned(cpu.gpr(rs(insn)), cpu.gpr(rt(insn))) < 0 ? 1 : 0;
      return () -> cpu.setGpr(rd(insn), wrong);
    }
  }

  /** A taken BEQL/BNEL jumps straight to its target: the delay slot is skipped. */
  static final class LikelySkipsSlot implements Mutation {
    @Override
    public boolean execute(Cpu cpu, int insn, boolean inSlot) {
      int op = insn >>> 26;
      if (inSlot || (op != 0x14 && op != 0x15)) {
        return false;
      }
      boolean equal = cpu.gpr(rs(insn)) == cpu.gpr(rt(insn));
      if (equal != (op == 0x14)) {
        return false;
      }
      cpu.setPc(cpu.pc() + 4 + ((short) insn << 2));
      return true;
    }
  }

  /** Every TLB entry matches whatever the ASID: they are all made global. */
  static final class TlbIgnoresAsid implements Mutation {
    @Override
    public void prepare(Cpu cpu) {
      TlbState t = cpu.state().tlb();
      for (int i = 0; i < t.entryHi().length; i++) {
        cpu.tlbWrite(i, t.entryHi()[i], t.pageMask()[i], t.lo0()[i] | 1, t.lo1()[i] | 1);
      }
      cpu.flushTranslations();
    }
  }

  /** ADD wraps around like ADDU instead of taking Integer Overflow. */
  static final class AddNeverTraps implements Mutation {
    @Override
    public boolean execute(Cpu cpu, int insn, boolean inSlot) {
      if (inSlot || !special(insn, 0x20)) {
        return false;
      }
      return write(cpu, rd(insn), cpu.gpr(rs(insn)) + cpu.gpr(rt(insn)));
    }
  }

  /** SRA shifts in zeros, as SRL does. */
  static final class SraLogical implements Mutation {
    @Override
    public boolean execute(Cpu cpu, int insn, boolean inSlot) {
      if (inSlot || !special(insn, 0x03)) {
        return false;
      }
      return write(cpu, rd(insn), cpu.gpr(rt(insn)) >>> ((insn >>> 6) & 31));
    }

    @Override
    public @Nullable Runnable after(Cpu cpu, int insn) {
      if (!special(insn, 0x03) || rd(insn) == 0 || (insn >>> 21) != 0) {
        return null;
      }
      int wrong = cpu.gpr(rt(insn)) >>> ((insn >>> 6) & 31);
      return () -> cpu.setGpr(rd(insn), wrong);
    }
  }

  /** DIVU divides as signed numbers. */
  static final class DivuSigned implements Mutation {
    @Override
    public boolean execute(Cpu cpu, int insn, boolean inSlot) {
      int b = cpu.gpr(rt(insn));
      if (inSlot || !special(insn, 0x1b) || b == 0) {
        return false;
      }
      int a = cpu.gpr(rs(insn));
      cpu.setHiLo(a % b, a / b);
      cpu.setPc(cpu.pc() + 4);
      return true;
    }

    @Override
    public @Nullable Runnable after(Cpu cpu, int insn) {
      int b = cpu.gpr(rt(insn));
      int a = cpu.gpr(rs(insn));
      if (!special(insn, 0x1b) || b == 0 || (a == Integer.MIN_VALUE && b == -1)) {
        return null;
      }
      return () -> cpu.setHiLo(a % b, a / b);
    }
  }

  /**
   * With FR=0, a 64-bit operation on an odd register uses the even/odd pair the register belongs
   * to instead of raising Reserved Instruction (choice reserved-as-qemu).
   */
  static final class Fr0OddIsPair implements Mutation {
    private static final int FIELDS_LOW_BITS = (1 << 16) | (1 << 11) | (1 << 6);

    @Override
    public boolean execute(Cpu cpu, int insn, boolean inSlot) {
      boolean dbl = (insn >>> 21) == ((0x11 << 5) | 0x11); // COP1, fmt D
      int funct = insn & 63;
      boolean conditionalMove = funct >= 17 && funct <= 19; // MOVF/MOVT/MOVZ/MOVN.D use the pair anyway
      if (inSlot || !dbl || conditionalMove || (cpu.cp0().status() & (1 << 26)) != 0
          || (insn & FIELDS_LOW_BITS) == 0) {
        return false;
      }
      int fields = funct >= 48 ? (1 << 16) | (1 << 11) : FIELDS_LOW_BITS; // C.cond: no fd
      cpu.executeWord(insn & ~fields);
      return true;
    }
  }

  /** Cause.DC is ignored: Count never stops (choice count-per-instruction). */
  static final class CountIgnoresDc implements Mutation {
    private static final int CAUSE_DC = 1 << 27;

    @Override
    public boolean execute(Cpu cpu, int insn, boolean inSlot) {
      boolean mtc0Cause = (insn >>> 21) == ((0x10 << 5) | 4) && rd(insn) == 13 && (insn & 7) == 0;
      if (inSlot || !mtc0Cause) {
        return false;
      }
      cpu.executeWord(insn);
      // Clearing DC at the same instruction count restarts Count where it was stopped: no stop at all.
      cpu.writeCp0(13, 0, cpu.cp0().cause() & ~CAUSE_DC);
      return true;
    }
  }

  /** TLBWR writes the entry Index names, as TLBWI does (choice random-per-instruction). */
  static final class TlbwrUsesIndex implements Mutation {
    private static final int TLBWR = 0x4200_0006;
    private static final int TLBWI = 0x4200_0002;

    @Override
    public boolean execute(Cpu cpu, int insn, boolean inSlot) {
      if (inSlot || insn != TLBWR) {
        return false;
      }
      cpu.executeWord(TLBWI);
      return true;
    }
  }
}
