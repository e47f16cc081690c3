package disco.hw.port;

import static disco.hw.port.Bare.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of trap reaches the handler as the matching {@link TrapCause}, with its fields. */
class TrapCauseTest {
  private static final int DATA = 0x0040_0000; // kuseg
  private static final int DATA_PA = 0x0020_0000;

  private final List<TrapFrame> frames = new ArrayList<>();

  /** Runs {@code code} in supervisor mode with t0 = DATA; the handler stops the CPU. */
  private Bare run(int dataFlags, int... code) {
    Bare b = new Bare().supervisor(code);
    if (dataFlags >= 0) {
      assertTrue(b.port.tlbWriteIndexed(1, TlbEntry.of(DATA, 5, TlbEntry.entryLo(DATA_PA, dataFlags),
          TlbEntry.entryLo(DATA_PA + 0x1000, dataFlags))));
    }
    b.cpu.writeCp0(10, 0, 5); // ASID 5
    b.cpu.setGpr(T0, DATA);
    b.port.install(f -> {
      frames.add(f);
      f.halt();
    });
    b.cpu.run(5);
    assertEquals(1, frames.size());
    return b;
  }

  private TrapCause cause() {
    return frames.get(0).cause();
  }

  @Test
  void tlbRefillOnLoad() {
    run(-1, lw(T1, T0, 8));
    assertEquals(new TrapCause.TlbRefill(Access.LOAD, DATA + 8, 5, false), cause());
  }

  @Test
  void tlbInvalidOnStore() {
    run(D, sw(T1, T0, 4));
    assertEquals(new TrapCause.TlbInvalid(Access.STORE, DATA + 4, 5), cause());
  }

  @Test
  void tlbModified() {
    run(V, sw(T1, T0, 0x1004));
    assertEquals(new TrapCause.TlbModified(DATA + 0x1004, 5), cause());
  }

  @Test
  void tlbRefillOnFetchHasNoWord() {
    run(-1, addiu(T0, T0, 0), 0x0100_0008 /* jr t0 */, 0);
    assertEquals(new TrapCause.TlbRefill(Access.FETCH, DATA, 5, false), cause());
    assertTrue(frames.get(0).instruction().word().isEmpty());
    assertEquals(DATA, frames.get(0).instruction().address());
  }

  @Test
  void systemCallWithItsWord() {
    run(-1, 0x0000_abcc);
    assertEquals(new TrapCause.SystemCall(0x0000_abcc), cause());
  }

  @Test
  void addressErrorOnAMisalignedLoad() {
    run(V | D, lw(T1, T0, 2));
    assertEquals(new TrapCause.AddressError(Access.LOAD, DATA + 2), cause());
  }

  @Test
  void supervisorReachingKseg0IsAnAddressError() {
    run(-1, 0x3c08_8000 /* lui t0, 0x8000 */, lw(T1, T0, 0));
    assertEquals(new TrapCause.AddressError(Access.LOAD, 0x8000_0000), cause());
  }

  /** Runs {@code word} in supervisor mode on a page pair mapped at physical 0x3F000000, past RAM. */
  private TrapCause busErrorOf(int word) {
    frames.clear();
    Bare b = new Bare().supervisor(word);
    b.port.tlbWriteIndexed(1, TlbEntry.of(DATA, 0, TlbEntry.entryLo(0x3f00_0000L, G | V | D),
        TlbEntry.entryLo(0x3f00_1000L, G | V | D)));
    b.cpu.setGpr(T0, DATA);
    b.port.install(f -> {
      frames.add(f);
      f.halt();
    });
    b.cpu.run(2);
    return cause();
  }

  @Test
  void busErrorNamesThePhysicalAddress() {
    // outside the 512 MB of RAM, nothing answers
    assertEquals(new TrapCause.BusError(Access.LOAD, 0x3f00_0010), busErrorOf(lw(T1, T0, 0x10)));
  }

  /**
   * LL, LWL, SWL and the like never reach a device (docs/devices.md): outside RAM they are bus errors
   * too, and name the physical address and the access as LW and SW do.
   */
  @Test
  void busErrorOfAnUnalignedOrLinkedAccessNamesThePhysicalAddress() {
    int[][] cases = { // opcode, access
      {0x30, Access.LOAD.ordinal()}, // LL
      {0x22, Access.LOAD.ordinal()}, // LWL
      {0x2a, Access.STORE.ordinal()}, // SWL
    };
    for (int[] c : cases) {
      int word = (c[0] << 26) | (T0 << 21) | (T1 << 16) | 0x20;
      assertEquals(new TrapCause.BusError(Access.values()[c[1]], 0x3f00_0020), busErrorOf(word),
          String.format("opcode 0x%02x", c[0]));
    }
  }

  @Test
  void interruptWithThePendingLines() {
    Bare b = new Bare().supervisor(addiu(T1, 0, 1), addiu(T1, 0, 2));
    b.port.install(f -> {
      frames.add(f);
      f.halt();
    });
    b.cpu.writeCp0(12, 0, KSU_SUPERVISOR | (1 << (8 + 4)) | 1); // IM4, IE
    b.cpu.run(1);
    b.port.setInterruptLine(4, true);
    b.port.setInterruptLine(6, true);
    b.cpu.run(1);
    TrapCause.Interrupt i = (TrapCause.Interrupt) cause();
    assertEquals(0x50, i.pending());
    assertEquals(0x10, i.deliverable());
    assertEquals(SCODE + 4, frames.get(0).instruction().address(), "the next instruction");
  }
}
