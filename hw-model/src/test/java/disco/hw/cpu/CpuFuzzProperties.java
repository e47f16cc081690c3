package disco.hw.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.hw.Endianness;
import disco.hw.mem.Memory;
import disco.testing.Choices;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random instruction words executed from random CPU states, in both byte orders: no Java
 * exception escapes {@link Cpu#run}, and every step either completes where the instruction's
 * class says or takes exactly one exception with the CP0 state of Vol. III, 6.2 (judged by
 * {@link FuzzOracle}). The states cover every mode (KSU, EXL, ERL), BEV, CU0/CU1, random
 * interrupt masks and pending software interrupts, a random EBase, ASID, Wired and TLB contents
 * (all page sizes, random V/D/G/PFN), random Count/Compare, and GPRs biased towards addresses in
 * every segment, misaligned addresses and the overflow edges. Words are uniform or biased towards
 * the SPECIAL, REGIMM, COP0, COP1, COP1X, SPECIAL2/3 and load/store opcodes.
 */
class CpuFuzzProperties {
  private static final int[] PAGE_MASKS = {0, 0x6000, 0x1e000, 0x7e000, 0x1fe000, 0x7fe000, 0x1ffe000};

  @Provide
  Arbitrary<Integer> words() {
    Arbitrary<Integer> any = Arbitraries.integers();
    Arbitrary<Integer> low26 = Arbitraries.integers().between(0, (1 << 26) - 1);
    Arbitrary<Integer> biasedOp = Arbitraries.of(0x00, 0x01, 0x10, 0x11, 0x12, 0x13, 0x1c, 0x1f, 0x2f, 0x30,
            0x38, 0x31, 0x35, 0x39, 0x3d)
        .flatMap(op -> low26.map(low -> (op << 26) | low));
    // COP0: MFC0/MTC0 (any register and select), MFMC0, RDPGPR/WRPGPR, and the CO functions.
    Arbitrary<Integer> cop0Rs = Arbitraries.of(0x00, 0x04, 0x0b, 0x0a, 0x0e, 0x01, 0x10);
    Arbitrary<Integer> cop0Funct = Arbitraries.of(0x01, 0x02, 0x06, 0x08, 0x18, 0x20, 0x1f, 0x3f);
    Arbitrary<Integer> cop0 = Arbitraries.integers().between(0, (1 << 21) - 1)
        .flatMap(low -> cop0Rs.flatMap(rs -> cop0Funct.map(f -> rs == 0x10
            ? (0x10 << 26) | (1 << 25) | (low & ~63) | f
            : (0x10 << 26) | (rs << 21) | (low & ~0x7f8))));
    Arbitrary<Integer> memory = Arbitraries.integers().between(0x20, 0x2e)
        .flatMap(op -> Arbitraries.integers().between(0, (1 << 26) - 1).map(low -> (op << 26) | low));
    return Arbitraries.frequencyOf(
        Tuple.of(4, any), Tuple.of(4, biasedOp), Tuple.of(3, cop0), Tuple.of(2, memory));
  }

  /** A random machine with the word at its PC; {@code slot} puts a branch before it. */
  static final class Setup {
    final Rig m;
    final int pc;
    final String description;
    final List<Integer> codes = new ArrayList<>();

    Setup(Rig m, int pc, String description) {
      this.m = m;
      this.pc = pc;
      this.description = description;
    }
  }

  static Setup build(Choices rnd, boolean big, int word, boolean slot, boolean branchTaken,
      boolean interrupts) {
    Rig m = new Rig(emptyMemory(big));
    Cpu cpu = m.cpu;
    // Status: mode, EXL, ERL, BEV, IE, IM, CU0..CU3.
    int ksu = rnd.nextInt(8) == 0 ? 3 : rnd.nextInt(3);
    int status = ksu << 3
        | (rnd.nextInt(4) == 0 ? Cp0.ST_EXL : 0)
        | (rnd.nextInt(6) == 0 ? Cp0.ST_ERL : 0)
        | (rnd.nextInt(4) == 0 ? Cp0.ST_BEV : 0)
        | (rnd.nextBoolean() ? Cp0.ST_IE : 0)
        | (rnd.nextInt(256) << 8)
        | (rnd.nextInt(16) << 28);
    boolean kernel = (status & 6) != 0 || ksu == 0;
    // The PC: kseg0/kseg1 in kernel mode, else a page mapped by TLB entry 0 (suseg/sseg).
    int offset = 4 + 4 * rnd.nextInt(0x3f0); // 4..0xfc0 within the page: room for slot and next
    int pa = (0x10 + rnd.nextInt(0x1f000)) << 12 | offset;
    int pc;
    if (kernel) {
      pc = (rnd.nextBoolean() ? 0x8000_0000 : 0xa000_0000) | pa;
    } else {
      int vpn = rnd.nextInt(0x7fff0) << 12;
      if (ksu == 1 && rnd.nextBoolean()) {
        vpn = 0xc000_0000 | (vpn & 0x1fff_f000);
      }
      pc = vpn | offset;
      int even = (pa & ~0x1fff) >>> 12;
      cpu.tlb().write(0, pc & 0xffff_e000, 0, (even << 6) | 0x1f, ((even + 1) << 6) | 0x1f);
      pa = ((pc & 0x1000) != 0 ? (even + 1) << 12 : even << 12) | offset;
    }
    cpu.writeCp0(10, 0, rnd.nextInt()); // EntryHi (ASID and VPN2)
    // Random TLB entries 1..size-1.
    int[] mapped = new int[cpu.tlb().size()];
    mapped[0] = pc;
    for (int i = 1; i < cpu.tlb().size(); i++) {
      mapped[i] = rnd.nextInt();
      if (rnd.nextInt(3) == 0) {
        continue;
      }
      int mask = PAGE_MASKS[rnd.nextInt(PAGE_MASKS.length)];
      int hi = (rnd.nextInt(3) == 0 ? pc + (rnd.nextInt(64) - 32) * 0x1000 : rnd.nextInt())
          & ~(mask | 0x1fff) | rnd.nextInt(256);
      if (rnd.nextInt(4) == 0) {
        hi = (hi & ~0xff) | (cpu.cp0().entryHi() & 0xff);
      }
      cpu.tlb().write(i, hi, mask, randomLo(rnd), randomLo(rnd));
      mapped[i] = (hi & ~0xff) + (rnd.nextInt() & (mask | 0x1fff));
    }
    // CP0.
    cpu.writeCp0(15, 1, rnd.nextInt()); // EBase
    cpu.writeCp0(6, 0, rnd.nextInt(16)); // Wired
    cpu.writeCp0(4, 0, rnd.nextInt()); // Context.PTEBase
    cpu.writeCp0(0, 0, rnd.nextInt(16)); // Index
    cpu.writeCp0(2, 0, randomLo(rnd));
    cpu.writeCp0(3, 0, randomLo(rnd));
    cpu.writeCp0(5, 0, PAGE_MASKS[rnd.nextInt(PAGE_MASKS.length)]);
    cpu.writeCp0(7, 0, rnd.nextInt(16) | (rnd.nextBoolean() ? 1 << 29 : 0)); // HWREna
    cpu.writeCp0(14, 0, randomAddress(rnd, pc)); // EPC
    cpu.writeCp0(30, 0, randomAddress(rnd, pc)); // ErrorEPC
    int count = rnd.nextInt();
    cpu.writeCp0(9, 0, count);
    // Compare: now and then the timer fires during the step
    cpu.writeCp0(11, 0, rnd.nextInt(6) == 0 ? count + 1 + rnd.nextInt(2) : count + 100_000);
    int cause = (rnd.nextBoolean() ? Cp0.CAUSE_IV : 0)
        | (interrupts && rnd.nextInt(4) == 0 ? (1 + rnd.nextInt(3)) << 8 : 0);
    cpu.writeCp0(13, 0, cause);
    // GPRs, HI, LO.
    for (int i = 1; i < 32; i++) {
      cpu.setGpr(i, rnd.nextInt(5) == 0 ? mapped[rnd.nextInt(mapped.length)] & ~(rnd.nextBoolean() ? 3 : 0)
          : randomGpr(rnd, pc));
    }
    cpu.setHiLo(rnd.nextInt(), rnd.nextInt());
    cpu.fpu().writeControl(25, rnd.nextInt(256)); // FCCR: random condition codes, where supported
    cpu.writeCp0(12, 0, status);
    // Code: the word at pc; a branch before it for a delay-slot run; a NOP after it.
    m.mem.storeWord(pa, word);
    if (slot) {
      int off = 1 + rnd.nextInt(0x100);
      m.mem.storeWord(pa - 4, branchTaken ? Asm.beq(0, 0, off) : Asm.bne(0, 0, off));
      cpu.setPc(pc - 4);
    } else {
      cpu.setPc(pc);
    }
    String d = String.format("%s, %s-endian, word %08x at %08x%s, Status %08x, Cause %08x",
        rnd, big ? "big" : "little", word, pc, slot ? " in a delay slot" : "", status, cause);
    return new Setup(m, pc, d);
  }

  // A Memory has a 2^20-entry page table: allocating one per try would dominate the run time, so
  // each thread recycles one per byte order, emptied between tries.
  private static final ThreadLocal<Memory[]> MEMORIES = ThreadLocal.withInitial(
      () -> new Memory[] {new Memory(Endianness.LITTLE), new Memory(Endianness.BIG)});

  static Memory emptyMemory(boolean big) {
    Memory mem = MEMORIES.get()[big ? 1 : 0];
    for (int pn = 0; pn < 1 << 20 && mem.allocatedPages() > 0; pn++) {
      mem.free(pn);
    }
    return mem;
  }

  static int randomLo(Choices rnd) {
    int pfn = rnd.nextInt(8) == 0 ? rnd.nextInt(1 << 24) : rnd.nextInt(0x20000);
    return pfn << 6 | rnd.nextInt(64);
  }

  static int randomAddress(Choices rnd, int pc) {
    return switch (rnd.nextInt(4)) {
      case 0 -> pc + 4 * (rnd.nextInt(64) - 32);
      case 1 -> 0x8000_0000 | (rnd.nextInt(1 << 29) & ~3);
      case 2 -> rnd.nextInt();
      default -> rnd.nextInt() & ~3;
    };
  }

  static int randomGpr(Choices rnd, int pc) {
    int[] edges = {0, 1, -1, 0x7fff_ffff, 0x8000_0000, 0x7fff_8000, 0xffff_8000};
    int[] segments = {0x0000_0000, 0x4000_0000, 0x8000_0000, 0xa000_0000, 0xc000_0000, 0xe000_0000};
    return switch (rnd.nextInt(8)) {
      case 0, 1 -> rnd.nextInt();
      case 2 -> rnd.nextInt(64) - 32;
      case 3 -> edges[rnd.nextInt(edges.length)];
      case 4 -> pc + (rnd.nextInt(512) - 256) * (rnd.nextBoolean() ? 4 : 1);
      case 5 -> segments[rnd.nextInt(segments.length)] | (rnd.nextInt(1 << 20) << (rnd.nextInt(3) * 4));
      case 6 -> 0x8000_0000 | rnd.nextInt(1 << 29);
      default -> (rnd.nextInt() & 0x7fff_ffff) & ~(rnd.nextBoolean() ? 3 : 0);
    };
  }

  /** Runs one step, collecting the exceptions a recording supervisor sees. */
  static void step(Setup s) {
    Cpu cpu = s.m.cpu;
    s.codes.clear();
    try {
      long executed = cpu.run(1);
      if (executed > 1) {
        throw new AssertionError("run(1) executed " + executed + " instructions");
      }
    } catch (RuntimeException e) {
      throw new AssertionError("Java exception escaped run(1): " + s.description, e);
    }
  }

  private static Setup install(Setup s) {
    s.m.cpu.setSupervisor((cpu, code) -> s.codes.add(code));
    return s;
  }

  private static void judge(Setup s, FuzzOracle.Snap before, int word, int slotNext) {
    List<String> bad = FuzzOracle.check(before, s.m.cpu, word, s.codes, slotNext);
    assertTrue(bad.isEmpty(), () -> s.description + ": " + bad);
  }

  /**
   * The machine state's random decisions: each property shrinks a failing case on these (towards
   * fewer and plainer choices), not on an opaque seed. A full state draws at most about 350; past
   * the end of the list every choice would be zero, the plainest.
   */
  @Provide
  Arbitrary<List<Integer>> choices() {
    return Choices.lists(512);
  }

  @Property(tries = 10_000)
  void anyWordFromAnyState(@ForAll("words") int word, @ForAll("choices") List<Integer> choices,
      @ForAll boolean big) {
    anyWordFromAnyState(word, Choices.of(choices), big);
  }

  private void anyWordFromAnyState(int word, Choices choices, boolean big) {
    Setup s = install(build(choices, big, word, false, false, true));
    Cpu cpu = s.m.cpu;
    FuzzOracle.Snap before = FuzzOracle.Snap.of(cpu);
    step(s);
    judge(s, before, word, 0);
    // A branch completed: run its delay slot (a NOP) and check where it goes.
    FuzzOracle.Flow f = FuzzOracle.flow(word, before);
    if (s.codes.isEmpty() && f.kind() != FuzzOracle.Flow.PLAIN && f.kind() != FuzzOracle.Flow.ERET
        && cpu.inDelaySlot()) {
      FuzzOracle.Snap slotBefore = FuzzOracle.Snap.of(cpu);
      step(s);
      judge(s, slotBefore, 0, f.taken() ? f.target() : s.pc + 8);
    }
  }

  @Property(tries = 5000)
  void anyWordInADelaySlot(@ForAll("words") int word, @ForAll("choices") List<Integer> choices,
      @ForAll boolean big, @ForAll boolean taken) {
    anyWordInADelaySlot(word, Choices.of(choices), big, taken);
  }

  private void anyWordInADelaySlot(int word, Choices choices, boolean big, boolean taken) {
    Setup s = install(build(choices, big, word, true, taken, false));
    Cpu cpu = s.m.cpu;
    FuzzOracle.Snap branch = FuzzOracle.Snap.of(cpu);
    step(s);
    judge(s, branch, s.m.mem.loadWord(physical(s, s.pc - 4)), 0);
    if (!s.codes.isEmpty()) {
      return; // the timer fired before the branch
    }
    assertEquals(s.pc, cpu.pc(), s.description);
    assertTrue(cpu.inDelaySlot(), s.description);
    FuzzOracle.Snap before = FuzzOracle.Snap.of(cpu);
    // Where the branch goes is read before the slot runs: the slot may be a store that
    // overwrites the branch itself (found by this property: an SDC1 onto its own branch).
    int next = slotNext(s, taken);
    step(s);
    judge(s, before, word, next);
  }

  /** A case the property once found: an SDC1 in a delay slot that overwrites its own branch. */
  @org.junit.jupiter.api.Test
  void regressionSdc1InADelaySlot() {
    for (boolean taken : new boolean[] {false, true}) {
      anyWordInADelaySlot(0xf7ffffff, Choices.seeded(35), true, taken);
    }
  }

  /** Where the branch before the slot goes: its target if taken, else past the slot. */
  private static int slotNext(Setup s, boolean taken) {
    int branchWord = s.m.cpu.memory().loadWord(physical(s, s.pc - 4));
    return taken ? s.pc + ((short) branchWord << 2) : s.pc + 4;
  }

  private static int physical(Setup s, int va) {
    if (va < 0 && va >>> 29 < 6) {
      return va & 0x1fff_ffff;
    }
    Tlb tlb = s.m.cpu.tlb();
    int lo = (va & 0x1000) == 0 ? tlb.entryLo0(0) : tlb.entryLo1(0);
    return ((lo >>> 6) << 12) | (va & 0xfff);
  }

  @Property(tries = 3000)
  void anyPcFromAnyState(@ForAll int pc, @ForAll("choices") List<Integer> choices,
      @ForAll boolean big) {
    Setup s = install(build(Choices.of(choices), big, 0, false, false, true));
    Cpu cpu = s.m.cpu;
    cpu.setPc(pc);
    FuzzOracle.Snap before = FuzzOracle.Snap.of(cpu);
    step(s);
    // Memory is all zeros (NOPs; the word written at the setup's PC is 0 too): the step completes
    // at pc+4, or takes a fetch exception for this PC, or an interrupt.
    judge(s, before, 0, 0);
  }
}
