package disco.hw.port;

import static disco.hw.port.Bare.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.hw.cpu.Cp0;
import disco.hw.cpu.CycleBreakdown;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Java monitor emulates a privileged instruction (MFC0 Status, from a guest kernel in supervisor
 * mode without CU0) in a branch delay slot and resumes. Vol. III 6.2.1: the exception sets EPC to
 * the branch and Cause.BD; to go on, the monitor must complete the branch, not fall through after
 * the slot.
 */
class DelaySlotEmulationTest {
  static final int VIRTUAL_STATUS = 0x1234_5678;

  /** Emulates MFC0 rt, $12 with the guest's virtual Status; records every frame it saw. */
  static final class Monitor implements TrapHandler {
    final List<TrapFrame> frames = new ArrayList<>();
    boolean naive;

    @Override
    public void trap(TrapFrame f) {
      frames.add(f);
      TrapCause.CoprocessorUnusable c = (TrapCause.CoprocessorUnusable) f.cause();
      int rt = (c.instruction() >>> 16) & 31;
      int rd = (c.instruction() >>> 11) & 31;
      assertEquals(0x10, c.instruction() >>> 26, "COP0");
      assertEquals(0, (c.instruction() >>> 21) & 31, "MF");
      assertEquals(12, rd);
      f.cpu().setGpr(rt, VIRTUAL_STATUS);
      f.charge(50);
      if (naive) {
        f.resumeAt(f.instruction().address() + 4); // ignores the branch: wrong in a delay slot
      } else {
        f.resumeAfterEmulation();
      }
    }
  }

  private static Bare run(Monitor m, int steps, int... code) {
    Bare b = new Bare().supervisor(code);
    b.port.install(m);
    b.cpu.run(steps);
    return b;
  }

  @Test
  void takenBranchGoesToItsTarget() {
    Monitor m = new Monitor();
    Bare b = run(m, 3,
        beq(0, 0, 3), // -> SCODE + 16
        mfc0(T0, 12), // the slot: Coprocessor Unusable, emulated
        addiu(T1, 0, 1), // fall-through: must not run
        addiu(T1, 0, 2),
        addiu(T2, 0, 7)); // the target
    assertEquals(1, m.frames.size());
    FaultingInstruction insn = m.frames.get(0).instruction();
    assertEquals(SCODE + 4, insn.address());
    assertTrue(insn.inDelaySlot());
    assertEquals(SCODE, insn.epc(), "EPC names the branch");
    assertEquals(SCODE + 16, insn.next(), "the branch's outcome");
    assertEquals(mfc0(T0, 12), insn.word().getAsInt());
    assertEquals(new TrapCause.CoprocessorUnusable(0, mfc0(T0, 12)), m.frames.get(0).cause());
    assertEquals(SCODE, b.cpu.cp0().epc());
    assertTrue(b.cpu.cp0().cause() < 0, "Cause.BD");

    assertEquals(VIRTUAL_STATUS, b.cpu.gpr(T0));
    assertEquals(0, b.cpu.gpr(T1), "the fall-through did not run");
    assertEquals(7, b.cpu.gpr(T2));
    assertEquals(SCODE + 20, b.cpu.pc());
    assertEquals(0, b.cpu.cp0().status() & Cp0.ST_EXL, "EXL cleared, as ERET would");
    assertTrue(b.cpu.supervisorMode());
    CycleBreakdown t = b.cpu.cycleBreakdown();
    assertEquals(new CycleBreakdown(0, 3, 0, 50, 0, 0), t);
    assertEquals(b.cpu.cycles(), t.total());
  }

  @Test
  void notTakenBranchFallsThroughPastTheSlot() {
    Monitor m = new Monitor();
    Bare b = run(m, 3, bne(0, 0, 3), mfc0(T0, 12), addiu(T1, 0, 1), addiu(T1, 0, 2), addiu(T2, 0, 7));
    assertEquals(SCODE + 8, m.frames.get(0).instruction().next());
    assertEquals(VIRTUAL_STATUS, b.cpu.gpr(T0));
    assertEquals(1, b.cpu.gpr(T1));
    assertEquals(SCODE + 12, b.cpu.pc());
  }

  @Test
  void jalKeepsItsLinkAndReachesItsTarget() {
    Monitor m = new Monitor();
    Bare b = run(m, 3, jal(SCODE + 16), mfc0(T0, 12), addiu(T1, 0, 1), addiu(T1, 0, 2), addiu(T2, 0, 7));
    assertEquals(SCODE + 8, b.cpu.gpr(RA));
    assertEquals(VIRTUAL_STATUS, b.cpu.gpr(T0));
    assertEquals(0, b.cpu.gpr(T1));
    assertEquals(7, b.cpu.gpr(T2));
  }

  /** The check has teeth: resuming after the slot as if it were not one runs the fall-through. */
  @Test
  void resumingAfterTheSlotIgnoringTheBranchIsWrong() {
    Monitor m = new Monitor();
    m.naive = true;
    Bare b = run(m, 3, beq(0, 0, 3), mfc0(T0, 12), addiu(T1, 0, 1), addiu(T1, 0, 2), addiu(T2, 0, 7));
    assertEquals(1, b.cpu.gpr(T1), "the naive resume ran the fall-through");
    assertEquals(0, b.cpu.gpr(T2));
  }

  /** Resume at a PC with a given next PC: the instruction at PC runs as the slot of a branch to next. */
  @Test
  void resumeAtWithNextPcRunsTheSlotThenTheTarget() {
    Bare b = new Bare().supervisor(syscall(), addiu(T1, 0, 1), addiu(T1, 0, 2), addiu(T2, 0, 7));
    b.port.install(f -> f.resumeAt(SCODE + 4, SCODE + 12));
    b.cpu.run(3); // syscall, the slot (t1 = 1), the "target" (t2 = 7)
    assertEquals(1, b.cpu.gpr(T1));
    assertEquals(7, b.cpu.gpr(T2));
    assertEquals(SCODE + 16, b.cpu.pc());
  }
}
