package disco.linux;

import disco.hw.cpu.Cp0;
import disco.hw.cpu.Cpu;
import disco.hw.elf.ElfFile;
import disco.hw.elf.ElfFormatException;
import disco.hw.elf.ElfSegment;
import disco.hw.mem.Memory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A user process image: the ELF's segments in the process's memory, the initial stack that the
 * Linux kernel builds for a new program (argc, argv, envp, auxv: System V ABI MIPS supplement,
 * "Process Initialization"), and the regions (stack, heap, anonymous mappings) whose pages are
 * allocated on first touch.
 */
final class LinuxProcess {
  static final int PAGE = Memory.PAGE_SIZE;
  /** One past the highest user address: user space ends at 0x80000000 on MIPS32. */
  static final long USER_TOP = 0x8000_0000L;
  /**
   * One past the highest stack address. The stack lies where qemu-user puts it for a 32-bit
   * program (8 MB at 0x40001000, above a guard page), not near the top of user space as Linux
   * does: a program may map fixed addresses up there, as it can under qemu-mips.
   */
  static final int STACK_TOP = 0x4080_1000;
  static final int STACK_SIZE = 8 << 20;
  /** Mappings without a fixed address are placed downward from here, below the stack's guard. */
  static final int MMAP_TOP = 0x3fff_f000;

  /**
   * The user segment, kuseg, is mapped onto physical memory one to one by wired, global TLB entries
   * of the largest page size (MIPS32 Vol. III, "PageMask Register": 256 MB pages), a pair of pages
   * each, so that the processor translates every user access as the architecture does and never
   * misses its TLB. The process's memory is "physical" memory with no RAM: a page the program has
   * not been given is a bus error, which {@link LinuxKernel} serves by allocating the page or with
   * SIGSEGV.
   */
  static final int IDENTITY_PAGE_MASK = 0x1fff_e000;
  static final int IDENTITY_PAIR_BYTES = 0x2000_0000;
  static final int IDENTITY_PAIRS = (int) (USER_TOP / IDENTITY_PAIR_BYTES);
  /** EntryLo bits of each identity page: cacheable (C=3), dirty (writable), valid, global. */
  private static final int IDENTITY_FLAGS = (3 << 3) | 4 | 2 | 1;

  // Auxiliary vector tags (linux/auxvec.h).
  private static final int AT_NULL = 0;
  private static final int AT_PHDR = 3;
  private static final int AT_PHENT = 4;
  private static final int AT_PHNUM = 5;
  private static final int AT_PAGESZ = 6;
  private static final int AT_BASE = 7;
  private static final int AT_FLAGS = 8;
  private static final int AT_ENTRY = 9;
  private static final int AT_UID = 11;
  private static final int AT_EUID = 12;
  private static final int AT_GID = 13;
  private static final int AT_EGID = 14;
  private static final int AT_HWCAP = 16;
  private static final int AT_CLKTCK = 17;
  private static final int AT_SECURE = 23;
  private static final int AT_RANDOM = 25;
  private static final int AT_EXECFN = 31;

  final Memory memory;
  final Cpu cpu;
  /** Demand-allocated regions, start (inclusive) to end (exclusive), as unsigned longs. */
  private final TreeMap<Long, Long> regions = new TreeMap<>();
  final int brkStart;
  int brk;
  int mmapNext = MMAP_TOP;

  LinuxProcess(ElfFile elf, List<String> argv, List<String> env) throws ElfFormatException {
    memory = new Memory(elf.order());
    cpu = new Cpu(memory, 0, 64, 0);
    mapUserSegment(cpu);
    long end = 0;
    for (ElfSegment s : elf.segments()) {
      if (s.type() != ElfSegment.PT_LOAD || s.memSize() == 0) {
        continue;
      }
      long va = Integer.toUnsignedLong(s.vaddr());
      if (va + s.memSize() > USER_TOP
          || (va < STACK_TOP && va + s.memSize() > MMAP_TOP)) {
        throw new ElfFormatException(elf.path(), String.format(
            "segment at 0x%08x overlaps the stack or kernel space", s.vaddr()));
      }
      long first = va & ~(PAGE - 1L);
      long last = (va + s.memSize() + PAGE - 1) & ~(PAGE - 1L);
      for (long p = first; p < last; p += PAGE) {
        memory.allocate((int) (p >>> Memory.PAGE_SHIFT));
      }
      memory.write(s.vaddr(), elf.bytes(), (int) s.offset(), (int) s.fileSize());
      end = Math.max(end, last);
    }
    brkStart = (int) end;
    brk = brkStart;
    mapRegion(STACK_TOP - STACK_SIZE, STACK_TOP);
    int sp = buildStack(elf, argv, env);

    // User mode, FPU usable, no interrupts. FR as qemu-user chooses from the ABI flags: 64-bit
    // FPU registers (FR=1) for FPXX, FP64 and FP64A code (Debian's default is FPXX), FR=0 for
    // FP32 (-mfp32) and for files without ABI flags.
    int fpAbi = elf.fpAbi();
    boolean fr = fpAbi == ElfFile.FP_ABI_XX || fpAbi == ElfFile.FP_ABI_64 || fpAbi == ElfFile.FP_ABI_64A;
    cpu.writeCp0(12, 0, Cp0.ST_CU1 | (2 << 3) | (fr ? Cp0.ST_FR : 0));
    // RDHWR may read CPUNum, SYNCI_Step, CC, CCRes and UserLocal from user mode, as Linux allows.
    cpu.writeCp0(7, 0, 0x2000_000f);
    cpu.setGpr(29, sp);
    cpu.setPc(elf.entry());
  }

