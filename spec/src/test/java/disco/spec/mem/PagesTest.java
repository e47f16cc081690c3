package disco.spec.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import disco.spec.addr.Addresses;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class PagesTest {
  @Test
  void pageOfAndOffsetSplitAnAddress() {
    assertEquals(0x12345L, Pages.machinePageOf(Addresses.machine(0x12345678L)));
    assertEquals(0x678, Pages.offsetInPage(0x12345678L));
    assertEquals(0x12345000L, Pages.machinePageBase(0x12345L));
  }

  @Property
  void baseOfPagePlusOffsetIsTheAddress(@ForAll @LongRange(min = 0, max = 0xffff_ffffL) long raw) {
    long page = Pages.guestPageOf(Addresses.guestPhysical(raw));
    assertEquals(raw, Pages.guestPageBase(page) + Pages.offsetInPage(raw));
  }
}
