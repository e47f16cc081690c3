package disco.hw.cpu;

import disco.hw.mem.Memory;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Address translation and memory access (MIPS32 Vol. III, "Virtual Memory"): the segments with
 * their privilege checks and cache attributes, the TLB lookup with its refill, invalid and
 * modified exceptions, address errors, loads and stores of every width to RAM or to {@link Mmio},
 * and the instruction fetch through a one-entry page cache.
 *
 * <p>Physical pages below the RAM limit are allocated on first touch; the rest go to {@link Mmio},
 * and an access there that no device answers is a bus error.
 */
abstract class AddressTranslation extends ExceptionProcessing {
  AddressTranslation(Memory mem, int cpuNum, int tlbSize, long ramBytes) {
    super(mem, cpuNum, tlbSize, ramBytes);
  }

  // ---- address translation ------------------------------------------------------------------

  int fetch() {
    int va = pc;
    int[] page = fetchPage;
    if (((va ^ fetchVpage) & ~0xfff) != 0 || page == null) {
      page = refillFetch(va);
    } else if ((va & 3) != 0) {
      addressError(FETCH, va);
    }
    MemoryTiming t = timing;
    if (t != null && ((va ^ lastFetchLine) & fetchLineMask) != 0) {
      lastFetchLine = va;
      stallCycles += t.access(self(), fetchPhysical | (va & 0xfff), MemoryTiming.FETCH, !fetchUncached);
    }
    return page[(va & 0xfff) >>> 2];
  }

  int[] refillFetch(int va) {
    if ((va & 3) != 0) {
      addressError(FETCH, va);
    }
    int pa = translate(va, FETCH);
    int[] page = mem.page(pa >>> Memory.PAGE_SHIFT);
    if (page == null) {
      if (!isRam(pa)) {
        // Nothing answers an instruction fetch from device space or from above RAM: a bus error on
        // fetch (Vol. III, "Bus Error Exception").
        trapAccess = FETCH;
        trapBusAddress = pa;
        raise(ExcCode.IBE, 0);
      }
      page = mem.allocate(pa >>> Memory.PAGE_SHIFT);
    }
    fetchPage = page;
    fetchVpage = va & ~0xfff;
    fetchPhysical = pa & ~0xfff;
    fetchUncached = uncached;
    lastFetchLine = 1; // a new page: the next fetch is timed
    return page;
  }

  /** True when the CPU runs in kernel mode: KSU=0, or EXL or ERL set. */
  public boolean kernelMode() {
    int s = cp0.status;
    return (s & (Cp0.ST_EXL | Cp0.ST_ERL)) != 0 || (s & Cp0.ST_KSU) == 0;
  }

  /** True when the CPU runs in supervisor mode: KSU=1, EXL=ERL=0. */
  public boolean supervisorMode() {
    int s = cp0.status;
    return (s & (Cp0.ST_EXL | Cp0.ST_ERL)) == 0 && (s & Cp0.ST_KSU) == 1 << 3;
  }

  /** Translates virtual {@code va} for an access of {@code kind}, or raises the exception. */
  int translate(int va, int kind) {
    switch (va >>> 29) {
      case 4: // kseg0: kernel, unmapped, cached unless Config.K0 says uncached (2)
        if (!kernelMode()) {
          addressError(kind, va);
        }
        uncached = (cp0.config0 & 7) == 2;
        return va & 0x1fff_ffff;
      case 5: // kseg1: kernel, unmapped, uncached
        if (!kernelMode()) {
          addressError(kind, va);
        }
        uncached = true;
        return va & 0x1fff_ffff;
      case 6: // sseg (ksseg): kernel and supervisor, mapped
        if (!kernelMode() && !supervisorMode()) {
          addressError(kind, va);
        }
        return mapped(va, kind);
      case 7: // kseg3: kernel, mapped
        if (!kernelMode()) {
          addressError(kind, va);
        }
        return mapped(va, kind);
      default: // kuseg: every mode, mapped; unmapped and uncached while ERL=1 (Vol. III, 4.5)
        if ((cp0.status & Cp0.ST_ERL) != 0) {
          uncached = true;
          return va;
        }
        return mapped(va, kind);
    }
  }

  int mapped(int va, int kind) {
    int i = tlb.find(va, cp0.entryHi & 0xff);
    if (i < 0) {
      tlbFault(kind, va, true);
    }
    int lo = tlb.halfFor(i, va);
    if ((lo & 2) == 0) { // V
      tlbFault(kind, va, false);
    }
    if (kind == STORE && (lo & 4) == 0) { // D
      trapAccess = STORE;
      tlbException(ExcCode.MOD, va, false);
    }
    uncached = ((lo >>> 3) & 7) == 2; // cache coherency attribute 2: uncached
    int offsetMask = tlb.offsetMask(i);
    int pfnAddr = (lo >>> 6) << 12;
    return (pfnAddr & ~offsetMask) | (va & offsetMask);
  }