  /** Writes the identity map of kuseg into the first TLB entries and wires them (see above). */
  private static void mapUserSegment(Cpu cpu) {
    int half = IDENTITY_PAIR_BYTES / 2;
    for (int i = 0; i < IDENTITY_PAIRS; i++) {
      int base = i * IDENTITY_PAIR_BYTES;
      int lo0 = ((base >>> 12) << 6) | IDENTITY_FLAGS;
      int lo1 = (((base + half) >>> 12) << 6) | IDENTITY_FLAGS;
      if (!cpu.tlbWrite(i, base, IDENTITY_PAGE_MASK, lo0, lo1)) {
        throw new IllegalStateException("identity map entry " + i + " refused by the TLB");
      }
    }
    cpu.writeCp0(6, 0, IDENTITY_PAIRS); // Wired: TLBWR never replaces them
  }

  /** Adds [start, end) to the demand-allocated regions. */
  void mapRegion(long start, long end) {
    if (end > start) {
      regions.put(start, end);
    }
  }

  /** Removes [start, end) from the regions and frees its pages. */
  void unmapRegion(long start, long end) {
    List<Map.Entry<Long, Long>> overlapping = new ArrayList<>();
    for (Map.Entry<Long, Long> e : regions.entrySet()) {
      if (e.getKey() < end && e.getValue() > start) {
        overlapping.add(e);
      }
    }
    for (Map.Entry<Long, Long> e : overlapping) {
      regions.remove(e.getKey());
      if (e.getKey() < start) {
        regions.put(e.getKey(), start);
      }
      if (e.getValue() > end) {
        regions.put(end, e.getValue());
      }
    }
    for (long p = start; p < end; p += PAGE) {
      memory.free((int) (p >>> Memory.PAGE_SHIFT));
    }
    cpu.flushTranslations();
  }

  /** Whether {@code address} lies in a region whose pages may be allocated on demand. */
  boolean inRegion(int address) {
    long a = Integer.toUnsignedLong(address);
    Map.Entry<Long, Long> e = regions.floorEntry(a);
    return e != null && a < e.getValue();
  }

  private int buildStack(ElfFile elf, List<String> argv, List<String> env) {
    int top = STACK_TOP;
    // Strings first, at the top of the stack.
    int[] argvPtr = new int[argv.size()];
    int[] envPtr = new int[env.size()];
    for (int i = argv.size() - 1; i >= 0; i--) {
      top = pushString(top, argv.get(i));
      argvPtr[i] = top;
    }
    for (int i = env.size() - 1; i >= 0; i--) {
      top = pushString(top, env.get(i));
      envPtr[i] = top;
    }
    int execfn = argvPtr.length > 0 ? argvPtr[0] : 0;
    // AT_RANDOM: 16 bytes the C library seeds its stack protector and pointer guard from. Fixed
    // bytes: every run is deterministic.
    top -= 16;
    for (int i = 0; i < 16; i++) {
      storeByte(top + i, 0x5a ^ (i * 37));
    }
    int random = top;
    int phnum = elf.segments().size();
    int[] aux = {
      AT_PHDR, elf.phdrAddress(), AT_PHENT, elf.phentsize(), AT_PHNUM, phnum,
      AT_PAGESZ, PAGE, AT_BASE, 0, AT_FLAGS, 0, AT_ENTRY, elf.entry(),
      AT_UID, 0, AT_EUID, 0, AT_GID, 0, AT_EGID, 0, AT_HWCAP, 0, AT_CLKTCK, 100,
      AT_SECURE, 0, AT_RANDOM, random, AT_EXECFN, execfn, AT_NULL, 0
    };
    int words = 1 + argv.size() + 1 + env.size() + 1 + aux.length;
    int sp = (top - words * 4) & ~15; // the ABI wants sp 8-byte aligned; keep 16
    int at = sp;
    storeWord(at, argv.size());
    at += 4;
    for (int p : argvPtr) {
      storeWord(at, p);
      at += 4;
    }
    storeWord(at, 0);
    at += 4;
    for (int p : envPtr) {
      storeWord(at, p);
      at += 4;
    }
    storeWord(at, 0);
    at += 4;
    for (int v : aux) {
      storeWord(at, v);
      at += 4;
    }
    return sp;
  }

  private int pushString(int top, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    int at = top - b.length - 1;
    memory.write(at, b, 0, b.length);
    storeByte(at + b.length, 0);
    return at;
  }

  private void storeWord(int address, int v) {
    memory.storeWord(address, v);
  }

  private void storeByte(int address, int v) {
    memory.storeByte(address, v);
  }
}
