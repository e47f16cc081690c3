package disco.hw.cpu;

import static disco.hw.cpu.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import disco.hw.Endianness;
import disco.testing.Choices;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The translation caches of {@link AddressTranslation} (the one-entry fetch, load and store caches
 * and the load and store fast paths in front of them) only save time: a CPU that empties them
 * before every instruction runs any program exactly as one that keeps them, step by step, in every
 * register, in CP0 and in memory. This is what makes a mutant of a cache's hit test that only ever
 * misses an equivalent mutant (docs/conformance.md, "Mutation testing of the CPU core").
 *
 * <p>The programs are random sequences of loads and stores of every width (aligned and not) through
 * base registers that point into kseg0, kseg1, kuseg and sseg pages; base registers stepped across
 * page boundaries; TLBWI, TLBWR, TLBP and TLBR after random EntryHi (ASID and VPN2), EntryLo (PFN,
 * V, D, G) and Index, with an access before and after; Status writes that set ERL (which unmaps
 * kuseg) or EXL; ERET into user mode, through a kuseg alias of the program, and SYSCALL back. Every
 * exception goes to a handler that skips the faulting instruction, so a program runs on after its
 * TLB misses, address errors, TLB Modified and Coprocessor Unusable exceptions.
 */
class TranslationCacheProperties {
  private static final int STEPS = 80;
  /** The data pages: physical 0x100000 + k * 0x1000, k < PAGES. */
  private static final int PAGES = 6;
  private static final int DATA_PA = 0x0010_0000;
  private static final int[] BASES = {S0, S1, S2, S3};
  private static final int[] VALUES = {T0, T1, T2, T3};

  /** Physical home of the program; kseg0 runs it in kernel mode, kuseg (TLB entry 5) in user mode. */
  private static final int CODE_PA = 0x0001_0000;
  private static final int USER_ALIAS = 0x0001_0000;

  /**
   * The handler at both vectors: skips the faulting instruction (EPC += 4) and returns. A SYSCALL
   * in user mode returns to the instruction after it in kernel mode, through the kseg0 alias.
   */
  private static final int[] HANDLER = {
    mfc0(K0, C0_EPC),
    addiu(K0, K0, 4),
    mfc0(K1, C0_CAUSE),
    i(0x0c, K1, K1, 0x7c), // andi k1, k1, ExcCode
    addiu(K1, K1, -(8 << 2)), // SYS
    bne(K1, 0, 5), // not a SYSCALL: to the MTC0 EPC
    nop(),
    lui(K1, 0x8000),
    or(K0, K0, K1), // the kseg0 alias of the return address
    ori(K1, 0, Cp0.ST_EXL), // KSU = kernel, EXL kept until ERET
    mtc0(K1, C0_STATUS),
    mtc0(K0, C0_EPC),
    eret(),
  };

  @Provide
  Arbitrary<List<Integer>> choices() {
    return Choices.lists(640);
  }

  @Property(tries = 300)
  void aCpuThatForgetsItsTranslationsBeforeEveryInstructionRunsAlike(
      @ForAll("choices") List<Integer> choices, @ForAll boolean big) {
    Rig keeps = build(Choices.of(choices), big);
    Rig forgets = build(Choices.of(choices), big);
    List<String> differences = runSideBySide(keeps, forgets, STEPS, () -> { });
    assertEquals(List.of(), differences, () -> "program " + program(keeps));
  }

  /**
   * The property has teeth: a TLB entry rewritten without emptying the caches (as a TLBWI that
   * forgot to would leave them) makes the CPU that keeps its caches load from the old page, and
   * the comparison says where.
   */
  @Test
  void aStaleTranslationIsFound() {
    Rig keeps = staleRig();
    Rig forgets = staleRig();
    int[] step = {0};
    List<String> differences = runSideBySide(keeps, forgets, 3, () -> {
      if (++step[0] == 2) { // after the first load: remap the page behind the caches' back
        for (Rig m : new Rig[] {keeps, forgets}) {
          m.cpu.tlb().write(0, 0x0040_0000, 0, Rig.lo(DATA_PA + 0x1000, Rig.V | Rig.D | Rig.G),
              Rig.lo(DATA_PA + 0x3000, Rig.V | Rig.D | Rig.G));
        }
      }
    });
    assertFalse(differences.isEmpty(), "a stale translation went unnoticed");
    assertEquals("step 2: gpr 9 0x00001111 against 0x00002222", differences.get(0));
  }

  private static Rig staleRig() {
    Rig m = new Rig().kernel();
    m.map(0, 0x0040_0000, 0, DATA_PA, Rig.V | Rig.D | Rig.G, DATA_PA + 0x2000, Rig.V | Rig.D | Rig.G, 0);
    m.mem.storeWord(DATA_PA, 0x1111);
    m.mem.storeWord(DATA_PA + 0x1000, 0x2222);
    m.gpr(S0, 0x0040_0000);
    return m.code(Rig.KCODE, lw(T0, 0, S0), lw(T1, 0, S0), nop()).at(Rig.KCODE);
  }

