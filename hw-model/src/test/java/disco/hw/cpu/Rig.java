package disco.hw.cpu;

import disco.hw.Endianness;
import disco.hw.mem.Memory;

/**
 * A bare architectural-mode CPU for the privileged-architecture tests: 512 MB of RAM (so that every
 * kseg0/kseg1 address, including the BEV=1 vectors at physical 0x1FC00000, is RAM), a 16-entry TLB,
 * no supervisor. Code is written straight into physical memory.
 */
final class Rig {
  static final long RAM = 512L << 20;
  static final int TLB_SIZE = 16;

  /** Kernel code, in kseg0 (physical 0x10000). */
  static final int KCODE = 0x8001_0000;
  /** Kernel data, in kseg0 (physical 0x20000). */
  static final int KDATA = 0x8002_0000;
  /** User code and data: a 4 KB page pair at kuseg 0x00400000, mapped by TLB entry 0. */
  static final int UCODE = 0x0040_0000;
  static final int UDATA = 0x0040_1000;
  /** Physical home of the user page pair. */
  static final int UCODE_PA = 0x0030_0000;

  // EntryLo flag bits (Vol. III, "EntryLo0, EntryLo1"): G, V, D and C=3 (cacheable noncoherent).
  static final int G = 1;
  static final int V = 2;
  static final int D = 4;
  static final int C = 3 << 3;

  // Status values (Vol. III, "Status Register").
  static final int KSU_SUPERVISOR = 1 << 3;
  static final int KSU_USER = 2 << 3;

  final Memory mem;
  final Cpu cpu;

  Rig() {
    this(Endianness.BIG);
  }

  Rig(Endianness order) {
    this(new Memory(order));
  }

  /** A fresh CPU on an existing (for instance recycled, emptied) memory. */
  Rig(Memory mem) {
    this.mem = mem;
    cpu = new Cpu(mem, 0, TLB_SIZE, RAM);
  }

  /** Kernel mode after boot: BEV=0, ERL=0, EXL=0, KSU=0, interrupts disabled; EBase 0x80000000. */
  Rig kernel() {
    cpu.writeCp0(Asm.C0_STATUS, 0, 0);
    return this;
  }

  Rig status(int value) {
    cpu.writeCp0(Asm.C0_STATUS, 0, value);
    return this;
  }

  /** Writes {@code words} at unmapped (kseg0/kseg1) or physical address {@code va}. */
  Rig code(int va, int... words) {
    int pa = va < 0 ? va & 0x1fff_ffff : va;
    for (int k = 0; k < words.length; k++) {
      mem.storeWord(pa + 4 * k, words[k]);
    }
    return this;
  }

  /** Writes user code at {@code UCODE + offset} (through the physical page it is mapped to). */
  Rig userCode(int offset, int... words) {
    return code(UCODE_PA + offset, words);
  }

  /** Maps the user page pair UCODE/UDATA (global, valid, dirty) with TLB entry 0. */
  Rig mapUser() {
    return map(0, UCODE, 0, UCODE_PA, G | V | D | C, UCODE_PA + 0x1000, G | V | D | C, 0);
  }

  /**
   * Writes TLB entry {@code i}: VPN2 of {@code va}, {@code asid}, even half at {@code pa0}, odd half
   * at {@code pa1}, with the EntryLo flag bits given, and {@code pageMask}.
   */
  Rig map(int i, int va, int asid, int pa0, int flags0, int pa1, int flags1, int pageMask) {
    cpu.tlb().write(i, (va & 0xffff_e000) | asid, pageMask, lo(pa0, flags0), lo(pa1, flags1));
    cpu.flushTranslations();
    return this;
  }

  /** An EntryLo value: PFN of {@code pa} and the flag bits. */
  static int lo(int pa, int flags) {
    return ((pa >>> 12) << 6) | flags;
  }

  Rig at(int pc) {
    cpu.setPc(pc);
    return this;
  }

  Rig gpr(int reg, int value) {
    cpu.setGpr(reg, value);
    return this;
  }

  Rig asid(int asid) {
    cpu.writeCp0(Asm.C0_ENTRYHI, 0, asid);
    return this;
  }

  /** Runs exactly {@code n} steps and checks that the CPU was not stopped early. */
  Rig run(int n) {
    cpu.run(n);
    return this;
  }

  int excCode() {
    return (cpu.cp0().cause() >>> 2) & 0x1f;
  }

  boolean bd() {
    return cpu.cp0().cause() < 0;
  }

  int ce() {
    return (cpu.cp0().cause() >>> Cp0.CAUSE_CE_SHIFT) & 3;
  }

  boolean exl() {
    return (cpu.cp0().status() & Cp0.ST_EXL) != 0;
  }

  boolean erl() {
    return (cpu.cp0().status() & Cp0.ST_ERL) != 0;
  }

  int cp0(int reg) {
    return cpu.readCp0(reg, 0);
  }
}
