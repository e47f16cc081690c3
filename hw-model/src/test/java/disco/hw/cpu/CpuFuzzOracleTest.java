package disco.hw.cpu;

import static disco.hw.cpu.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fuzz oracle has teeth: CPUs broken on purpose (r0 forced non-zero, a supervisor that corrupts
 * state while "taking" an exception, a TLB that contradicts the exception) are flagged, and a clean
 * CPU in the same situations is not.
 */
class CpuFuzzOracleTest {
  /** Runs one step of {@code m} with a recording supervisor that may also misbehave. */
  private static List<String> judgeOneStep(Rig m, int word, Supervisor extra) {
    List<Integer> codes = new ArrayList<>();
    m.cpu.setSupervisor((cpu, code) -> {
      codes.add(code);
      extra.exception(cpu, code);
    });
    FuzzOracle.Snap before = FuzzOracle.Snap.of(m.cpu);
    m.cpu.run(1);
    return FuzzOracle.check(before, m.cpu, word, codes, 0);
  }

  private static final Supervisor NOTHING = (cpu, code) -> { };

  private static Rig syscallMachine() {
    return new Rig().kernel().code(Rig.KCODE, syscall()).at(Rig.KCODE);
  }

  private static boolean mentions(List<String> problems, String text) {
    return problems.stream().anyMatch(p -> p.contains(text));
  }

  @Test
  void aCleanCpuPasses() {
    assertEquals(List.of(), judgeOneStep(syscallMachine(), syscall(), NOTHING));
    Rig m = new Rig().kernel().code(Rig.KCODE, addiu(T0, T0, 1)).at(Rig.KCODE);
    assertEquals(List.of(), judgeOneStep(m, addiu(T0, T0, 1), NOTHING));
  }

  @Test
  void flagsANonZeroR0() {
    Rig m = new Rig().kernel().code(Rig.KCODE, addiu(T0, T0, 1)).at(Rig.KCODE);
    FuzzOracle.Snap before = FuzzOracle.Snap.of(m.cpu);
    m.cpu.run(1);
    m.cpu.r[0] = 0x1234; // what a missing "r[0] = 0" would leave
    List<String> problems = FuzzOracle.check(before, m.cpu, addiu(T0, T0, 1), List.of(), 0);
    assertTrue(mentions(problems, "r0 = 00001234"), problems.toString());
  }

  @Test
  void flagsAnExceptionThatChangedAGpr() {
    List<String> problems = judgeOneStep(syscallMachine(), syscall(), (cpu, code) -> cpu.setGpr(5, 99));
    assertTrue(mentions(problems, "r5 changed by a faulting step"), problems.toString());
  }

  @Test
  void flagsAnExceptionThatWentElsewhereThanTheVector() {
    List<String> problems =
        judgeOneStep(syscallMachine(), syscall(), (cpu, code) -> cpu.resume(cpu.cp0().epc() + 4));
    assertTrue(mentions(problems, "expected the vector 80000180"), problems.toString());
    assertTrue(mentions(problems, "Status"), "EXL cleared by the resume: " + problems);
  }

  @Test
  void flagsAWrongEpc() {
    List<String> problems =
        judgeOneStep(syscallMachine(), syscall(), (cpu, code) -> cpu.writeCp0(14, 0, 0x8000_0000));
    assertTrue(mentions(problems, "EPC 80000000, expected " + FuzzOracle.hex(Rig.KCODE)),
        problems.toString());
  }

  @Test
  void flagsAMissedOrInventedException() {
    // The CPU took a syscall, but the oracle is told nothing was reported.
    Rig m = syscallMachine();
    FuzzOracle.Snap before = FuzzOracle.Snap.of(m.cpu);
    m.cpu.run(1);
    List<String> problems = FuzzOracle.check(before, m.cpu, syscall(), List.of(), 0);
    assertTrue(mentions(problems, "SYSCALL/BREAK completed without an exception"), problems.toString());
    // An ALU instruction reported as raising RI.
    Rig n = new Rig().kernel().code(Rig.KCODE, addiu(T0, T0, 1)).at(Rig.KCODE);
    FuzzOracle.Snap b2 = FuzzOracle.Snap.of(n.cpu);
    n.cpu.run(1);
    List<String> p2 = FuzzOracle.check(b2, n.cpu, addiu(T0, T0, 1), List.of(ExcCode.RI), 0);
    assertTrue(mentions(p2, "Cause.ExcCode"), p2.toString());
  }

  @Test
  void flagsATlbThatContradictsTheException() {
    // A TLB Invalid exception, after which the TLB is "repaired" behind the oracle's back: the
    // oracle's own lookup finds a valid entry and objects.
    Rig m = new Rig().kernel();
    m.map(3, 0x0050_0000, 0, 0x0060_0000, 0, 0x0060_1000, 0, 0);
    m.code(Rig.KCODE, lw(T0, 0, T1)).gpr(T1, 0x0050_0000).at(Rig.KCODE);
    List<String> clean = judgeOneStep(m, lw(T0, 0, T1), NOTHING);
    assertEquals(List.of(), clean);

    Rig b = new Rig().kernel();
    b.map(3, 0x0050_0000, 0, 0x0060_0000, 0, 0x0060_1000, 0, 0);
    b.code(Rig.KCODE, lw(T0, 0, T1)).gpr(T1, 0x0050_0000).at(Rig.KCODE);
    List<String> problems = judgeOneStep(b, lw(T0, 0, T1), (cpu, code) ->
        cpu.tlb().write(3, 0x0050_0000, 0, Rig.lo(0x0060_0000, Rig.V), 0));
    assertTrue(mentions(problems, "TLB Invalid but the matching entry is valid"), problems.toString());
  }

  @Test
  void randomStatesWithACorruptingSupervisorAreAllCaught() {
    // The fuzz setup, with a supervisor that bumps r7 whenever it takes an exception: every step
    // that took one must be flagged, and no step that did not.
    SplittableRandom rnd = new SplittableRandom(42);
    int exceptions = 0;
    for (int k = 0; k < 500; k++) {
      int word = rnd.nextInt();
      CpuFuzzProperties.Setup s = CpuFuzzProperties.build(disco.testing.Choices.seeded(rnd.nextLong()), rnd.nextBoolean(), word,
          false, false, true);
      List<Integer> codes = new ArrayList<>();
      s.m.cpu.setSupervisor((cpu, code) -> {
        codes.add(code);
        cpu.setGpr(7, cpu.gpr(7) + 1);
      });
      FuzzOracle.Snap before = FuzzOracle.Snap.of(s.m.cpu);
      s.m.cpu.run(1);
      List<String> problems = FuzzOracle.check(before, s.m.cpu, word, codes, 0);
      if (codes.isEmpty()) {
        assertEquals(List.of(), problems, s.description);
      } else {
        exceptions++;
        assertTrue(mentions(problems, "r7 changed by a faulting step"), s.description + problems);
      }
    }
    assertTrue(exceptions > 100, "the random states raise exceptions often enough: " + exceptions);
  }
}