  /**
   * Runs both CPUs {@code steps} instructions, the second emptying its translation caches before
   * each; {@code between} runs before each step. Returns the first differences, by step.
   */
  static List<String> runSideBySide(Rig keeps, Rig forgets, int steps, Runnable between) {
    List<String> out = new ArrayList<>();
    for (int s = 1; s <= steps && out.isEmpty(); s++) {
      between.run();
      forgets.cpu.flushTranslations();
      keeps.cpu.run(1);
      forgets.cpu.run(1);
      compare(s, keeps, forgets, out);
    }
    for (int k = 0; k < PAGES && out.isEmpty(); k++) {
      for (int off = 0; off < 0x1000; off += 4) {
        int pa = DATA_PA + k * 0x1000 + off;
        int a = keeps.mem.loadWord(pa);
        int b = forgets.mem.loadWord(pa);
        if (a != b) {
          out.add(String.format("memory %08x: 0x%08x against 0x%08x", pa, a, b));
          break;
        }
      }
    }
    return out;
  }

  private static void compare(int step, Rig a, Rig b, List<String> out) {
    Cpu x = a.cpu;
    Cpu y = b.cpu;
    differ(out, step, "pc", x.pc(), y.pc());
    differ(out, step, "delay slot", x.inDelaySlot() ? 1 : 0, y.inDelaySlot() ? 1 : 0);
    for (int i = 1; i < 32; i++) {
      differ(out, step, "gpr " + i, x.gpr(i), y.gpr(i));
    }
    differ(out, step, "hi", x.hi(), y.hi());
    differ(out, step, "lo", x.lo(), y.lo());
    for (int reg = 0; reg < 32; reg++) {
      differ(out, step, "cp0 " + reg, x.readCp0(reg, 0), y.readCp0(reg, 0));
    }
    differ(out, step, "ll", x.llBit() ? 1 : 0, y.llBit() ? 1 : 0);
  }

  private static void differ(List<String> out, int step, String what, int a, int b) {
    if (a != b) {
      out.add(String.format("step %d: %s 0x%08x against 0x%08x", step, what, a, b));
    }
  }

  // ---- the random machine and program --------------------------------------------------------

  private static Rig build(Choices rnd, boolean big) {
    Rig m = new Rig(big ? Endianness.BIG : Endianness.LITTLE).kernel();
    m.code(0x8000_0000, HANDLER).code(0x8000_0180, HANDLER);
    // Entry 5 maps the program's user alias (global, valid, read-only); Wired = 6 keeps TLBWR off
    // entries 0..5.
    m.map(5, USER_ALIAS, 0, CODE_PA, Rig.G | Rig.V, CODE_PA + 0x1000, Rig.G | Rig.V, 0);
    m.cpu.writeCp0(C0_WIRED, 0, 6);
    // TLB entries 0..3: kuseg 0x400000.. and sseg 0xc0000000.. page pairs over the data pages.
    int[] vpn2 = {0x0040_0000, 0x0040_2000, 0xc000_0000, 0x0040_4000};
    int[] entryHi = new int[vpn2.length];
    for (int i = 0; i < vpn2.length; i++) {
      entryHi[i] = vpn2[i] | rnd.nextInt(3);
      m.cpu.tlb().write(i, entryHi[i], 0, randomLo(rnd), randomLo(rnd));
    }
    m.cpu.flushTranslations();
    m.asid(rnd.nextInt(3));
    // An exception taken with EXL or ERL set returns through an EPC or ErrorEPC it did not set:
    // both point at the program, so that it restarts rather than wanders.
    m.cpu.writeCp0(C0_EPC, 0, Rig.KCODE);
    m.cpu.writeCp0(C0_ERROREPC, 0, Rig.KCODE);
    for (int k = 0; k < PAGES * 1024; k++) {
      m.mem.storeWord(DATA_PA + 4 * k, k * 0x9e37_79b9); // a different word everywhere
    }
    for (int reg : BASES) {
      m.gpr(reg, randomPointer(rnd));
    }
    for (int reg : VALUES) {
      m.gpr(reg, rnd.nextInt());
    }
    int index = rnd.nextInt(4);
    m.gpr(T4, index); // the entry the program rewrites, and its EntryHi
    m.gpr(T7, entryHi[index]);
    m.gpr(T5, randomLo(rnd));
    m.gpr(T6, randomLo(rnd));
    m.gpr(T9, randomEntryHi(rnd));
    m.gpr(T8, switch (rnd.nextInt(3)) { // the Status the program sets now and then
      case 0 -> Cp0.ST_ERL;
      case 1 -> Cp0.ST_EXL;
      default -> Rig.KSU_USER | Cp0.ST_EXL;
    });
    List<Integer> code = new ArrayList<>();
    while (code.size() < STEPS) {
      code.addAll(randomInstruction(rnd, code.size()));
    }
    int[] words = code.stream().mapToInt(Integer::intValue).toArray();
    return m.code(Rig.KCODE, words).at(Rig.KCODE);
  }

