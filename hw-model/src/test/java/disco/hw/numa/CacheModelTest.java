package disco.hw.numa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The tag store on its own: set mapping, invalid-first then LRU replacement. */
class CacheModelTest {
  /** 4 lines of 64 bytes, two-way: 2 sets; even lines go to set 0, odd to set 1. */
  private final CacheModel cache = new CacheModel(0, new CacheGeometry(256, 64, 2));

  @Test
  void fillsInvalidWaysBeforeEvicting() {
    assertNull(cache.fill(0, LineState.SHARED));
    assertNull(cache.fill(2, LineState.MODIFIED));
    assertNull(cache.fill(1, LineState.SHARED)); // the other set is still empty
    assertEquals(LineState.SHARED, cache.state(0));
    assertEquals(LineState.MODIFIED, cache.state(2));
    assertEquals(LineState.INVALID, cache.state(4));
    assertArrayEquals(new long[] {0, 1, 2}, cache.lines());
    assertEquals(3, cache.residentLines());
  }

  @Test
  void evictsTheLeastRecentlyUsedWay() {
    cache.fill(0, LineState.SHARED);
    cache.fill(2, LineState.MODIFIED);
    cache.touch(cache.find(0)); // line 2 is now the least recently used of set 0
    assertEquals(new CacheModel.Eviction(2, LineState.MODIFIED), cache.fill(4, LineState.SHARED));
    assertEquals(new CacheModel.Eviction(0, LineState.SHARED), cache.fill(6, LineState.SHARED));
    assertArrayEquals(new long[] {4, 6}, cache.lines());
  }

  @Test
  void invalidateFreesTheWay() {
    cache.fill(0, LineState.SHARED);
    cache.fill(2, LineState.SHARED);
    assertEquals(LineState.SHARED, cache.invalidate(0));
    assertEquals(LineState.INVALID, cache.invalidate(0));
    assertNull(cache.fill(4, LineState.SHARED)); // took the freed way, evicting nothing
    assertEquals(LineState.SHARED, cache.state(2));
    assertEquals(2, cache.residentLines());
  }
}
