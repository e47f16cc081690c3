package disco.hw.cpu;

import static disco.hw.cpu.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Random and Wired. Vol. III, "Random Register (CP0 Register 1)": decrements as each instruction
 * executes, ranges from Wired to the number of TLB entries minus 1, is set to that upper bound on
 * reset and when Wired is written; "Wired Register (CP0 Register 6)": the boundary between wired
 * and random entries. Vol. II TLBWR: writes the entry Random names.
 */
class TlbRandomWiredTest {
  private static final int TOP = Rig.TLB_SIZE - 1;

  private static Rig nops(int n) {
    Rig m = new Rig().kernel();
    for (int k = 0; k < n; k++) {
      m.code(Rig.KCODE + 4 * k, nop());
    }
    return m.at(Rig.KCODE);
  }

  private static void assertDecrementsWithin(Rig m, int wired, int steps) {
    int previous = m.cp0(C0_RANDOM);
    for (int k = 0; k < steps; k++) {
      m.run(1);
      int now = m.cp0(C0_RANDOM);
      assertTrue(now >= wired && now <= TOP, "Random " + now + " outside [" + wired + ", " + TOP + "]");
      int expected = previous == wired ? TOP : previous - 1;
      assertEquals(expected, now, "step " + k);
      previous = now;
    }
  }

  @Test
  void randomStartsAtTheTopAfterReset() {
    Rig m = new Rig();
    assertEquals(TOP, m.cp0(C0_RANDOM));
    assertEquals(0, m.cp0(C0_WIRED));
  }

  @Test
  void randomDecrementsOncePerInstructionAndWraps() {
    Rig m = nops(100);
    assertDecrementsWithin(m, 0, 3 * Rig.TLB_SIZE);
  }

  @Test
  void writingWiredResetsRandomAndBoundsIt() {
    Rig m = nops(200);
    m.code(Rig.KCODE, nop(), nop(), nop(), ori(T0, ZERO, 5), mtc0(T0, C0_WIRED));
    m.run(5);
    assertEquals(5, m.cp0(C0_WIRED));
    assertEquals(TOP, m.cp0(C0_RANDOM), "writing Wired sets Random to its upper bound");
    assertDecrementsWithin(m, 5, 40);
  }

  @Test
  void mfc0RandomStaysWithinBounds() {
    Rig m = new Rig().kernel();
    List<Integer> code = new ArrayList<>(List.of(ori(T0, ZERO, 12), mtc0(T0, C0_WIRED)));
    for (int k = 0; k < 20; k++) {
      code.add(mfc0(S0 + (k % 8), C0_RANDOM));
    }
    int[] words = code.stream().mapToInt(Integer::intValue).toArray();
    m.code(Rig.KCODE, words).at(Rig.KCODE);
    for (int k = 0; k < words.length; k++) {
      m.run(1);
      if (k >= 2) {
        int v = m.cpu.gpr(S0 + ((k - 2) % 8));
        assertTrue(v >= 12 && v <= TOP, "MFC0 Random = " + v);
      }
    }
  }

  @Test
  void tlbwrWritesTheEntryRandomNamesAndNeverAWiredOne() {
    Rig m = new Rig().kernel();
    List<Integer> code = new ArrayList<>(List.of(
        ori(T0, ZERO, 4), mtc0(T0, C0_WIRED),
        lui(T1, Rig.lo(0x0010_0000, Rig.V) >>> 16), ori(T1, T1, Rig.lo(0x0010_0000, Rig.V)),
        mtc0(T1, C0_ENTRYLO0), mtc0(T1, C0_ENTRYLO1), mtc0(ZERO, C0_PAGEMASK),
        lui(T0, 0x0100)));
    int prologue = code.size();
    int writes = 60;
    for (int k = 0; k < writes; k++) {
      code.add(addiu(T0, T0, 0x2000)); // next VPN2: no two written entries collide
      code.add(mtc0(T0, C0_ENTRYHI));
      for (int pad = 0; pad < k % 5; pad++) {
        // vary the spacing (3..7 instructions; 25 per 5 writes, prime to the 12 random indices)
        // so that every random index gets its turn
        code.add(nop());
      }
      code.add(tlbwr());
    }
    int[] words = code.stream().mapToInt(Integer::intValue).toArray();
    int[] wiredBefore = new int[4];
    for (int i = 0; i < 4; i++) {
      wiredBefore[i] = m.cpu.tlb().entryHi(i);
    }
    m.code(Rig.KCODE, words).at(Rig.KCODE).run(prologue);
    boolean[] hit = new boolean[Rig.TLB_SIZE];
    int done = 0;
    while (done < writes) {
      int pc = m.cpu.pc();
      boolean isTlbwr = m.mem.loadWord(pc & 0x1fff_ffff) == tlbwr();
      m.run(1);
      assertFalse(m.exl(), "no exception");
      if (isTlbwr) {
        int victim = m.cp0(C0_RANDOM); // Random has not moved since the TLBWR executed
        assertTrue(victim >= 4 && victim <= TOP);
        assertEquals(m.cpu.gpr(T0), m.cpu.tlb().entryHi(victim), "TLBWR wrote entry Random");
        hit[victim] = true;
        done++;
      }
    }
    for (int i = 0; i < 4; i++) {
      assertEquals(wiredBefore[i], m.cpu.tlb().entryHi(i), "wired entry " + i + " untouched");
      assertFalse(hit[i]);
    }
    for (int i = 4; i <= TOP; i++) {
      assertTrue(hit[i], "entry " + i + " was a victim at least once");
    }
  }

  @Test
  void tlbwiUsesIndexNotRandom() {
    Rig m = new Rig().kernel();
    m.code(Rig.KCODE,
        lui(T0, 0x0200), mtc0(T0, C0_ENTRYHI), ori(T1, ZERO, 2), mtc0(T1, C0_INDEX), tlbwi());
    m.at(Rig.KCODE).run(5);
    assertEquals(0x0200_0000, m.cpu.tlb().entryHi(2));
  }
}