  private static List<Integer> randomInstruction(Choices rnd, int at) {
    int base = BASES[rnd.nextInt(BASES.length)];
    int value = VALUES[rnd.nextInt(VALUES.length)];
    // Mostly aligned for every width, so that most accesses complete and the caches fill; now and
    // then an odd offset, for the address errors and for LWL/LWR/SWL/SWR.
    int[] aligned = {0, 4, 8, 0x7f8, 0xff8, 0xffc, -4, -8};
    int off = rnd.nextInt(6) == 0 ? 1 + rnd.nextInt(3) : aligned[rnd.nextInt(aligned.length)];
    return switch (rnd.nextInt(14)) {
      case 12 -> { // to user mode: ERET to the user alias of the instruction after the ERET
        int next = USER_ALIAS + 4 * (at + 6);
        yield List.of(mtc0(T8, C0_STATUS), i(0x23, base, value, off & ~3), lui(K0, next >>> 16),
            ori(K0, K0, next & 0xffff), mtc0(K0, C0_EPC), eret());
      }
      case 13 -> List.of(syscall()); // back to kernel mode (from kernel mode: the next instruction)
      case 0, 1, 2, 3 -> {
        int[] loads = {0x20, 0x24, 0x21, 0x25, 0x23, 0x22, 0x26, 0x30}; // LB LBU LH LHU LW LWL LWR LL
        yield List.of(i(loads[rnd.nextInt(loads.length)], base, value, off));
      }
      case 4, 5, 6 -> {
        int[] stores = {0x28, 0x29, 0x2b, 0x2a, 0x2e, 0x38}; // SB SH SW SWL SWR SC
        yield List.of(i(stores[rnd.nextInt(stores.length)], base, value, off));
      }
      case 7 -> List.of(addiu(base, base, rnd.nextBoolean() ? 0x1000 : -0x1000));
      case 8, 9 -> { // an access, the entry behind it rewritten (as after TLBP), the access again
        int load = i(0x23, base, value, off & ~3);
        yield List.of(mtc0(T7, C0_ENTRYHI), load, mtc0(T4, C0_INDEX),
            mtc0(rnd.nextBoolean() ? T5 : T6, C0_ENTRYLO0), mtc0(rnd.nextBoolean() ? T5 : T6, C0_ENTRYLO1),
            rnd.nextBoolean() ? tlbwi() : tlbwr(), load);
      }
      case 10 -> { // TLBR changes EntryHi's ASID; TLBP changes Index only
        int load = i(0x23, base, value, off & ~3);
        yield List.of(mtc0(T9, C0_ENTRYHI), load, rnd.nextBoolean() ? tlbp() : tlbr(), load);
      }
      default -> List.of(mtc0(T8, C0_STATUS), i(0x23, base, value, off & ~3), mtc0(0, C0_STATUS));
    };
  }

  private static int randomPointer(Choices rnd) {
    int page = DATA_PA + rnd.nextInt(PAGES) * 0x1000 + 4 * rnd.nextInt(1024);
    return switch (rnd.nextInt(4)) {
      case 0 -> 0x8000_0000 | page;
      case 1 -> 0xa000_0000 | page;
      case 2 -> 0xc000_0000 | (page & 0x1fff);
      default -> 0x0040_0000 + rnd.nextInt(8) * 0x1000 + (page & 0xfff);
    };
  }

  private static int randomLo(Choices rnd) {
    int flags = (rnd.nextInt(4) == 0 ? 0 : Rig.V) | (rnd.nextInt(3) == 0 ? 0 : Rig.D) | rnd.nextInt(2);
    return Rig.lo(DATA_PA + rnd.nextInt(PAGES) * 0x1000, flags | 3 << 3);
  }

  private static int randomEntryHi(Choices rnd) {
    int[] vpn2 = {0x0040_0000, 0x0040_2000, 0xc000_0000, 0x0040_4000, 0x0040_6000};
    return vpn2[rnd.nextInt(vpn2.length)] | rnd.nextInt(3);
  }

  private static String program(Rig m) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < STEPS; k++) {
      b.append(String.format("%08x ", m.mem.loadWord(CODE_PA + 4 * k)));
    }
    return b.toString().trim();
  }
}
