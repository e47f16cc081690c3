package disco.hw.mem;

import disco.hw.Endianness;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A sparse, byte-addressable memory of up to 4 GB, held as 4 KB pages of 32-bit words.
 *
 * <p>A word is stored as the value a {@code LW} of its address returns, so aligned word accesses
 * (the common case) cost one array access; byte and halfword accesses pick their lane according
 * to the byte order. Doublewords (FPU {@code LDC1/SDC1}) are two words, the more significant one at
 * the lower address in big-endian order and at the higher address in little-endian order.
 *
 * <p>Pages exist only once allocated. Whether touching an absent page allocates it (machine RAM)
 * or is a fault (a Linux process's unmapped address) is the caller's decision: the accessors here
 * take a page that is known present, and {@link #page(int)} returns {@code null} for an absent one.
 * Addresses are 32-bit and unsigned ({@code int}, compared with {@code >>>}).
 */
public final class Memory {
  public static final int PAGE_SHIFT = 12;
  public static final int PAGE_SIZE = 1 << PAGE_SHIFT;
  public static final int WORDS_PER_PAGE = PAGE_SIZE / 4;
  private static final int PAGE_COUNT = 1 << (32 - PAGE_SHIFT);

  private final Endianness order;
  private final boolean big;
  private final int[] @Nullable [] pages = new int[PAGE_COUNT][];
  private long allocatedPages;
  /** The allocated pages' numbers: a snapshot or restore visits them, not all 2^20 slots. */
  private final java.util.BitSet present = new java.util.BitSet(PAGE_COUNT);

  public Memory(Endianness order) {
    this.order = order;
    this.big = order.isBig();
  }

  public Endianness order() {
    return order;
  }

  /** The words of page {@code pageNumber}, or {@code null} if it was never allocated. */
  public int @Nullable [] page(int pageNumber) {
    return pages[pageNumber];
  }

  /** The words of page {@code pageNumber}, allocated (zero-filled) if absent. */
  public int[] allocate(int pageNumber) {
    int[] p = pages[pageNumber];
    if (p == null) {
      p = new int[WORDS_PER_PAGE];
      pages[pageNumber] = p;
      present.set(pageNumber);
      allocatedPages++;
    }
    return p;
  }

  /** Drops page {@code pageNumber}; a later access sees it absent. */
  public void free(int pageNumber) {
    if (pages[pageNumber] != null) {
      pages[pageNumber] = null;
      present.clear(pageNumber);
      allocatedPages--;
    }
  }

  /** The number of the first allocated page at or after {@code from}, or -1 when there is none. */
  public int nextAllocatedPage(int from) {
    return present.nextSetBit(from);
  }

  public boolean isPresent(int address) {
    return pages[address >>> PAGE_SHIFT] != null;
  }

  public long allocatedPages() {
    return allocatedPages;
  }

  // ---- lane arithmetic: shared by every access path -------------------------------------------

  /** Bit position of byte {@code address} within its word. */
  public int byteShift(int address) {
    int lane = address & 3;
    return big ? (3 - lane) << 3 : lane << 3;
  }

  /** Bit position of the halfword at (even) {@code address} within its word. */
  public int halfShift(int address) {
    int lane = address & 2;
    return big ? (2 - lane) << 3 : lane << 3;
  }

  // ---- accesses to present pages; 'address' need not be aligned beyond its natural size ------

  public static int word(int[] page, int address) {
    return page[(address & (PAGE_SIZE - 1)) >>> 2];
  }

  public static void setWord(int[] page, int address, int value) {
    page[(address & (PAGE_SIZE - 1)) >>> 2] = value;
  }

  public int byteOf(int[] page, int address) {
    return (word(page, address) >>> byteShift(address)) & 0xff;
  }

  public void setByte(int[] page, int address, int value) {
    int i = (address & (PAGE_SIZE - 1)) >>> 2;
    int s = byteShift(address);
    page[i] = (page[i] & ~(0xff << s)) | ((value & 0xff) << s);
  }

  public int halfOf(int[] page, int address) {
    return (word(page, address) >>> halfShift(address)) & 0xffff;
  }

  public void setHalf(int[] page, int address, int value) {
    int i = (address & (PAGE_SIZE - 1)) >>> 2;
    int s = halfShift(address);
    page[i] = (page[i] & ~(0xffff << s)) | ((value & 0xffff) << s);
  }

  // ---- convenience accessors that allocate on write and read absent pages as zero ------------
  // For loaders, system calls, DMA and tests; the CPU uses the page-level accessors above.

  public int loadWord(int address) {
    int[] p = pages[address >>> PAGE_SHIFT];
    return p == null ? 0 : word(p, address);
  }

  public void storeWord(int address, int value) {
    setWord(allocate(address >>> PAGE_SHIFT), address, value);
  }

  public int loadByte(int address) {
    int[] p = pages[address >>> PAGE_SHIFT];
    return p == null ? 0 : byteOf(p, address);
  }

  public void storeByte(int address, int value) {
    setByte(allocate(address >>> PAGE_SHIFT), address, value);
  }

  public int loadHalf(int address) {
    int[] p = pages[address >>> PAGE_SHIFT];
    return p == null ? 0 : halfOf(p, address);
  }

  public void storeHalf(int address, int value) {
    setHalf(allocate(address >>> PAGE_SHIFT), address, value);
  }

  /** Copies {@code length} bytes from memory at {@code address} into {@code dst}. */
  public void read(int address, byte[] dst, int offset, int length) {
    for (int i = 0; i < length; i++) {
      dst[offset + i] = (byte) loadByte(address + i);
    }
  }

  /** Copies {@code length} bytes of {@code src} into memory at {@code address}, allocating pages. */
  public void write(int address, byte[] src, int offset, int length) {
    for (int i = 0; i < length; i++) {
      storeByte(address + i, src[offset + i]);
    }
  }
}
