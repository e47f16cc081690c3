package disco.hw.numa;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Per-page, per-node cache-miss counters with a threshold, as FLASH's MAGIC kept them for Disco's
 * page migration and replication policy.
 *
 * <p>Each machine page has one counter per node, counting the misses to that page from the node's
 * processors since the page's counters were last reset. When a counter reaches the threshold, a
 * {@link HotPage} event is queued, once: the page and node are then marked fired, and fire again
 * only after a reset of that page's counters. Events wait in arrival order until polled, so the
 * machine can deliver them as interrupts at its own pace; resetting counters leaves queued events
 * alone, since they report what did happen.
 *
 * <p>Counters are stored sparsely, per page that has missed at all; they saturate rather than
 * wrap. Nothing here depends on hash order: anything listed is sorted. Changes go through the
 * {@link MemorySystem}, which keeps its own account of what the counters should add up to.
 */
public final class MissCounterTable {
  private final Topology topology;
  private final Map<Long, PageCounters> pages = new HashMap<>();
  private final ArrayDeque<HotPage> events = new ArrayDeque<>();
  private int threshold;

  /** One page's counters, and which nodes' counters have fired since the last reset. */
  private static final class PageCounters {
    final int[] misses;
    long fired;

    PageCounters(int nodes) {
      misses = new int[nodes];
    }
  }

  MissCounterTable(Topology topology, int threshold) {
    this.topology = topology;
    setThreshold(threshold);
  }

  public int threshold() {
    return threshold;
  }

  /**
   * Sets the threshold (0 disables events). Counters already at or above a new, lower threshold
   * fire at their next miss.
   */
  void setThreshold(int threshold) {
    if (threshold < 0) {
      throw new IllegalArgumentException("threshold must be >= 0, got " + threshold);
    }
    this.threshold = threshold;
  }

  /** Misses to {@code page} from processors of {@code node} since the page's last reset. */
  public int misses(long page, int node) {
    topology.nodeOfPage(page); // validates the page
    if (node < 0 || node >= topology.nodes()) {
      throw new IllegalArgumentException("node must be 0.." + (topology.nodes() - 1) + ", got " + node);
    }
    PageCounters c = pages.get(page);
    return c == null ? 0 : c.misses[node];
  }

  /** Clears {@code page}'s counters and fired marks; returns the misses it had counted. */
  long reset(long page) {
    PageCounters c = pages.remove(page);
    return c == null ? 0 : sum(c);
  }

  /** Clears every counter and fired mark. */
  void resetAll() {
    pages.clear();
  }

  /** The oldest unpolled event, removed from the queue, or null if none is waiting. */
  @Nullable HotPage poll() {
    return events.poll();
  }

  /** Number of events waiting. */
  public int pending() {
    return events.size();
  }

  /** The sum of every counter: the misses counted since the last reset, pages reset since aside. */
  public long total() {
    long sum = 0;
    for (PageCounters c : pages.values()) {
      sum += sum(c);
    }
    return sum;
  }

  /** The sum of {@code node}'s counters over all pages. */
  public long totalForNode(int node) {
    long sum = 0;
    for (PageCounters c : pages.values()) {
      sum += c.misses[node];
    }
    return sum;
  }

  /** The pages with any miss counted, ascending. */
  public long[] pages() {
    return pages.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
  }

  /**
   * The {@code k} pages with the most remote misses (misses from nodes other than the page's
   * home), most first, ties broken by lower page number; pages without remote misses are left out.
   */
  public List<PageMisses> hottest(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("k must be >= 0, got " + k);
    }
    List<PageMisses> all = new ArrayList<>();
    for (Map.Entry<Long, PageCounters> entry : pages.entrySet()) {
      long page = entry.getKey();
      int home = topology.nodeOfPage(page);
      long local = entry.getValue().misses[home];
      long remote = sum(entry.getValue()) - local;
      if (remote > 0) {
        all.add(new PageMisses(page, home, remote, local));
      }
    }
    all.sort(
        Comparator.comparingLong(PageMisses::remoteMisses)
            .reversed()
            .thenComparingLong(PageMisses::page));
    return List.copyOf(all.subList(0, Math.min(k, all.size())));
  }

  MemorySystemState.Counters state() {
    List<MemorySystemState.PageCounters> out = new ArrayList<>(pages.size());
    for (long page : pages()) {
      PageCounters c = pages.get(page);
      if (c != null) {
        out.add(new MemorySystemState.PageCounters(page, c.misses.clone(), c.fired));
      }
    }
    return new MemorySystemState.Counters(out, List.copyOf(events), threshold);
  }

  void restore(MemorySystemState.Counters s) {
    pages.clear();
    for (MemorySystemState.PageCounters p : s.pages()) {
      PageCounters c = new PageCounters(topology.nodes());
      System.arraycopy(p.misses(), 0, c.misses, 0, c.misses.length);
      c.fired = p.fired();
      pages.put(p.page(), c);
    }
    events.clear();
    events.addAll(s.events());
    setThreshold(s.threshold());
  }

  /** Counts one miss to {@code page} from a processor of {@code node}. */
  void record(long page, int node) {
    PageCounters c = pages.get(page);
    if (c == null) {
      c = new PageCounters(topology.nodes());
      pages.put(page, c);
    }
    int count = c.misses[node];
    if (count != Integer.MAX_VALUE) {
      c.misses[node] = ++count;
    }
    long bit = 1L << node;
    if (threshold > 0 && count >= threshold && (c.fired & bit) == 0) {
      c.fired |= bit;
      events.add(new HotPage(page, node, count));
    }
  }

  private static long sum(PageCounters c) {
    long s = 0;
    for (int m : c.misses) {
      s += m;
    }
    return s;
  }
}
