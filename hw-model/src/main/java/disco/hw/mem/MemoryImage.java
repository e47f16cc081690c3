package disco.hw.mem;

import java.util.ArrayList;
import java.util.List;

/**
 * The contents of a {@link Memory} as data: its non-zero pages, ascending. A page of zeros and an
 * absent page read alike on a machine (RAM pages are allocated, zero-filled, on first touch), so
 * they are the same state and the image leaves both out.
 */
public record MemoryImage(List<Page> pages) {
  public MemoryImage {
    pages = List.copyOf(pages);
  }

  /** One page: its number and its words as {@link Memory} keeps them (never modified). */
  public record Page(int number, int[] words) {}

  /** The non-zero pages of {@code m}, copied. */
  public static MemoryImage of(Memory m) {
    List<Page> out = new ArrayList<>();
    for (int pn = m.nextAllocatedPage(0); pn >= 0; pn = m.nextAllocatedPage(pn + 1)) {
      int[] p = m.page(pn);
      if (p != null && !zero(p)) {
        out.add(new Page(pn, p.clone()));
      }
    }
    return new MemoryImage(out);
  }

  /** Makes {@code m} hold exactly this image: every other page is dropped. */
  public void restoreInto(Memory m) {
    for (int pn = m.nextAllocatedPage(0); pn >= 0; pn = m.nextAllocatedPage(pn + 1)) {
      m.free(pn);
    }
    for (Page p : pages) {
      System.arraycopy(p.words(), 0, m.allocate(p.number()), 0, Memory.WORDS_PER_PAGE);
    }
  }

  private static boolean zero(int[] page) {
    for (int w : page) {
      if (w != 0) {
        return false;
      }
    }
    return true;
  }
}
