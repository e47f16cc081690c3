package disco.spec.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import disco.spec.model.GuestTlbSpec.Entry;
import org.junit.jupiter.api.Test;

class GuestTlbSpecTest {
  @Test
  void translationFollowsTheMatchingEntry() {
    GuestTlbSpec.State s = GuestTlbSpec.initial(4, 1);
    assertEquals(new GuestTlbSpec.Faulted(GuestTlbSpec.Fault.TLB_REFILL), GuestTlbSpec.translate(s, 3, false));
    s = GuestTlbSpec.step(s, new GuestTlbSpec.WriteIndexed(2, new Entry(3, 0, false, 1, true, false))).next();
    assertEquals(new GuestTlbSpec.Mapped(1, false), GuestTlbSpec.translate(s, 3, false));
    assertEquals(new GuestTlbSpec.Faulted(GuestTlbSpec.Fault.TLB_MODIFIED), GuestTlbSpec.translate(s, 3, true));
    assertEquals(new Seen.ProbeIndex(2), GuestTlbSpec.step(s, new GuestTlbSpec.Probe(3)).seen());
    // Another ASID does not match a non-global entry.
    GuestTlbSpec.State other = GuestTlbSpec.step(s, new GuestTlbSpec.SetAsid(5)).next();
    assertEquals(new Seen.ProbeIndex(-1), GuestTlbSpec.step(other, new GuestTlbSpec.Probe(3)).seen());
    s = GuestTlbSpec.step(s, new GuestTlbSpec.WriteIndexed(0, new Entry(4, 0, true, 0, false, false))).next();
    assertEquals(new GuestTlbSpec.Faulted(GuestTlbSpec.Fault.TLB_INVALID), GuestTlbSpec.translate(s, 4, false));
  }

  @Test
  void randomWriteMayLandOnAnyUnwiredIndex() {
    GuestTlbSpec.State s = GuestTlbSpec.initial(4, 1);
    assertEquals(3, GuestTlbSpec.allowed(s, new GuestTlbSpec.WriteRandom(new Entry(1, 0, false, 0, true, true))).size());
    assertEquals(new Seen.EntryRead(Entry.EMPTY), GuestTlbSpec.step(s, new GuestTlbSpec.Read(0)).seen());
  }
}
