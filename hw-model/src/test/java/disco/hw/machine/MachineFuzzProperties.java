package disco.hw.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.hw.Endianness;
import disco.hw.cpu.Cpu;
import disco.hw.cpu.Mmio;
import disco.hw.elf.ElfFile;
import disco.testing.TinyElf;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random short bare-metal programs on 1- to 4-CPU machines: each is a list of steps, a load or store
 * of any size to any address (biased towards the device window's registers, the space above RAM
 * and the boot ROM's place) with any value, or a raw instruction word. An exception handler skips
 * the faulting instruction, so a program goes on after a bus error. Whatever the program does, no
 * Java exception escapes the machine, the run ends with a stated reason, and a second run is the
 * same bit for bit. The lists shrink step by step, so a failure reports a short program.
 */
class MachineFuzzProperties {
  static final int KSEG0_BASE = 0x8000_f000; // code from here + TinyElf.HEADER; EBase = 0x80010000
  static final int EBASE = 0x8001_0000;
  static final int DEV = 0xbf00_0000;
  static final long MAX_CYCLES = 100_000;
  static final int T0 = 8;
  static final int T1 = 9;
  static final int K0 = 26;

  /** Load/store opcodes (Vol. II, table A.2): LB LH LWL LW LBU LHU LWR SB SH SWL SW SWR CACHE LL LWC1 PREF SC. */
  static final int[] MEMORY_OPS = {0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x28, 0x29, 0x2a, 0x2b, 0x2e,
      0x2f, 0x30, 0x31, 0x33, 0x38};
  /** Every register offset docs/devices.md names. */
  static final int[] REGISTERS = {0x000, 0x004, 0x008, 0x100, 0x200, 0x204, 0x208, 0x300, 0x304, 0x308,
      0x30c, 0x400, 0x404, 0x408, 0x40c, 0x410, 0x414, 0x418, 0x41c, 0x420, 0x500, 0x504, 0x508, 0x50c,
      0x510, 0x514, 0x518};

  /** One step of a program. */
  sealed interface Step {}

  /** {@code op t0, 0(t1)} with t1 = address and t0 = value. */
  record Access(int op, int address, int value) implements Step {
    @Override
    public String toString() {
      return String.format("op 0x%02x @0x%08x = 0x%08x", op, address, value);
    }
  }

  /** Two word accesses to one device: a store to a register, then a load or store of another. */
  record Pair(Access first, Access second) implements Step {
    @Override
    public String toString() {
      return first + "; " + second;
    }
  }

  /** {@code mtc0 t0, reg} with t0 = value: the guest moves its own vectors, mode and timer. */
  record Cp0Write(int reg, int sel, int value) implements Step {
    @Override
    public String toString() {
      return String.format("mtc0 0x%08x -> $%d.%d", value, reg, sel);
    }
  }

  /** Any instruction word. */
  record Raw(int word) implements Step {
    @Override
    public String toString() {
      return String.format(".word 0x%08x", word);
    }
  }

  record Shape(int nodes, int cpusPerNode, int memoryPerNodeMb, boolean cache, int quantum, int threshold) {
    MachineConfig config() {
      return new MachineConfig("fuzz", nodes, cpusPerNode, memoryPerNodeMb, cache, 64, 128, 2, "MESI", 1, 60,
          180, quantum, 16, threshold, Endianness.BIG);
    }
  }

  static final AtomicLong PROGRAMS = new AtomicLong();
  static final AtomicLong DEVICE_ACCESSES = new AtomicLong();
  static final Map<String, Long> STOPS = new TreeMap<>();

  @Provide
  Arbitrary<Shape> shapes() {
    Arbitrary<int[]> topology = Arbitraries.of(new int[] {1, 1}, new int[] {2, 1}, new int[] {1, 2},
        new int[] {3, 1}, new int[] {4, 1}, new int[] {2, 2}, new int[] {1, 4});
    return Combinators.combine(topology, Arbitraries.of(1, 2, 32), Arbitraries.of(true, false),
            Arbitraries.of(1, 7, 100, 1000), Arbitraries.of(0, 1, 3))
        .as((t, mb, cache, quantum, threshold) -> new Shape(t[0], t[1], mb, cache, quantum, threshold));
  }

  @Provide
  Arbitrary<List<Step>> programs() {
    Arbitrary<Integer> offsets = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.of(toList(REGISTERS))),
        Tuple.of(2, Arbitraries.integers().between(0, 0x6ff)),
        Tuple.of(1, Arbitraries.integers().between(0, 0xbf_ffff)));
    Arbitrary<Integer> deviceAddresses = offsets.map(o -> DEV + o);
    Arbitrary<Integer> otherAddresses = Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.of(0x9e00_0000, 0xbfc0_0000, 0x9fc0_0010, 0xbe00_0000, 0x8000_0000, 0xa010_0000,
            0x9f00_0000, 0xbfff_fffc, 0x0040_0000, 0xffff_fffc)),
        Tuple.of(1, Arbitraries.integers()),
        Tuple.of(1, Arbitraries.integers().between(0x8010_0000, 0x8020_0000)));
    Arbitrary<Integer> values = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.integers().between(-2, 8)),
        Tuple.of(2, Arbitraries.of(0x7fff_ffff, 0xffff_ffff, 0x8000_0000, 0x1000, 0xffff, 0x10000, 0x1f000,
            0x1f00_0000, 0x0010_0000, 0xffff_ff00)),
        Tuple.of(2, Arbitraries.integers()));
    Arbitrary<Integer> ops = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of(0x23, 0x2b)), // LW, SW: what devices answer
        Tuple.of(3, Arbitraries.of(toList(MEMORY_OPS))));
    Arbitrary<Step> device = Combinators.combine(ops, deviceAddresses, values).as(Access::new);
    Arbitrary<Step> other = Combinators.combine(ops, otherAddresses, values).as(Access::new);
    Arbitrary<Step> raw = Arbitraries.integers().map(Raw::new);
    Arbitrary<Integer> registers = Arbitraries.of(toList(REGISTERS));
    Arbitrary<Step> pair = Combinators.combine(registers, values, registers, Arbitraries.of(0x23, 0x2b), values)
        .as((a, v, b, op, w) -> new Pair(new Access(0x2b, DEV + a, v), new Access(op, DEV + (a & ~0xff) + (b & 0xff), w)));
    // Status, Cause, EPC, Compare, EBase: vectors where nothing is, interrupts on, timers.
    Arbitrary<Step> cp0 = Combinators.combine(Arbitraries.of(List.of(12, 13, 14, 11, 15)), Arbitraries.frequencyOf(
            Tuple.of(2, values), Tuple.of(1, Arbitraries.of(0x9e00_0000, 0xbfc0_0000, 0x8001_0000, 0xff01, 0x0040_0001))))
        .as((reg, v) -> new Cp0Write(reg, reg == 15 ? 1 : 0, v));
    // WAIT, SYSCALL, ERET, BREAK, EI, DI: the instructions that change what happens next.
    Arbitrary<Step> control = Arbitraries.of(0x4200_0020, 0x0000_000c, 0x4200_0018, 0x0000_000d, 0x4160_6020, 0x4160_6000)
        .map(Raw::new);
    Arbitrary<Step> step = Arbitraries.frequencyOf(
        Tuple.of(5, device), Tuple.of(3, pair), Tuple.of(2, other), Tuple.of(1, raw), Tuple.of(1, cp0),
        Tuple.of(1, control));
    return step.list().ofMinSize(1).ofMaxSize(24);
  }

  private static List<Integer> toList(int[] a) {
    List<Integer> l = new ArrayList<>();
    for (int v : a) {
      l.add(v);
    }
    return l;
  }

  /** The image: at 0x8000F054 the program (then halt 0); at EBase + 0, 0x180 and 0x200 the handler. */
  static int[] image(List<Step> program) {
    List<Integer> code = new ArrayList<>();
    li(code, T0, EBASE);
    code.add(0x4080_7801 | T0 << 16); // mtc0 t0, EBase (15, 1)
    code.add(0x4080_6000); // mtc0 zero, Status: BEV = 0, interrupts off
    for (Step s : program) {
      if (s instanceof Access a) {
        access(code, a);
      } else if (s instanceof Pair p) {
        access(code, p.first());
        access(code, p.second());
      } else if (s instanceof Cp0Write c) {
        li(code, T0, c.value());
        code.add(0x4080_0000 | T0 << 16 | c.reg() << 11 | c.sel()); // mtc0 t0, reg, sel
      } else if (s instanceof Raw r) {
        code.add(r.word());
      }
    }
    li(code, T1, DEV);
    code.add(0x2b << 26 | T1 << 21 | 0x100); // sw zero, 0x100(t1): halt 0
    code.add(0x1000_ffff); // b .
    code.add(0);
    int handlerIndex = (EBASE - KSEG0_BASE - TinyElf.HEADER) / 4;
    if (code.size() > handlerIndex) {
      throw new IllegalArgumentException("program too long: " + code.size() + " words");
    }
    int[] words = new int[handlerIndex + 0x200 / 4 + HANDLER.length];
    for (int i = 0; i < code.size(); i++) {
      words[i] = code.get(i);
    }
    for (int vector : new int[] {0x000, 0x180, 0x200}) {
      System.arraycopy(HANDLER, 0, words, handlerIndex + vector / 4, HANDLER.length);
    }
    return words;
  }

  /** EPC += 4; ERET: skips the instruction that faulted (Vol. III, 6.2.1). */
  static final int[] HANDLER = {
    0x4000_7000 | K0 << 16, // mfc0 k0, EPC
    0x2400_0004 | K0 << 21 | K0 << 16, // addiu k0, k0, 4
    0x4080_7000 | K0 << 16, // mtc0 k0, EPC
    0x0000_00c0, // ehb
    0x4200_0018, // eret
  };

  static void access(List<Integer> code, Access a) {
    li(code, T1, a.address());
    li(code, T0, a.value());
    code.add(a.op() << 26 | T1 << 21 | T0 << 16);
  }

  static void li(List<Integer> code, int reg, int value) {
    code.add(TinyElf.lui(reg, value >>> 16));
    code.add(TinyElf.ori(reg, reg, value));
  }

  /** What a run shows: how it stopped, the console, the statistics. */
  record Outcome(StopReason reason, String console, MachineStats stats) {}

  static Outcome run(Shape shape, List<Step> program, Consumer<Machine> tamper) throws Exception {
    ElfFile elf = ElfFile.parse(Path.of("fuzz.elf"), TinyElf.build(true, KSEG0_BASE, image(program), new byte[0]));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Machine m = new Machine(shape.config(), new TreeMap<>(), new ByteArrayInputStream(new byte[] {'x', 'y'}), out);
    tamper.accept(m);
    m.load(elf);
    StopReason reason = m.run(MAX_CYCLES, null);
    return new Outcome(reason, out.toString(java.nio.charset.StandardCharsets.ISO_8859_1), m.stats());
  }

  @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
  void noGuestProgramCrashesOrSilentlyHangsTheMachine(@ForAll("shapes") Shape shape,
      @ForAll("programs") List<Step> program) throws Exception {
    runsOnOrStopsWithAReason(shape, program);
  }

  /** The same property, ten times as many programs: {@code mvn verify -Plong}. */
  @Property(tries = 10_000, edgeCases = EdgeCasesMode.MIXIN)
  @net.jqwik.api.Tag("long")
  void noGuestProgramCrashesOrSilentlyHangsTheMachineLong(@ForAll("shapes") Shape shape,
      @ForAll("programs") List<Step> program) throws Exception {
    runsOnOrStopsWithAReason(shape, program);
  }

  static void runsOnOrStopsWithAReason(Shape shape, List<Step> program) throws Exception {
    Outcome first = run(shape, program, m -> {});
    assertNotNull(first.reason());
    assertTrue(!first.reason().sentence().isBlank());
    if (first.reason() instanceof StopReason.CycleLimit) {
      assertTrue(first.stats().cycles() >= MAX_CYCLES, "a cycle-limit stop before the limit");
    }
    Outcome second = run(shape, program, m -> {});
    assertEquals(first, second, "two runs of the same program differ");
    PROGRAMS.incrementAndGet();
    DEVICE_ACCESSES.addAndGet(program.stream().mapToLong(MachineFuzzProperties::deviceAccesses).sum());
    synchronized (STOPS) {
      STOPS.merge(first.reason().getClass().getSimpleName(), 1L, Long::sum);
    }
  }

  static long deviceAccesses(Step s) {
    if (s instanceof Pair) {
      return 2;
    }
    return s instanceof Access a && (a.address() & 0xff00_0000) == DEV ? 1 : 0;
  }

  @AfterContainer
  static void report() {
    if (PROGRAMS.get() > 0) {
      System.out.printf("machine fuzz: %d programs ran (%d device-window accesses) on 1 to 4 CPUs; stops %s%n",
          PROGRAMS.get(), DEVICE_ACCESSES.get(), STOPS);
    }
  }

  // ---- teeth: the same check on a machine whose miss-counter device lacks its page check --------

  /**
   * The miss-counter device as it was before its page check: a guest-chosen page number goes
   * straight to the memory system. Everything else is the real device window.
   */
  static void brokenMissCounters(Machine m) {
    Mmio real = m.devices();
    int[] page = {0};
    Mmio broken = new Mmio() {
      @Override
      public boolean read(Cpu cpu, int address, int size, int[] out) {
        if (address == 0x1f00_0508 && size == 4) {
          out[0] = (int) m.missCounters().misses(Integer.toUnsignedLong(page[0]), 0);
          return true;
        }
        return real.read(cpu, address, size, out);
      }

      @Override
      public boolean write(Cpu cpu, int address, int size, int value) {
        if (address == 0x1f00_0500 && size == 4) {
          page[0] = value;
        } else if (address == 0x1f00_050c && size == 4) {
          m.missCounters().reset(Integer.toUnsignedLong(page[0]));
          return true;
        }
        return real.write(cpu, address, size, value);
      }

      @Override
      public boolean claims(int address) {
        return real.claims(address);
      }
    };
    for (Cpu c : m.cpus()) {
      c.setMmio(broken);
    }
  }

  @org.junit.jupiter.api.Test
  void theGeneratedProgramsFindAMissingPageCheck() throws Exception {
    Shape one = new Shape(1, 1, 32, true, 1000, 0);
    // Only programs that select a page can reach the device's bug: run those (generating is cheap).
    List<List<Step>> samples = programs().sampleStream()
        .filter(p -> p.toString().contains("op 0x2b @0xbf000500")).limit(300).toList();
    long escaped = 0;
    for (List<Step> p : samples) {
      try {
        run(one, p, MachineFuzzProperties::brokenMissCounters);
      } catch (IllegalArgumentException e) {
        escaped++;
      }
    }
    System.out.println("machine fuzz teeth: " + escaped + " of " + samples.size()
        + " programs crash a machine whose miss-counter device lacks its page check");
    assertTrue(escaped > 0, "no sample reached the unchecked page number");
    for (List<Step> p : samples.subList(0, Math.min(100, samples.size()))) {
      run(one, p, m -> {}); // the real machine: nothing escapes
    }
  }
}