  void tlbFault(int kind, int va, boolean refill) {
    trapAccess = kind;
    tlbException(kind == STORE ? ExcCode.TLBS : ExcCode.TLBL, va, refill);
  }

  /** TLB exceptions set BadVAddr, Context.BadVPN2 and EntryHi.VPN2 (Vol. III, 6.2.8-6.2.10). */
  void tlbException(int code, int va, boolean refill) {
    cp0.badVAddr = va;
    cp0.context = (cp0.context & 0xff80_0000) | ((va >>> 13) << 4);
    cp0.entryHi = (va & 0xffff_e000) | (cp0.entryHi & 0xff);
    raise(code, refill ? VECTOR_REFILL : 0);
  }

  void addressError(int kind, int va) {
    trapAccess = kind;
    cp0.badVAddr = va;
    raise(kind == STORE ? ExcCode.ADES : ExcCode.ADEL, 0);
  }

  /** The memory page for physical {@code pa}, or null if it is device space. */
  int @Nullable [] dataPage(int pa, int kind) {
    MemoryTiming t = timing;
    if (t != null) {
      stallCycles += t.access(self(), pa, kind, !uncached);
    }
    int pn = pa >>> Memory.PAGE_SHIFT;
    int[] p = mem.page(pn);
    if (p != null) {
      return p;
    }
    return isRam(pa) ? mem.allocate(pn) : null;
  }

  /** Whether physical {@code pa} is RAM: below the RAM size and not claimed by the devices. */
  boolean isRam(int pa) {
    return (pa >>> Memory.PAGE_SHIFT) < ramPages && !mmio.claims(pa);
  }

  /**
   * The memory page for an access that no device register answers (LWL, LWR, SWL, SWR, LL, SC): the
   * devices decode only aligned LW and SW (docs/devices.md), so anything else in device space is a
   * bus error on data (Vol. III, "Bus Error Exception").
   */
  int[] ramPage(int pa, int kind) {
    int[] p = dataPage(pa, kind);
    if (p == null) {
      trapAccess = kind;
      trapBusAddress = pa;
      raise(ExcCode.DBE, 0);
      throw Trap.INSTANCE; // not reached: raise never returns
    }
    return p;
  }

  int mmioRead(int pa, int size) {
    if (!mmio.read(self(), pa, size, mmioValue)) {
      trapAccess = LOAD;
      trapBusAddress = pa;
      raise(ExcCode.DBE, 0);
    }
    return mmioValue[0];
  }

  void mmioWrite(int pa, int size, int value) {
    if (!mmio.write(self(), pa, size, value)) {
      trapAccess = STORE;
      trapBusAddress = pa;
      raise(ExcCode.DBE, 0);
    }
  }

  /**
   * The page of a load from {@code va} if the load translation cache holds its virtual page, with
   * the memory system's timing charged as the full path would; null otherwise.
   */
  private int @Nullable [] cachedLoad(int va) {
    int[] p = loadPage;
    if (p == null || ((va ^ loadVpage) & ~0xfff) != 0) {
      return null;
    }
    boolean u = loadUncached;
    uncached = u;
    MemoryTiming t = timing;
    if (t != null) {
      stallCycles += t.access(self(), loadPhysical | (va & 0xfff), LOAD, !u);
    }
    return p;
  }

  /** As {@link #cachedLoad} for a store, from the store translation cache. */
  private int @Nullable [] cachedStore(int va) {
    int[] p = storePage;
    if (p == null || ((va ^ storeVpage) & ~0xfff) != 0) {
      return null;
    }
    boolean u = storeUncached;
    uncached = u;
    MemoryTiming t = timing;
    if (t != null) {
      stallCycles += t.access(self(), storePhysical | (va & 0xfff), STORE, !u);
    }
    return p;
  }

  /** The RAM page of a load translated in full: remembered for the next load from its page. */
  private int @Nullable [] translatedLoad(int va, int pa) {
    int[] p = dataPage(pa, LOAD);
    if (p != null) {
      loadVpage = va & ~0xfff;
      loadPhysical = pa & ~0xfff;
      loadUncached = uncached;
      loadPage = p;
    }
    return p;
  }

  /** As {@link #translatedLoad} for a store (whose translation found the page writable). */
  private int @Nullable [] translatedStore(int va, int pa) {
    int[] p = dataPage(pa, STORE);
    if (p != null) {
      storeVpage = va & ~0xfff;
      storePhysical = pa & ~0xfff;
      storeUncached = uncached;
      storePage = p;
    }
    return p;
  }

  // Each access below first tries the translation cache of its kind with one compare (same page,
  // aligned) while no memory system is timing accesses; that test is kept in a method small
  // enough for the JIT to inline into the interpreter's switch, and everything else (alignment,
  // the timed hit, the full translation, devices) is in the method it falls back on.

