package disco.hw.machine;

import disco.hw.numa.HotPage;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * FLASH's per-page, per-node cache-miss counters as the machine exposes them (MAGIC counted misses
 * to every page from every node; Disco's migration and replication policy reads them).
 */
public interface MissCounters {
  long misses(long page, int node);

  void reset(long page);

  void setThreshold(int threshold);

  int threshold();

  /** The next page whose count for a node crossed the threshold, in order; null if none. */
  @Nullable HotPage pollHotPage();
}