  int loadWord(int va) {
    int[] p = loadPage;
    if (p != null && ((va ^ loadVpage) & ~0xffc) == 0 && timing == null) {
      uncached = loadUncached;
      return Memory.word(p, va);
    }
    return loadWordTranslated(va);
  }

  private int loadWordTranslated(int va) {
    if ((va & 3) != 0) {
      addressError(LOAD, va);
    }
    int[] p = cachedLoad(va);
    if (p != null) {
      return Memory.word(p, va);
    }
    int pa = translate(va, LOAD);
    p = translatedLoad(va, pa);
    return p != null ? Memory.word(p, pa) : mmioRead(pa, 4);
  }

  int loadHalf(int va) {
    int[] p = loadPage;
    if (p != null && ((va ^ loadVpage) & ~0xffe) == 0 && timing == null) {
      uncached = loadUncached;
      return mem.halfOf(p, va);
    }
    return loadHalfTranslated(va);
  }

  private int loadHalfTranslated(int va) {
    if ((va & 1) != 0) {
      addressError(LOAD, va);
    }
    int[] p = cachedLoad(va);
    if (p != null) {
      return mem.halfOf(p, va);
    }
    int pa = translate(va, LOAD);
    p = translatedLoad(va, pa);
    return p != null ? mem.halfOf(p, pa) : mmioRead(pa, 2) & 0xffff;
  }

  int loadByte(int va) {
    int[] p = loadPage;
    if (p != null && ((va ^ loadVpage) & ~0xfff) == 0 && timing == null) {
      uncached = loadUncached;
      return mem.byteOf(p, va);
    }
    return loadByteTranslated(va);
  }

  private int loadByteTranslated(int va) {
    int[] p = cachedLoad(va);
    if (p != null) {
      return mem.byteOf(p, va);
    }
    int pa = translate(va, LOAD);
    p = translatedLoad(va, pa);
    return p != null ? mem.byteOf(p, pa) : mmioRead(pa, 1) & 0xff;
  }

  void storeWord(int va, int v) {
    int[] p = storePage;
    if (p != null && ((va ^ storeVpage) & ~0xffc) == 0 && timing == null) {
      uncached = storeUncached;
      Memory.setWord(p, va, v);
      return;
    }
    storeWordTranslated(va, v);
  }

  private void storeWordTranslated(int va, int v) {
    if ((va & 3) != 0) {
      addressError(STORE, va);
    }
    int[] p = cachedStore(va);
    if (p != null) {
      Memory.setWord(p, va, v);
      return;
    }
    int pa = translate(va, STORE);
    p = translatedStore(va, pa);
    if (p != null) {
      Memory.setWord(p, pa, v);
    } else {
      mmioWrite(pa, 4, v);
    }
  }

  void storeHalf(int va, int v) {
    int[] p = storePage;
    if (p != null && ((va ^ storeVpage) & ~0xffe) == 0 && timing == null) {
      uncached = storeUncached;
      mem.setHalf(p, va, v);
      return;
    }
    storeHalfTranslated(va, v);
  }

  private void storeHalfTranslated(int va, int v) {
    if ((va & 1) != 0) {
      addressError(STORE, va);
    }
    int[] p = cachedStore(va);
    if (p != null) {
      mem.setHalf(p, va, v);
      return;
    }
    int pa = translate(va, STORE);
    p = translatedStore(va, pa);
    if (p != null) {
      mem.setHalf(p, pa, v);
    } else {
      mmioWrite(pa, 2, v);
    }
  }

  void storeByte(int va, int v) {
    int[] p = storePage;
    if (p != null && ((va ^ storeVpage) & ~0xfff) == 0 && timing == null) {
      uncached = storeUncached;
      mem.setByte(p, va, v);
      return;
    }
    storeByteTranslated(va, v);
  }

  private void storeByteTranslated(int va, int v) {
    int[] p = cachedStore(va);
    if (p != null) {
      mem.setByte(p, va, v);
      return;
    }
    int pa = translate(va, STORE);
    p = translatedStore(va, pa);
    if (p != null) {
      mem.setByte(p, pa, v);
    } else {
      mmioWrite(pa, 1, v);
    }
  }

  long loadDouble(int va) {
    if ((va & 7) != 0) {
      addressError(LOAD, va);
    }
    int first = loadWord(va);
    int second = loadWord(va + 4);
    // The more significant word is at the lower address in big-endian order.
    return big
        ? ((long) first << 32) | (second & 0xffff_ffffL)
        : ((long) second << 32) | (first & 0xffff_ffffL);
  }

  void storeDouble(int va, long v) {
    if ((va & 7) != 0) {
      addressError(STORE, va);
    }
    // Translate both words before writing either, so a fault on the second leaves memory as it was.
    translate(va + 4, STORE);
    storeWord(va, big ? (int) (v >>> 32) : (int) v);
    storeWord(va + 4, big ? (int) v : (int) (v >>> 32));
  }

}
