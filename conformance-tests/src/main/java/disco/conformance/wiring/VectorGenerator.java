package disco.conformance.wiring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import disco.conformance.Choices;
import disco.conformance.Hex;
import disco.conformance.ImplementationException;
import disco.conformance.VectorSuite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates the instruction vectors: seeded operands for every instruction in the tables below and
 * hand-chosen edge cases (delay slots, exceptions, the TLB, both byte orders, both FR modes), each
 * run on the reference to record what it expects. The output depends only on this code and the
 * reference: {@code main} rewrites the committed file, and a test checks it is byte for byte the same.
 */
public final class VectorGenerator {
  static final int PC = 0x8001_0000;
  static final int DATA = 0x8002_0000;
  static final int DATA_PA = 0x0002_0000;
  static final int CU1 = 1 << 29;
  static final int FR = 1 << 26;
  private static final int T0 = 8;
  private static final int T1 = 9;
  private static final int T2 = 10;
  private static final int T3 = 11;
  private static final int T4 = 12;
  private static final int SEEDS = 4;
  private static final String VOL2 = "MIPS32 Vol. II-A, ";
  private static final String VOL3 = "MIPS32 Vol. III, ";
  private static final int[] EDGES = {0, 1, -1, 0x7fff_ffff, 0x8000_0000, 0x7fff, 0x8000, 0xffff, 2, 31, 32, 0xffff_8000};

  private final ReferenceImplementation reference = new ReferenceImplementation();
  private final StringBuilder out = new StringBuilder();

  private VectorGenerator() {}

  /** The instruction vectors, one JSON line each. */
  public static String generate() {
    VectorGenerator g = new VectorGenerator();
    g.all();
    return g.out.toString();
  }

  /** Rewrites the committed vector file: {@code VectorGenerator DIR}, DIR holding instruction.jsonl. */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0]
        : "conformance-tests/src/main/resources/disco/conformance/vectors");
    Files.writeString(dir.resolve("instruction.jsonl"), generate(), StandardCharsets.UTF_8);
  }

  // ---- encodings (MIPS32 Vol. II-A, chapter 3 and appendix A) ----

  static int r(int rs, int rt, int rd, int sa, int funct) {
    return (rs << 21) | (rt << 16) | (rd << 11) | (sa << 6) | funct;
  }

  static int i(int op, int rs, int rt, int imm) {
    return (op << 26) | (rs << 21) | (rt << 16) | (imm & 0xffff);
  }

  static int sp2(int rs, int rt, int rd, int funct) {
    return (0x1c << 26) | r(rs, rt, rd, 0, funct);
  }

  static int sp3(int rs, int rt, int rd, int sa, int funct) {
    return (0x1f << 26) | r(rs, rt, rd, sa, funct);
  }

  static int regimm(int rs, int code, int imm) {
    return i(1, rs, code, imm);
  }

  static int cop1(int fmt, int ft, int fs, int fd, int funct) {
    return (0x11 << 26) | (fmt << 21) | (ft << 16) | (fs << 11) | (fd << 6) | funct;
  }

  /**
   * COP1X MADD (n = 0), MSUB, NMADD or NMSUB (3) .fmt: fd = f6, fr (the addend) = f8, fs = f2,
   * ft = f4 (Vol. II-A, MADD.fmt: op 0x13, funct (4 + n) << 3 | fmt3).
   */
  static int cop1xArith(int n, String fmt) {
    return (0x13 << 26) | (8 << 21) | (4 << 16) | (2 << 11) | (6 << 6) | ((4 + n) << 3) | (fmt.equals("s") ? 0 : 1);
  }

  static int addiu(int rt, int rs, int imm) {
    return i(9, rs, rt, imm);
  }

  // ---- one vector ----

  /** A vector under construction. */
  final class V {
    final String id;
    final String purpose;
    final String manual;
    final ObjectNode init = ReferenceImplementation.JSON.createObjectNode();
    final ObjectNode observe = ReferenceImplementation.JSON.createObjectNode();
    boolean unpredictableHiLo;
    final List<String> requires = new ArrayList<>();

    V(String id, String purpose, String manual) {
      this.id = id;
      this.purpose = purpose;
      this.manual = manual;
      init.put("endian", "big");
      init.put("pc", Hex.word(PC));
    }

    V little() {
      init.put("endian", "little");
      return this;
    }

    V pc(int pc) {
      init.put("pc", Hex.word(pc));
      return this;
    }

    V code(int... words) {
      ArrayNode a = init.putArray("code");
      for (int w : words) {
        a.add(Hex.word(w));
      }
      return this;
    }

    V gpr(int reg, int value) {
      ((ObjectNode) init.with("gpr")).put(Integer.toString(reg), Hex.word(value));
      return this;
    }

    V hilo(int hi, int lo) {
      init.put("hi", Hex.word(hi));
      init.put("lo", Hex.word(lo));
      return this;
    }

    V cp0(String reg, int value) {
      ((ObjectNode) init.with("cp0")).put(reg, Hex.word(value));
      observe.put("cp0", true);
      return this;
    }

    V tlb(int index, int entryHi, int pageMask, int lo0, int lo1) {
      ObjectNode e = init.withArray("tlb").addObject();
      e.put("index", index);
      e.put("entryhi", Hex.word(entryHi));
      e.put("pagemask", Hex.word(pageMask));
      e.put("entrylo0", Hex.word(lo0));
      e.put("entrylo1", Hex.word(lo1));
      return this;
    }

    /** Hardware interrupt lines (2..7) requested for the whole run. */
    V interrupts(int... lines) {
      ArrayNode a = init.putArray("interrupts");
      for (int n : lines) {
        a.add(n);
      }
      return this;
    }

    V fpr(int reg, int value) {
      ((ObjectNode) init.with("fpr")).put(Integer.toString(reg), Hex.word(value));
      return this;
    }

    V fprh(int reg, int value) {
      ((ObjectNode) init.with("fprh")).put(Integer.toString(reg), Hex.word(value));
      return this;
    }

    V fpu(boolean fr, int fcsr) {
      cp0("status", CU1 | (fr ? FR : 0));
      observe.remove("cp0");
      init.put("fcsr", Hex.word(fcsr));
      observe.put("fpu", true);
      return this;
    }

    V mem(int pa, byte[] bytes) {
      ObjectNode m = init.withArray("mem").addObject();
      m.put("pa", Hex.word(pa));
      m.put("bytes", Hex.bytes(bytes));
      ObjectNode o = observe.withArray("mem").addObject();
      o.put("pa", Hex.word(pa));
      o.put("len", bytes.length);
      return this;
    }

    /** The implementation choices ({@link Choices}) the expectation depends on: schema 2. */
    V requires(String... choices) {
      requires.addAll(List.of(choices));
      return this;
    }

    V hiLoUnpredictable() {
      unpredictableHiLo = true;
      return this;
    }

    void emit(String kind) {
      ObjectNode v = ReferenceImplementation.JSON.createObjectNode();
      v.put("schema", requires.isEmpty() ? VectorSuite.SCHEMA : VectorSuite.SCHEMA_CHOICES);
      v.put("kind", kind);
      v.put("id", id);
      v.put("purpose", purpose);
      v.put("manual", manual);
      if (!requires.isEmpty()) {
        ArrayNode r = v.putArray("requires");
        requires.forEach(r::add);
      }
      v.set("init", init);
      if (!observe.isEmpty()) {
        v.set("observe", observe);
      }
      ObjectNode got;
      try {
        got = reference.run(v.deepCopy());
      } catch (ImplementationException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
      v.set("expect", expectation(got));
      try {
        out.append(ReferenceImplementation.JSON.writeValueAsString(v)).append('\n');
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }

    private ObjectNode expectation(ObjectNode got) {
      ObjectNode e = got.deepCopy();
      JsonNode exc = got.get("exception");
      if (exc != null && exc.isObject()) {
        e.remove("pc"); // the vector address is in exception.vector
        int code = exc.get("code").asInt();
        if (code < 1 || code > 5) {
          ((ObjectNode) e.get("exception")).remove("badvaddr");
        }
      }
      if (unpredictableHiLo) {
        e.remove("hi");
        e.remove("lo");
      }
      return e;
    }
  }

  V v(String id, String purpose, String manual) {
    return new V(id, purpose, manual);
  }

  // ---- the suite ----

  private void all() {
    alu();
    hiLo();
    bits();
    branches();
    memory();
    traps();
    exceptions();
    tlb();
    privilege();
    fpu();
    sweep();
    core();
    fpuTraps();
    hardwareInterrupts();
    fpuRoundingEdges();
    dataAfterRemap();
    dataTwice();
    fpuCauseCleared();
    fpuNegativeNaNs();
    fpuExactPathEdges();
    dataDisjointPages();
    reservedAsQemu();
    countPerInstruction();
    randomPerInstruction();
    waitRestartsOnIm();
    fpuStateAfterInexact();
    tlbDuplicates();
  }

  private static int pick(SplittableRandom rnd) {
    return rnd.nextInt(3) == 0 ? EDGES[rnd.nextInt(EDGES.length)] : rnd.nextInt();
  }

  private static SplittableRandom seeded(String name) {
    return new SplittableRandom(name.hashCode() * 1_000_003L + 1997);
  }

  private record Three(String name, int funct, boolean special2) {}

  private void alu() {
    List<Three> ops = List.of(
        new Three("addu", 0x21, false), new Three("subu", 0x23, false), new Three("and", 0x24, false),
        new Three("or", 0x25, false), new Three("xor", 0x26, false), new Three("nor", 0x27, false),
        new Three("slt", 0x2a, false), new Three("sltu", 0x2b, false), new Three("add", 0x20, false),
        new Three("sub", 0x22, false), new Three("sllv", 0x04, false), new Three("srlv", 0x06, false),
        new Three("srav", 0x07, false), new Three("movz", 0x0a, false), new Three("movn", 0x0b, false),
        new Three("mul", 0x02, true));
    for (Three op : ops) {
      SplittableRandom rnd = seeded(op.name);
      for (int k = 0; k < SEEDS; k++) {
        int a = pick(rnd);
        int b = op.name.startsWith("mov") && k % 2 == 0 ? 0 : pick(rnd);
        int word = op.special2 ? sp2(T0, T1, T2, op.funct) : r(T0, T1, T2, 0, op.funct);
        V x = v(op.name + ".seed." + k, op.name.toUpperCase() + " on seeded operands", VOL2 + op.name.toUpperCase())
            .code(word).gpr(T0, a).gpr(T1, b).gpr(T2, rnd.nextInt());
        x.emit("instruction");
        if (k == 0) {
          v(op.name + ".little", op.name.toUpperCase() + " in little-endian mode", VOL2 + op.name.toUpperCase())
              .little().code(word).gpr(T0, a).gpr(T1, b).emit("instruction");
        }
      }
    }
    v("add.edge.overflow", "ADD of two large positives overflows: Integer Overflow, rd unchanged", VOL2 + "ADD")
        .code(r(T0, T1, T2, 0, 0x20)).gpr(T0, 0x7fff_ffff).gpr(T1, 1).gpr(T2, 0x1234).emit("instruction");
    v("sub.edge.overflow", "SUB of min int minus one overflows", VOL2 + "SUB")
        .code(r(T0, T1, T2, 0, 0x22)).gpr(T0, 0x8000_0000).gpr(T1, 1).emit("instruction");
    v("addi.edge.overflow", "ADDI of min int plus -1 overflows", VOL2 + "ADDI")
        .code(i(8, T0, T1, -1)).gpr(T0, 0x8000_0000).emit("instruction");
    v("slt.edge.sign", "SLT compares signed: -1 < 1", VOL2 + "SLT")
        .code(r(T0, T1, T2, 0, 0x2a)).gpr(T0, -1).gpr(T1, 1).emit("instruction");
    v("sltu.edge.sign", "SLTU compares unsigned: 0xffffffff > 1", VOL2 + "SLTU")
        .code(r(T0, T1, T2, 0, 0x2b)).gpr(T0, -1).gpr(T1, 1).emit("instruction");
    v("addu.edge.r0", "a write to r0 is discarded", VOL2 + "ADDU")
        .code(r(T0, T1, 0, 0, 0x21)).gpr(T0, 5).gpr(T1, 6).emit("instruction");
    String[] imms = {"addi", "addiu", "slti", "sltiu", "andi", "ori", "xori", "lui"};
    for (int n = 0; n < imms.length; n++) {
      SplittableRandom rnd = seeded(imms[n]);
      for (int k = 0; k < SEEDS; k++) {
        int imm = k == 0 ? 0xffff : k == 1 ? 0x8000 : rnd.nextInt(0x10000);
        v(imms[n] + ".seed." + k, imms[n].toUpperCase() + " on seeded operands", VOL2 + imms[n].toUpperCase())
            .code(i(8 + n, n == 7 ? 0 : T0, T1, imm)).gpr(T0, pick(rnd)).emit("instruction");
      }
    }
    String[] shifts = {"sll", "rotr", "srl", "sra"};
    int[] functs = {0, 2, 2, 3};
    for (int n = 0; n < shifts.length; n++) {
      SplittableRandom rnd = seeded(shifts[n]);
      for (int k = 0; k < SEEDS; k++) {
        int sa = k == 0 ? 0 : k == 1 ? 31 : rnd.nextInt(32);
        v(shifts[n] + ".seed." + k, shifts[n].toUpperCase() + " by " + sa, VOL2 + shifts[n].toUpperCase())
            .code(r(n == 1 ? 1 : 0, T1, T2, sa, functs[n])).gpr(T1, pick(rnd)).emit("instruction");
      }
    }
    SplittableRandom rnd = seeded("rotrv");
    for (int k = 0; k < SEEDS; k++) {
      v("rotrv.seed." + k, "ROTRV by a seeded amount", VOL2 + "ROTRV")
          .code(r(T0, T1, T2, 1, 0x06)).gpr(T0, pick(rnd)).gpr(T1, pick(rnd)).emit("instruction");
    }
  }

  private void hiLo() {
    String[] names = {"mult", "multu", "div", "divu"};
    for (int n = 0; n < names.length; n++) {
      SplittableRandom rnd = seeded(names[n]);
      for (int k = 0; k < SEEDS + 2; k++) {
        int a = pick(rnd);
        int b = k == 0 ? -1 : pick(rnd);
        if (b == 0) {
          b = 3;
        }
        v(names[n] + ".seed." + k, names[n].toUpperCase() + " on seeded operands", VOL2 + names[n].toUpperCase())
            .code(r(T0, T1, 0, 0, 0x18 + n)).gpr(T0, a).gpr(T1, b).hilo(rnd.nextInt(), rnd.nextInt()).emit("instruction");
      }
    }
    v("div.edge.minint", "DIV of min int by -1: quotient min int, remainder 0", VOL2 + "DIV")
        .code(r(T0, T1, 0, 0, 0x1a)).gpr(T0, 0x8000_0000).gpr(T1, -1).emit("instruction");
    v("div.edge.negative", "DIV truncates toward zero: -7 / 2 is -3 rem -1", VOL2 + "DIV")
        .code(r(T0, T1, 0, 0, 0x1a)).gpr(T0, -7).gpr(T1, 2).emit("instruction");
    for (String d : new String[] {"div", "divu"}) {
      v(d + ".edge.zero", d.toUpperCase() + " by zero: no exception, HI and LO UNPREDICTABLE", VOL2 + d.toUpperCase())
          .code(r(T0, 0, 0, 0, d.equals("div") ? 0x1a : 0x1b)).gpr(T0, 7).hiLoUnpredictable().emit("instruction");
    }
    String[] acc = {"madd", "maddu", "msub", "msubu"};
    int[] accF = {0, 1, 4, 5};
    for (int n = 0; n < acc.length; n++) {
      SplittableRandom rnd = seeded(acc[n]);
      for (int k = 0; k < SEEDS; k++) {
        v(acc[n] + ".seed." + k, acc[n].toUpperCase() + " into a seeded HI/LO (carry between the halves)",
            VOL2 + acc[n].toUpperCase())
            .code(sp2(T0, T1, 0, accF[n])).gpr(T0, pick(rnd)).gpr(T1, pick(rnd))
            .hilo(pick(rnd), k == 0 ? -1 : pick(rnd)).emit("instruction");
      }
    }
    SplittableRandom rnd = seeded("mfhi");
    int hi = rnd.nextInt();
    int lo = rnd.nextInt();
    v("mfhi.seed.0", "MFHI copies HI", VOL2 + "MFHI").code(r(0, 0, T2, 0, 0x10)).hilo(hi, lo).emit("instruction");
    v("mflo.seed.0", "MFLO copies LO", VOL2 + "MFLO").code(r(0, 0, T2, 0, 0x12)).hilo(hi, lo).emit("instruction");
    v("mthi.seed.0", "MTHI sets HI only", VOL2 + "MTHI").code(r(T0, 0, 0, 0, 0x11)).gpr(T0, hi ^ lo).hilo(hi, lo)
        .emit("instruction");
    v("mtlo.seed.0", "MTLO sets LO only", VOL2 + "MTLO").code(r(T0, 0, 0, 0, 0x13)).gpr(T0, hi ^ lo).hilo(hi, lo)
        .emit("instruction");
  }

  private void bits() {
    for (String op : new String[] {"clz", "clo"}) {
      SplittableRandom rnd = seeded(op);
      int[] values = {0, -1, 1, 0x8000_0000, rnd.nextInt(), rnd.nextInt() >>> rnd.nextInt(32)};
      for (int k = 0; k < values.length; k++) {
        v(op + ".seed." + k, op.toUpperCase() + " of " + Hex.word(values[k]), VOL2 + op.toUpperCase())
            .code(sp2(T0, T2, T2, op.equals("clz") ? 0x20 : 0x21)).gpr(T0, values[k]).emit("instruction");
      }
    }
    SplittableRandom rnd = seeded("ext");
    for (int k = 0; k < 6; k++) {
      int pos = k == 0 ? 0 : rnd.nextInt(32);
      int size = k == 0 ? 32 : 1 + rnd.nextInt(32 - pos);
      v("ext.seed." + k, "EXT of " + size + " bits at " + pos, VOL2 + "EXT")
          .code(sp3(T0, T1, size - 1, pos, 0)).gpr(T0, rnd.nextInt()).gpr(T1, rnd.nextInt()).emit("instruction");
    }
    rnd = seeded("ins");
    for (int k = 0; k < 6; k++) {
      int pos = k == 0 ? 0 : rnd.nextInt(32);
      int size = k == 0 ? 32 : 1 + rnd.nextInt(32 - pos);
      v("ins.seed." + k, "INS of " + size + " bits at " + pos, VOL2 + "INS")
          .code(sp3(T0, T1, pos + size - 1, pos, 4)).gpr(T0, rnd.nextInt()).gpr(T1, rnd.nextInt()).emit("instruction");
    }
    String[] bshfl = {"wsbh", "seb", "seh"};
    int[] sa = {0x02, 0x10, 0x18};
    for (int n = 0; n < bshfl.length; n++) {
      rnd = seeded(bshfl[n]);
      for (int k = 0; k < 3; k++) {
        v(bshfl[n] + ".seed." + k, bshfl[n].toUpperCase() + " of a seeded word", VOL2 + bshfl[n].toUpperCase())
            .code(sp3(0, T1, T2, sa[n], 0x20)).gpr(T1, k == 0 ? 0x0000_8080 : rnd.nextInt()).emit("instruction");
      }
    }
  }

  private record Branch(String name, int word, boolean two, boolean likely) {}

  private void branches() {
    List<Branch> ops = new ArrayList<>(List.of(
        new Branch("beq", i(4, T0, T1, 2), true, false), new Branch("bne", i(5, T0, T1, 2), true, false),
        new Branch("blez", i(6, T0, 0, 2), false, false), new Branch("bgtz", i(7, T0, 0, 2), false, false),
        new Branch("beql", i(0x14, T0, T1, 2), true, true), new Branch("bnel", i(0x15, T0, T1, 2), true, true),
        new Branch("blezl", i(0x16, T0, 0, 2), false, true), new Branch("bgtzl", i(0x17, T0, 0, 2), false, true),
        new Branch("bltz", regimm(T0, 0, 2), false, false), new Branch("bgez", regimm(T0, 1, 2), false, false),
        new Branch("bltzl", regimm(T0, 2, 2), false, true), new Branch("bgezl", regimm(T0, 3, 2), false, true),
        new Branch("bltzal", regimm(T0, 0x10, 2), false, false),
        new Branch("bgezal", regimm(T0, 0x11, 2), false, false),
        new Branch("bltzall", regimm(T0, 0x12, 2), false, true),
        new Branch("bgezall", regimm(T0, 0x13, 2), false, true)));
    int[] ones = {0, 1, -1, 0x8000_0000, 0x7fff_ffff};
    for (Branch b : ops) {
      for (int k = 0; k < ones.length; k++) {
        String taken = b.likely ? "a taken branch-likely executes its slot, an untaken one nullifies it"
            : "the delay slot always executes";
        V x = v(b.name + ".case." + k, b.name.toUpperCase() + " with rs " + Hex.word(ones[k]) + ": " + taken,
            VOL2 + b.name.toUpperCase())
            .code(b.word, addiu(T3, T3, 1), addiu(T4, T4, 1)).gpr(T0, ones[k]).gpr(T1, k % 2 == 0 ? ones[k] : 1);
        x.emit("instruction");
      }
    }
    int end = PC + 12;
    v("j.slot", "J executes its delay slot and lands on the target", VOL2 + "J")
        .code(((2 << 26) | ((end >>> 2) & 0x03ff_ffff)), addiu(T3, T3, 1), addiu(T4, T4, 1)).emit("instruction");
    v("jal.slot", "JAL links PC+8 in r31", VOL2 + "JAL")
        .code(((3 << 26) | ((end >>> 2) & 0x03ff_ffff)), addiu(T3, T3, 1), addiu(T4, T4, 1)).emit("instruction");
    v("jr.slot", "JR jumps to rs after the slot", VOL2 + "JR")
        .code(r(T0, 0, 0, 0, 8), addiu(T3, T3, 1), addiu(T4, T4, 1)).gpr(T0, end).emit("instruction");
    v("jalr.slot", "JALR links PC+8 in rd", VOL2 + "JALR")
        .code(r(T0, 0, T2, 0, 9), addiu(T3, T3, 1), addiu(T4, T4, 1)).gpr(T0, end).emit("instruction");
    v("jalr.slot.reads-old-rs", "JALR with the slot writing rs: the target is the old rs", VOL2 + "JALR")
        .code(r(T0, 0, T2, 0, 9), addiu(T0, T0, 4), addiu(T4, T4, 1)).gpr(T0, end).emit("instruction");
    v("beq.slot.writes-operand", "a delay slot that writes the branch operand does not change the decision", VOL2 + "BEQ")
        .code(i(4, T0, T1, 2), addiu(T0, T0, 1), addiu(T4, T4, 1)).gpr(T0, 3).gpr(T1, 3).emit("instruction");
    v("jr.unaligned", "JR to an unaligned address: Address Error on fetch, BadVAddr and EPC the target",
        VOL3 + "6.2.9 Address Error Exception")
        .code(r(T0, 0, 0, 0, 8), addiu(T3, T3, 1), addiu(T4, T4, 1)).gpr(T0, end + 2).emit("instruction");
  }

  private void memory() {
    String[] loads = {"lb", "lh", "lwl", "lw", "lbu", "lhu", "lwr", "sb", "sh", "swl", "sw", "sc", "swr", "ll"};
    int[] ops = {0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x28, 0x29, 0x2a, 0x2b, 0x38, 0x2e, 0x30};
    for (int n = 0; n < loads.length; n++) {
      SplittableRandom rnd = seeded(loads[n]);
      for (int k = 0; k < 2 * SEEDS; k++) {
        byte[] data = new byte[16];
        rnd.nextBytes(data);
        int imm = rnd.nextInt(13) - 4;
        V x = v(loads[n] + (k < SEEDS ? ".big." : ".little.") + (k % SEEDS),
            loads[n].toUpperCase() + " at offset " + (imm + 4) + (k < SEEDS ? ", big-endian" : ", little-endian")
                + (k % 2 == 1 ? "" : " (an unaligned offset takes Address Error)"),
            VOL2 + loads[n].toUpperCase())
            .code(i(ops[n], T0, T1, k % 2 == 1 ? imm & ~3 : imm)).gpr(T0, DATA + 4).gpr(T1, rnd.nextInt())
            .mem(DATA_PA, data);
        if (k >= SEEDS) {
          x.little();
        }
        x.emit("instruction");
      }
    }
    for (boolean little : new boolean[] {false, true}) {
      String order = little ? "little" : "big";
      V x = v("lwl-lwr.pair." + order, "LWL then LWR load an unaligned word, " + order + "-endian",
          VOL2 + "LWL, LWR")
          .code(i(0x22, T0, T1, little ? 4 : 1), i(0x26, T0, T1, little ? 1 : 4)).gpr(T0, DATA)
          .mem(DATA_PA, new byte[] {0, 1, 2, 3, 4, 5, 6, 7});
      V y = v("swl-swr.pair." + order, "SWL then SWR store an unaligned word, " + order + "-endian",
          VOL2 + "SWL, SWR")
          .code(i(0x2a, T0, T1, little ? 4 : 1), i(0x2e, T0, T1, little ? 1 : 4)).gpr(T0, DATA).gpr(T1, 0x1122_3344)
          .mem(DATA_PA, new byte[8]);
      V z = v("ll-sc.pair." + order, "LL then SC to the same word succeeds and stores", VOL2 + "LL, SC")
          .code(i(0x30, T0, T2, 0), i(0x38, T0, T1, 0)).gpr(T0, DATA).gpr(T1, 0x5566_7788)
          .mem(DATA_PA, new byte[] {1, 2, 3, 4});
      for (V w : new V[] {x, y, z}) {
        if (little) {
          w.little();
        }
        w.emit("instruction");
      }
    }
    v("lw.kseg1", "a load through kseg1 (unmapped, uncached) reads the same physical word", VOL3 + "4.3 kseg1")
        .code(i(0x23, T0, T1, 0)).gpr(T0, 0xa002_0000).mem(DATA_PA, new byte[] {9, 8, 7, 6}).emit("instruction");
  }

  private void traps() {
    String[] regs = {"tge", "tgeu", "tlt", "tltu", "teq", "tne"};
    int[] functs = {0x30, 0x31, 0x32, 0x33, 0x34, 0x36};
    int[][] pairs = {{1, 1}, {-1, 1}, {1, -1}, {0x8000_0000, 0x7fff_ffff}};
    for (int n = 0; n < regs.length; n++) {
      for (int k = 0; k < pairs.length; k++) {
        v(regs[n] + ".case." + k, regs[n].toUpperCase() + " " + Hex.word(pairs[k][0]) + ", " + Hex.word(pairs[k][1])
            + ": Trap when the condition holds", VOL2 + regs[n].toUpperCase())
            .code(r(T0, T1, 0, 0, functs[n])).gpr(T0, pairs[k][0]).gpr(T1, pairs[k][1]).emit("instruction");
      }
    }
    String[] imms = {"tgei", "tgeiu", "tlti", "tltiu", "teqi", "tnei"};
    int[] codes = {8, 9, 0xa, 0xb, 0xc, 0xe};
    for (int n = 0; n < imms.length; n++) {
      for (int k = 0; k < pairs.length; k++) {
        v(imms[n] + ".case." + k, imms[n].toUpperCase() + " " + Hex.word(pairs[k][0]) + ", " + pairs[k][1]
            + " (sign-extended): Trap when the condition holds", VOL2 + imms[n].toUpperCase())
            .code(regimm(T0, codes[n], pairs[k][1])).gpr(T0, pairs[k][0]).emit("instruction");
      }
    }
  }

  private void exceptions() {
    v("syscall", "SYSCALL: System Call exception, EPC the SYSCALL", VOL2 + "SYSCALL")
        .code(0x0000_000c).emit("instruction");
    v("break", "BREAK: Breakpoint exception", VOL2 + "BREAK").code(0x0000_000d).emit("instruction");
    v("reserved.opcode", "a reserved primary opcode: Reserved Instruction", VOL3 + "6.2.19 Reserved Instruction Exception")
        .code(0x3f << 26).emit("instruction");
    v("cpu.cop1", "an FPU instruction with Status.CU1 clear: Coprocessor Unusable, CE 1",
        VOL3 + "6.2.17 Coprocessor Unusable Exception").code(cop1(0x10, 2, 4, 6, 0)).emit("instruction");
    v("slot.overflow", "an exception in a delay slot: EPC the branch, Cause.BD set", VOL3 + "6.1 Cause.BD")
        .code(i(4, 0, 0, 2), r(T0, T1, T2, 0, 0x20), addiu(T4, T4, 1)).gpr(T0, 0x7fff_ffff).gpr(T1, 1)
        .emit("instruction");
    v("slot.syscall.jr", "SYSCALL in the slot of JR: EPC the JR, BD set", VOL3 + "6.1 Cause.BD")
        .code(r(T0, 0, 0, 0, 8), 0x0000_000c, addiu(T4, T4, 1)).gpr(T0, PC + 12).emit("instruction");
    v("slot.likely.nullified", "an untaken branch-likely nullifies a faulting slot: no exception",
        VOL2 + "BEQL").code(i(0x14, T0, 0, 2), 0x0000_000c, addiu(T4, T4, 1)).gpr(T0, 1).emit("instruction");
    v("exl.epc.kept", "an exception with Status.EXL set keeps EPC and goes to the general vector",
        VOL3 + "6.2 EXL").code(0x0000_000c).cp0("status", 2).cp0("epc", 0x8000_4444).emit("instruction");
    v("eret", "ERET returns to EPC and clears EXL, with no delay slot", VOL2 + "ERET")
        .code(0x4200_0018, addiu(T4, T4, 1)).cp0("status", 2).cp0("epc", PC + 8).emit("instruction");
    v("lw.unaligned", "LW at an address not a multiple of 4: AdEL, BadVAddr the address", VOL3 + "6.2.9")
        .code(i(0x23, T0, T1, 2)).gpr(T0, DATA).emit("instruction");
    v("sh.unaligned", "SH at an odd address: AdES", VOL3 + "6.2.9").code(i(0x29, T0, T1, 1)).gpr(T0, DATA)
        .emit("instruction");
  }

  static int lo(int pa, int flags) {
    return ((pa >>> 12) << 6) | flags;
  }

  private void tlb() {
    int va = 0x0040_0000;
    int pa0 = 0x0030_0000;
    int pa1 = 0x0031_0000;
    int vdc = 2 | 4 | (3 << 3);
    byte[] even = {1, 2, 3, 4, 5, 6, 7, 8};
    byte[] odd = {11, 12, 13, 14, 15, 16, 17, 18};
    int lw = i(0x23, T0, T1, 0);
    int sw = i(0x2b, T0, T1, 0);
    String tlbEx = VOL3 + "4.8 TLB Exceptions";
    tlbCase("tlb.refill.load", "a load with no matching entry: TLB Refill (TLBL) at the refill vector", tlbEx, va, lw)
        .emit("instruction");
    tlbCase("tlb.refill.store", "a store with no matching entry: TLBS at the refill vector", tlbEx, va, sw)
        .emit("instruction");
    tlbCase("tlb.hit.even", "a load through a valid entry, even page", VOL3 + "4.8 TLB Address Translation", va, lw)
        .tlb(0, va | 5, 0, lo(pa0, vdc), lo(pa1, vdc)).cp0("entryhi", 5).mem(pa0, even).mem(pa1, odd)
        .emit("instruction");
    tlbCase("tlb.hit.odd", "a load through a valid entry, odd page", VOL3 + "4.8 TLB Address Translation",
        va + 0x1004, lw).tlb(0, va | 5, 0, lo(pa0, vdc), lo(pa1, vdc)).cp0("entryhi", 5).mem(pa0, even)
        .mem(pa1, odd).emit("instruction");
    tlbCase("tlb.invalid.load", "a load through an entry with V clear: TLBL at the general vector", tlbEx, va, lw)
        .tlb(0, va | 5, 0, lo(pa0, 4), lo(pa1, vdc)).cp0("entryhi", 5).emit("instruction");
    tlbCase("tlb.invalid.store", "a store through an entry with V clear: TLBS at the general vector", tlbEx, va, sw)
        .tlb(0, va | 5, 0, lo(pa0, 4), lo(pa1, vdc)).cp0("entryhi", 5).emit("instruction");
    tlbCase("tlb.modified", "a store through a valid entry with D clear: TLB Modified", tlbEx, va + 0x1000, sw)
        .tlb(0, va | 5, 0, lo(pa0, vdc), lo(pa1, 2)).cp0("entryhi", 5).mem(pa1, odd).emit("instruction");
    tlbCase("tlb.modified.load-ok", "a load through an entry with D clear succeeds", VOL3 + "4.8", va + 0x1000, lw)
        .tlb(0, va | 5, 0, lo(pa0, vdc), lo(pa1, 2)).cp0("entryhi", 5).mem(pa1, odd).emit("instruction");
    tlbCase("tlb.asid.mismatch", "an entry of another ASID does not match: refill", VOL3 + "4.8 ASID", va, lw)
        .tlb(0, va | 5, 0, lo(pa0, vdc), lo(pa1, vdc)).cp0("entryhi", 6).emit("instruction");
    tlbCase("tlb.asid.match-second", "of two entries for the VPN the one with the current ASID matches",
        VOL3 + "4.8 ASID", va, lw)
        .tlb(0, va | 5, 0, lo(pa0, vdc), lo(pa1, vdc)).tlb(1, va | 6, 0, lo(pa1, vdc), lo(pa0, vdc))
        .cp0("entryhi", 6).mem(pa0, even).mem(pa1, odd).emit("instruction");
    tlbCase("tlb.global", "a global entry matches whatever the ASID", VOL3 + "4.8 G bit", va, lw)
        .tlb(0, va | 5, 0, lo(pa0, vdc | 1), lo(pa1, vdc | 1)).cp0("entryhi", 6).mem(pa0, even)
        .emit("instruction");
    tlbCase("tlb.global.half", "G is the AND of both EntryLo G bits: one set is not global", VOL3 + "4.8 G bit", va, lw)
        .tlb(0, va | 5, 0, lo(pa0, vdc | 1), lo(pa1, vdc)).cp0("entryhi", 6).emit("instruction");
    int mask16k = 0x0000_6000;
    tlbCase("tlb.pagemask.16k.even", "a 16 KB page pair: offset 0x3000 is in the even page",
        VOL3 + "9.8 PageMask", va + 0x3000, lw)
        .tlb(0, va | 5, mask16k, lo(pa0, vdc), lo(pa1, vdc)).cp0("entryhi", 5).mem(pa0 + 0x3000, even)
        .emit("instruction");
    tlbCase("tlb.pagemask.16k.odd", "a 16 KB page pair: offset 0x5000 is in the odd page at +0x1000",
        VOL3 + "9.8 PageMask", va + 0x5000, lw)
        .tlb(0, va | 5, mask16k, lo(pa0, vdc), lo(pa1, vdc)).cp0("entryhi", 5).mem(pa1 + 0x1000, odd)
        .emit("instruction");
    tlbCase("tlb.refill.exl", "a TLB miss with EXL set goes to the general vector, EPC kept", tlbEx, va, lw)
        .cp0("status", 2).cp0("epc", 0x8000_1234).emit("instruction");
    v("tlb.refill.slot", "a TLB miss in a delay slot: BD set, EPC the branch", tlbEx)
        .code(i(4, 0, 0, 2), lw, addiu(T4, T4, 1)).gpr(T0, va).cp0("entryhi", 0).emit("instruction");
    v("tlb.refill.fetch", "a jump to an unmapped kuseg address: TLBL on fetch, BadVAddr the target", tlbEx)
        .code(r(T0, 0, 0, 0, 8), addiu(T3, T3, 1)).gpr(T0, va + 0x2000).cp0("entryhi", 0).emit("instruction");
  }

  private V tlbCase(String id, String purpose, String manual, int address, int word) {
    return v(id, purpose, manual).code(word).gpr(T0, address).cp0("entryhi", 0);
  }

  private void privilege() {
    int page = 0x0040_0000;
    int vdcg = 2 | 4 | (3 << 3) | 1;
    String seg = VOL3 + "4.3 Segments";
    // code at a mapped kuseg page, mapped onto the same physical address
    v("user.kseg0", "a user-mode load from kseg0: Address Error, BadVAddr the address", seg).pc(page)
        .code(i(0x23, T0, T1, 0)).gpr(T0, DATA).tlb(0, page, 0, lo(page, vdcg), lo(page + 0x1000, vdcg))
        .cp0("status", 2 << 3).emit("instruction");
    v("supervisor.kseg0", "a supervisor-mode load from kseg0: Address Error", seg).pc(page)
        .code(i(0x23, T0, T1, 0)).gpr(T0, DATA).tlb(0, page, 0, lo(page, vdcg), lo(page + 0x1000, vdcg))
        .cp0("status", 1 << 3).emit("instruction");
    v("user.mfc0", "MFC0 in user mode: Coprocessor Unusable, CE 0", VOL3 + "6.2.17").pc(page)
        .code(0x4008_6000).tlb(0, page, 0, lo(page, vdcg), lo(page + 0x1000, vdcg))
        .cp0("status", 2 << 3).emit("instruction");
    v("supervisor.mtc0", "MTC0 in supervisor mode: Coprocessor Unusable", VOL3 + "6.2.17").pc(page)
        .code(0x4089_7000).tlb(0, page, 0, lo(page, vdcg), lo(page + 0x1000, vdcg))
        .cp0("status", 1 << 3).emit("instruction");
    v("user.kuseg.ok", "a user-mode load through a mapped kuseg page succeeds", seg).pc(page)
        .code(i(0x23, T0, T1, 0x100)).gpr(T0, page).tlb(0, page, 0, lo(page, vdcg), lo(page + 0x1000, vdcg))
        .cp0("status", 2 << 3).emit("instruction");
  }

  private record Fp(String name, int fmt, int funct, boolean unary) {}

  private void fpu() {
    int[] singles = {0x3f80_0000, 0xc020_0000, 0, 0x8000_0000, 0x7f80_0000, 0x4049_0fdb, 0x3eaa_aaab, 0x7fc0_0000};
    long[] doubles = {0x3ff0_0000_0000_0000L, 0xc004_0000_0000_0000L, 0L, 0x4009_21fb_5444_2d18L,
        0x3fd5_5555_5555_5555L, 0x7ff0_0000_0000_0000L};
    List<Fp> ops = List.of(new Fp("add", 0, 0, false), new Fp("sub", 0, 1, false), new Fp("mul", 0, 2, false),
        new Fp("div", 0, 3, false), new Fp("sqrt", 0, 4, true), new Fp("abs", 0, 5, true), new Fp("mov", 0, 6, true),
        new Fp("neg", 0, 7, true), new Fp("round.w", 0, 0x0c, true), new Fp("trunc.w", 0, 0x0d, true),
        new Fp("ceil.w", 0, 0x0e, true), new Fp("floor.w", 0, 0x0f, true), new Fp("cvt.w", 0, 0x24, true),
        new Fp("c.eq", 0, 0x32, false), new Fp("c.lt", 0, 0x3c, false), new Fp("c.le", 0, 0x3e, false),
        new Fp("c.un", 0, 0x31, false));
    for (Fp op : ops) {
      for (String fmt : new String[] {"s", "d"}) {
        SplittableRandom rnd = seeded(op.name + fmt);
        for (boolean fr : new boolean[] {false, true}) {
          for (int k = 0; k < 3; k++) {
            int mode = k == 2 ? 1 + rnd.nextInt(3) : 0;
            int word = op.name.startsWith("c.") ? cop1(fmt.equals("s") ? 0x10 : 0x11, 4, 2, 0, op.funct)
                : cop1(fmt.equals("s") ? 0x10 : 0x11, op.unary ? 0 : 4, 2, 6, op.funct);
            V x = v(op.name + "." + fmt + (fr ? ".fr1." : ".fr0.") + k,
                op.name.toUpperCase() + "." + fmt.toUpperCase() + " with FR=" + (fr ? 1 : 0) + ", rounding mode " + mode,
                VOL2 + op.name.toUpperCase() + ".fmt").code(word).fpu(fr, mode);
            if (fmt.equals("s")) {
              x.fpr(2, singles[rnd.nextInt(singles.length)]).fpr(4, singles[rnd.nextInt(singles.length)]);
            } else {
              long a = k == 0 ? doubles[rnd.nextInt(doubles.length)] : Double.doubleToRawLongBits(rnd.nextDouble() * 1e6 - 5e5);
              long b = doubles[rnd.nextInt(doubles.length)];
              double64(x, fr, 2, a);
              double64(x, fr, 4, b);
            }
            x.emit("instruction");
          }
        }
      }
    }
    for (boolean fr : new boolean[] {false, true}) {
      String f = fr ? ".fr1" : ".fr0";
      long d = 0x4009_21fb_5444_2d18L;
      v("ldc1" + f, "LDC1 with FR=" + (fr ? 1 : 0) + ": a register pair or one 64-bit register", VOL2 + "LDC1")
          .code(i(0x35, T0, 2, 8)).gpr(T0, DATA).fpu(fr, 0)
          .mem(DATA_PA, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}).emit("instruction");
      V s = v("sdc1" + f, "SDC1 with FR=" + (fr ? 1 : 0), VOL2 + "SDC1").code(i(0x3d, T0, 2, 0)).gpr(T0, DATA)
          .fpu(fr, 0).mem(DATA_PA, new byte[8]);
      double64(s, fr, 2, d);
      s.emit("instruction");
      v("lwc1" + f, "LWC1 loads the low word", VOL2 + "LWC1").code(i(0x31, T0, 3, 4)).gpr(T0, DATA).fpu(fr, 0)
          .mem(DATA_PA, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}).emit("instruction");
      v("swc1" + f, "SWC1 stores the low word", VOL2 + "SWC1").code(i(0x39, T0, 3, 4)).gpr(T0, DATA).fpu(fr, 0)
          .fpr(3, 0x1234_5678).mem(DATA_PA, new byte[8]).emit("instruction");
      v("mtc1" + f, "MTC1 writes the low word", VOL2 + "MTC1").code((0x11 << 26) | (4 << 21) | (T0 << 16) | (5 << 11))
          .gpr(T0, 0xdead_beef).fpu(fr, 0).emit("instruction");
      v("mfc1" + f, "MFC1 reads the low word, odd register", VOL2 + "MFC1").code((0x11 << 26) | (T1 << 16) | (5 << 11))
          .fpr(5, 0x0bad_cafe).fpu(fr, 0).emit("instruction");
      V h = v("mthc1" + f, "MTHC1 writes the high half of a double", VOL2 + "MTHC1")
          .code((0x11 << 26) | (7 << 21) | (T0 << 16) | (2 << 11)).gpr(T0, 0x4000_0000).fpu(fr, 0);
      double64(h, fr, 2, d);
      h.emit("instruction");
      V m = v("mfhc1" + f, "MFHC1 reads the high half of a double", VOL2 + "MFHC1")
          .code((0x11 << 26) | (3 << 21) | (T1 << 16) | (2 << 11)).fpu(fr, 0);
      double64(m, fr, 2, d);
      m.emit("instruction");
      V c = v("cvt.d.s" + f, "CVT.D.S widens exactly", VOL2 + "CVT.D.fmt").code(cop1(0x10, 0, 2, 6, 0x21))
          .fpu(fr, 0).fpr(2, 0x3eaa_aaab);
      c.emit("instruction");
      V c2 = v("cvt.s.d" + f, "CVT.S.D rounds by FCSR.RM", VOL2 + "CVT.S.fmt").code(cop1(0x11, 0, 2, 6, 0x20))
          .fpu(fr, 3);
      double64(c2, fr, 2, 0x3fd5_5555_5555_5555L);
      c2.emit("instruction");
      v("cvt.s.w" + f, "CVT.S.W of a large integer rounds", VOL2 + "CVT.S.fmt").code(cop1(0x14, 0, 2, 6, 0x20))
          .fpu(fr, 0).fpr(2, 0x7fff_ffff).emit("instruction");
      for (int tf = 0; tf < 2; tf++) {
        for (int cc = 0; cc < 2; cc++) {
          v((tf == 1 ? "bc1t" : "bc1f") + f + ".cc" + cc, (tf == 1 ? "BC1T" : "BC1F") + " on condition code 0 = " + cc,
              VOL2 + (tf == 1 ? "BC1T" : "BC1F"))
              .code((0x11 << 26) | (8 << 21) | (tf << 16) | 2, addiu(T3, T3, 1), addiu(T4, T4, 1))
              .fpu(fr, cc << 23).emit("instruction");
        }
      }
      v("ctc1.cfc1" + f, "CTC1 to FCSR then CFC1 reads it back (writable bits only)", VOL2 + "CTC1")
          .code((0x11 << 26) | (6 << 21) | (T0 << 16) | (31 << 11), (0x11 << 26) | (2 << 21) | (T1 << 16) | (31 << 11))
          .gpr(T0, -1 & ~0x0003_f000).fpu(fr, 0).emit("instruction");
    }
  }

  // ---- the sweep: more seeds and cases, added so that the vectors alone pin the CPU core ----
  // (docs/conformance.md, "Mutation testing of the CPU core by the vectors alone")

  private static final int[] SINGLES = {0, 0x8000_0000, 0x3f80_0000, 0xbf80_0000, 0x3f00_0000, 0xbf00_0000,
      0x3fc0_0000, 0x4020_0000, 0xc020_0000, 0x4040_0000, 0x7f7f_ffff, 0xff7f_ffff, 0x0080_0000, 0x8080_0000,
      0x0000_0001, 0x807f_ffff, 0x7f80_0000, 0xff80_0000, 0x7fc0_0000, 0xffc0_0000, 0x7f80_0001, 0x7fbf_ffff,
      0x4f00_0000, 0xcf00_0000, 0x4eff_ffff, 0xcf00_0001, 0x5f00_0000, 0xdf00_0000, 0x5eff_ffff, 0x3eaa_aaab,
      0x4049_0fdb, 0x0100_0000, 0x7e80_0000, 0x3f7f_ffff, 0x3f80_0001, 0x4b00_0001, 0x4b7f_ffff, 0x3fe0_0000};
  private static final long[] DOUBLES = {0L, Long.MIN_VALUE, 0x3ff0_0000_0000_0000L, 0xbff0_0000_0000_0000L,
      0x3fe0_0000_0000_0000L, 0xbfe0_0000_0000_0000L, 0x3ff8_0000_0000_0000L, 0x4004_0000_0000_0000L,
      0xc004_0000_0000_0000L, 0x7fef_ffff_ffff_ffffL, 0xffef_ffff_ffff_ffffL, 0x0010_0000_0000_0000L,
      0x8010_0000_0000_0000L, 1L, 0x800f_ffff_ffff_ffffL, 0x7ff0_0000_0000_0000L, 0xfff0_0000_0000_0000L,
      0x7ff8_0000_0000_0000L, 0xfff8_0000_0000_0000L, 0x7ff0_0000_0000_0001L, 0x7ff7_ffff_ffff_ffffL,
      0x41e0_0000_0000_0000L, 0xc1e0_0000_0000_0000L, 0x41df_ffff_ffc0_0000L, 0xc1e0_0000_0010_0000L,
      0x43e0_0000_0000_0000L, 0xc3e0_0000_0000_0000L, 0x43df_ffff_ffff_ffffL, 0x3fd5_5555_5555_5555L,
      0x4009_21fb_5444_2d18L, 0x3690_0000_0000_0000L, 0x47f0_0000_0000_0000L, 0x3800_0000_0000_0000L,
      0x36a0_0000_0000_0000L, 0x3fef_ffff_ffff_ffffL, 0x3ff0_0000_0000_0001L, 0x4330_0000_0000_0001L,
      0x3ffc_0000_0000_0000L};

  private static int single(SplittableRandom rnd) {
    return switch (rnd.nextInt(4)) {
      case 0 -> rnd.nextInt();
      case 1 -> Float.floatToRawIntBits((float) ((rnd.nextDouble() - 0.5) * Math.pow(2, rnd.nextInt(-30, 40))));
      default -> SINGLES[rnd.nextInt(SINGLES.length)];
    };
  }

  private static long dbl(SplittableRandom rnd) {
    return switch (rnd.nextInt(4)) {
      case 0 -> rnd.nextLong();
      case 1 -> Double.doubleToRawLongBits((rnd.nextDouble() - 0.5) * Math.pow(2, rnd.nextInt(-60, 70)));
      default -> DOUBLES[rnd.nextInt(DOUBLES.length)];
    };
  }

  /** An FCSR: rounding mode, sometimes Enables, Flags, FS and condition codes. */
  private static int fcsr(SplittableRandom rnd) {
    int v = rnd.nextInt(4);
    if (rnd.nextInt(3) == 0) {
      v |= rnd.nextInt(32) << 7; // Enables
    }
    if (rnd.nextInt(3) == 0) {
      v |= rnd.nextInt(32) << 2; // Flags
    }
    if (rnd.nextInt(4) == 0) {
      v |= 1 << 24; // FS
    }
    if (rnd.nextInt(2) == 0) {
      v |= (rnd.nextInt(256) & 0xfe) << 24 | (rnd.nextInt(2) << 23);
    }
    return v;
  }

  private record FpOp(String name, int funct, int kind) {}

  // kind: 0 binary, 1 unary, 2 compare, 3 MOVF/MOVT, 4 MOVZ/MOVN
  private static final List<FpOp> FP_SWEEP = List.of(new FpOp("add", 0, 0), new FpOp("sub", 1, 0),
      new FpOp("mul", 2, 0), new FpOp("div", 3, 0), new FpOp("sqrt", 4, 1), new FpOp("abs", 5, 1),
      new FpOp("mov", 6, 1), new FpOp("neg", 7, 1), new FpOp("round.l", 8, 1), new FpOp("trunc.l", 9, 1),
      new FpOp("ceil.l", 10, 1), new FpOp("floor.l", 11, 1), new FpOp("round.w", 12, 1),
      new FpOp("trunc.w", 13, 1), new FpOp("ceil.w", 14, 1), new FpOp("floor.w", 15, 1),
      new FpOp("movcf", 17, 3), new FpOp("movz", 18, 4), new FpOp("movn", 19, 4), new FpOp("recip", 21, 1),
      new FpOp("rsqrt", 22, 1), new FpOp("cvt.s", 32, 1), new FpOp("cvt.d", 33, 1), new FpOp("cvt.w", 36, 1),
      new FpOp("cvt.l", 37, 1), new FpOp("c", 48, 2));

  private void sweep() {
    sweepInteger();
    sweepPrivileged();
    sweepFpu();
    sweepFpuEdges();
  }

  private void sweepInteger() {
    SplittableRandom rnd = seeded("sweep.ext");
    for (int k = 0; k < 12; k++) {
      int pos = rnd.nextInt(32);
      int size = 1 + rnd.nextInt(32 - pos);
      v("ext.sweep." + k, "EXT of " + size + " bits at " + pos, VOL2 + "EXT")
          .code(sp3(T0, T1, size - 1, pos, 0)).gpr(T0, pick(rnd)).gpr(T1, rnd.nextInt()).emit("instruction");
    }
    rnd = seeded("sweep.ins");
    for (int k = 0; k < 16; k++) {
      int pos = k < 4 ? new int[] {0, 31, 1, 16}[k] : rnd.nextInt(32);
      int size = k < 4 ? new int[] {1, 1, 31, 16}[k] : 1 + rnd.nextInt(32 - pos);
      v("ins.sweep." + k, "INS of " + size + " bits at " + pos, VOL2 + "INS")
          .code(sp3(T0, T1, pos + size - 1, pos, 4)).gpr(T0, rnd.nextInt() | 1 | 0x8000_0000)
          .gpr(T1, rnd.nextInt()).emit("instruction");
    }
    String[] shifts = {"sll", "rotr", "srl", "sra"};
    int[] functs = {0, 2, 2, 3};
    for (int n = 0; n < shifts.length; n++) {
      rnd = seeded("sweep." + shifts[n]);
      for (int k = 0; k < 6; k++) {
        int sa = 1 + rnd.nextInt(30);
        v(shifts[n] + ".sweep." + k, shifts[n].toUpperCase() + " by " + sa, VOL2 + shifts[n].toUpperCase())
            .code(r(n == 1 ? 1 : 0, T1, T2, sa, functs[n])).gpr(T1, rnd.nextInt() | 0x8000_0001).emit("instruction");
      }
    }
    String[] vshifts = {"sllv", "rotrv", "srlv", "srav"};
    int[] vfuncts = {4, 6, 6, 7};
    for (int n = 0; n < vshifts.length; n++) {
      rnd = seeded("sweep." + vshifts[n]);
      for (int k = 0; k < 4; k++) {
        v(vshifts[n] + ".sweep." + k, vshifts[n].toUpperCase() + " by an amount with high bits set (only rs & 31 counts)",
            VOL2 + vshifts[n].toUpperCase())
            .code(r(T0, T1, T2, n == 1 ? 1 : 0, vfuncts[n])).gpr(T0, (rnd.nextInt() & ~31) | (1 + rnd.nextInt(30)))
            .gpr(T1, rnd.nextInt() | 0x8000_0001).emit("instruction");
      }
    }
    String[] acc = {"madd", "maddu", "msub", "msubu", "mult", "multu"};
    int[] accF = {0, 1, 4, 5};
    for (int n = 0; n < acc.length; n++) {
      rnd = seeded("sweep." + acc[n]);
      for (int k = 0; k < 6; k++) {
        int word = n < 4 ? sp2(T0, T1, 0, accF[n]) : r(T0, T1, 0, 0, 0x18 + n - 4);
        v(acc[n] + ".sweep." + k, acc[n].toUpperCase() + " of full-width operands into a full-width HI/LO",
            VOL2 + acc[n].toUpperCase())
            .code(word).gpr(T0, rnd.nextInt()).gpr(T1, rnd.nextInt()).hilo(rnd.nextInt(), rnd.nextInt())
            .emit("instruction");
      }
    }
    rnd = seeded("sweep.div");
    for (String d : new String[] {"div", "divu"}) {
      for (int k = 0; k < 4; k++) {
        v(d + ".sweep." + k, d.toUpperCase() + " with a negative operand", VOL2 + d.toUpperCase())
            .code(r(T0, T1, 0, 0, d.equals("div") ? 0x1a : 0x1b)).gpr(T0, rnd.nextInt() | 0x8000_0000)
            .gpr(T1, k % 2 == 0 ? -(3 + rnd.nextInt(1000)) : 3 + rnd.nextInt(1000)).emit("instruction");
      }
    }
    int[][] pairs = {{5, 5}, {-2, -2}, {4, 5}, {6, 5}, {-3, -2}, {-1, -2}, {0x7fff, 0x7fff}, {-0x8000, -0x8000},
        {0x1_0005, 5}, {0xffff_0005, 5}};
    String[] regs = {"tge", "tgeu", "tlt", "tltu", "teq", "tne"};
    int[] tf = {0x30, 0x31, 0x32, 0x33, 0x34, 0x36};
    String[] imms = {"tgei", "tgeiu", "tlti", "tltiu", "teqi", "tnei"};
    int[] codes = {8, 9, 0xa, 0xb, 0xc, 0xe};
    for (int n = 0; n < imms.length; n++) {
      for (int k = 0; k < pairs.length; k++) {
        v(imms[n] + ".sweep." + k, imms[n].toUpperCase() + " " + Hex.word(pairs[k][0]) + ", " + pairs[k][1]
            + ": equal, adjacent and sign-extended operands", VOL2 + imms[n].toUpperCase())
            .code(regimm(T0, codes[n], pairs[k][1])).gpr(T0, pairs[k][0]).emit("instruction");
        if (k < 6) {
          v(regs[n] + ".sweep." + k, regs[n].toUpperCase() + " " + Hex.word(pairs[k][0]) + ", " + Hex.word(pairs[k][1])
              + ": equal and adjacent operands", VOL2 + regs[n].toUpperCase())
              .code(r(T0, T1, 0, 0, tf[n])).gpr(T0, pairs[k][0]).gpr(T1, pairs[k][1]).emit("instruction");
        }
      }
    }
    String[] slti = {"slti", "sltiu"};
    for (int n = 0; n < 2; n++) {
      for (int k = 0; k < 6; k++) {
        v(slti[n] + ".sweep." + k, slti[n].toUpperCase() + " " + Hex.word(pairs[k][0]) + ", " + pairs[k][1]
            + ": equal and adjacent operands", VOL2 + slti[n].toUpperCase())
            .code(i(0x0a + n, T0, T1, pairs[k][1])).gpr(T0, pairs[k][0]).emit("instruction");
      }
    }
    for (int k = 0; k < 2; k++) {
      v("slt.sweep." + k, "SLT of equal operands is 0", VOL2 + "SLT").code(r(T0, T1, T2, 0, 0x2a))
          .gpr(T0, k == 0 ? 5 : -5).gpr(T1, k == 0 ? 5 : -5).emit("instruction");
      v("sltu.sweep." + k, "SLTU of equal operands is 0", VOL2 + "SLTU").code(r(T0, T1, T2, 0, 0x2b))
          .gpr(T0, k == 0 ? 5 : -5).gpr(T1, k == 0 ? 5 : -5).emit("instruction");
    }
    v("add.sweep.negative-overflow", "ADD of two large negatives overflows", VOL2 + "ADD")
        .code(r(T0, T1, T2, 0, 0x20)).gpr(T0, 0x8000_0000).gpr(T1, -1).emit("instruction");
    v("addi.sweep.positive-overflow", "ADDI of max int plus 1 overflows", VOL2 + "ADDI")
        .code(i(8, T0, T1, 1)).gpr(T0, 0x7fff_ffff).emit("instruction");
    v("sub.sweep.positive-overflow", "SUB of max int minus -1 overflows", VOL2 + "SUB")
        .code(r(T0, T1, T2, 0, 0x22)).gpr(T0, 0x7fff_ffff).gpr(T1, -1).emit("instruction");
    v("sub.sweep.no-overflow", "SUB of -1 minus min int does not overflow", VOL2 + "SUB")
        .code(r(T0, T1, T2, 0, 0x22)).gpr(T0, -1).gpr(T1, 0x8000_0000).emit("instruction");
    for (int k = 0; k < 4; k++) {
      int pos = new int[] {0, 1, 2, 3}[k];
      v("wsbh.sweep." + k, "WSBH moves each byte " + pos, VOL2 + "WSBH")
          .code(sp3(0, T1, T2, 2, 0x20)).gpr(T1, 0xff << (8 * pos)).emit("instruction");
      v("seb.sweep." + k, "SEB of a byte with its sign bit " + (k % 2), VOL2 + "SEB")
          .code(sp3(0, T1, T2, 0x10, 0x20)).gpr(T1, 0x1234_5600 | (k % 2 == 0 ? 0x7f : 0x80) | (k << 12))
          .emit("instruction");
      v("seh.sweep." + k, "SEH of a halfword with its sign bit " + (k % 2), VOL2 + "SEH")
          .code(sp3(0, T1, T2, 0x18, 0x20)).gpr(T1, 0x1234_0000 | (k % 2 == 0 ? 0x7fff : 0x8000) | k)
          .emit("instruction");
    }
    v("bshfl.reserved", "a BSHFL with an unassigned sa: Reserved Instruction", VOL3 + "6.2.19")
        .code(sp3(0, T1, T2, 0x01, 0x20)).emit("instruction");
    v("special.reserved", "an unassigned SPECIAL function: Reserved Instruction", VOL3 + "6.2.19")
        .code(r(0, 0, 0, 0, 0x28)).emit("instruction");
    v("regimm.reserved", "an unassigned REGIMM rt: Reserved Instruction", VOL3 + "6.2.19")
        .code(regimm(T0, 0x04, 0)).emit("instruction");
    v("special2.reserved", "an unassigned SPECIAL2 function: Reserved Instruction", VOL3 + "6.2.19")
        .code(sp2(T0, T1, T2, 0x03)).emit("instruction");
    v("special3.reserved", "an unassigned SPECIAL3 function: Reserved Instruction", VOL3 + "6.2.19")
        .code(sp3(T0, T1, T2, 0, 0x01)).emit("instruction");
    v("cop2", "a COP2 instruction without a coprocessor 2: Coprocessor Unusable, CE 2", VOL3 + "6.2.17")
        .code(0x12 << 26).emit("instruction");
    v("lwc2", "LWC2 without a coprocessor 2: Coprocessor Unusable, CE 2", VOL3 + "6.2.17")
        .code(i(0x32, T0, T1, 0)).gpr(T0, DATA).emit("instruction");
    v("sync.pref.synci", "SYNC, PREF, SYNCI and CACHE in kernel mode change no register or memory",
        VOL2 + "SYNC, PREF, SYNCI, CACHE")
        .code(r(0, 0, 0, 0, 0x0f), i(0x33, T0, 1, 0), regimm(T0, 0x1f, 0), i(0x2f, T0, 0, 0), addiu(T4, T4, 1))
        .gpr(T0, DATA).mem(DATA_PA, new byte[] {1, 2, 3, 4}).emit("instruction");
    v("sc.no-link", "SC without a preceding LL fails: rt 0, memory unchanged", VOL2 + "SC")
        .code(i(0x38, T0, T1, 0)).gpr(T0, DATA).gpr(T1, 0x5566_7788).mem(DATA_PA, new byte[] {1, 2, 3, 4})
        .emit("instruction");
    v("ll-sc.eret.breaks-link", "ERET clears LLbit: LL, ERET to an SC, which fails", VOL2 + "ERET")
        .code(i(0x30, T0, T2, 0), 0x4200_0018, i(0x38, T0, T1, 0)).gpr(T0, DATA).gpr(T1, 0x5566_7788)
        .cp0("status", 2).cp0("epc", PC + 8).mem(DATA_PA, new byte[] {1, 2, 3, 4}).emit("instruction");
    v("ll.unaligned", "LL at an unaligned address: AdEL", VOL2 + "LL").code(i(0x30, T0, T2, 2)).gpr(T0, DATA)
        .emit("instruction");
    v("ll-sc.unaligned", "LL then SC at an unaligned address: AdES", VOL2 + "SC")
        .code(i(0x30, T0, T2, 0), i(0x38, T0, T1, 2)).gpr(T0, DATA).emit("instruction");
    for (boolean little : new boolean[] {false, true}) {
      rnd = seeded("sweep.partial." + little);
      String order = little ? "little" : "big";
      String[] names = {"lwl", "lwr", "swl", "swr"};
      int[] ops = {0x22, 0x26, 0x2a, 0x2e};
      for (int n = 0; n < 4; n++) {
        for (int off = 0; off < 4; off++) {
          byte[] data = new byte[8];
          rnd.nextBytes(data);
          V x = v(names[n] + ".sweep." + order + "." + off, names[n].toUpperCase() + " at byte " + off + ", " + order
              + "-endian", VOL2 + names[n].toUpperCase())
              .code(i(ops[n], T0, T1, off)).gpr(T0, DATA).gpr(T1, rnd.nextInt()).mem(DATA_PA, data);
          if (little) {
            x.little();
          }
          x.emit("instruction");
        }
      }
      String[] sub = {"lb", "lbu", "lh", "lhu", "sb", "sh"};
      int[] subOps = {0x20, 0x24, 0x21, 0x25, 0x28, 0x29};
      for (int n = 0; n < sub.length; n++) {
        for (int off = 0; off < 4; off += (n == 2 || n == 3 || n == 5) ? 2 : 1) {
          byte[] data = {(byte) 0x81, 0x72, (byte) 0xe3, 0x54};
          V x = v(sub[n] + ".sweep." + order + "." + off, sub[n].toUpperCase() + " at byte " + off + " of a word, "
              + order + "-endian", VOL2 + sub[n].toUpperCase())
              .code(i(subOps[n], T0, T1, off)).gpr(T0, DATA).gpr(T1, 0x1122_3344).mem(DATA_PA, data);
          if (little) {
            x.little();
          }
          x.emit("instruction");
        }
      }
    }
    v("jalr.rd", "JALR links into another rd than 31", VOL2 + "JALR")
        .code(r(T0, 0, T3, 0, 9), addiu(T4, T4, 1)).gpr(T0, PC + 8).emit("instruction");
    v("beq.backward", "a taken BEQ with a negative offset", VOL2 + "BEQ")
        .code(i(4, 0, 0, 2), addiu(T4, T4, 1), addiu(T3, T3, 1), i(4, 0, 0, -3), 0)
        .pc(PC).emit("instruction");
  }

  private static int mtc0(int rt, int rd, int sel) {
    return (0x10 << 26) | (4 << 21) | (rt << 16) | (rd << 11) | sel;
  }

  private static int mfc0(int rt, int rd, int sel) {
    return (0x10 << 26) | (rt << 16) | (rd << 11) | sel;
  }

  private static final String MACHINE_CHECK = VOL3 + "6.2.18 Machine Check Exception";

  /** TLBWI of the entry that T0 (Index), T1 (EntryHi), T2, T3 (EntryLo0/1) and T4 (PageMask) describe. */
  private static int[] tlbwiFromRegisters() {
    return new int[] {mtc0(T0, 0, 0), mtc0(T1, 10, 0), mtc0(T2, 2, 0), mtc0(T3, 3, 0), mtc0(T4, 5, 0), 0x4200_0002};
  }

  private void sweepPrivileged() {
    String cp0 = VOL3 + "9 CP0 Registers";
    int[][] regs = {{0, 0}, {2, 0}, {3, 0}, {4, 0}, {4, 2}, {5, 0}, {6, 0}, {7, 0}, {10, 0}, {12, 1}, {13, 0},
        {14, 0}, {15, 1}, {16, 0}, {16, 1}, {16, 2}, {16, 3}, {17, 0}, {30, 0}, {31, 0}, {15, 0}, {8, 0},
        {11, 0}, {20, 0}, {25, 0}};
    for (int[] rs : regs) {
      for (int value : new int[] {-1, 0x5555_aaaa}) {
        String id = "mtc0-mfc0." + rs[0] + "." + rs[1] + (value == -1 ? ".ones" : ".pattern");
        v(id, "MTC0 " + Hex.word(value) + " to CP0 register " + rs[0] + " select " + rs[1]
            + ", then MFC0 reads the writable bits back", cp0)
            .code(mfc0(T1, rs[0], rs[1]), mtc0(T0, rs[0], rs[1]), mfc0(T2, rs[0], rs[1]))
            .gpr(T0, value).cp0("status", 0).emit("instruction");
      }
    }
    v("mtc0.status.mask", "MTC0 Status: RE and other reserved bits read as zero; TS, SR, NMI only clear", cp0)
        .code(mtc0(T0, 12, 0), mfc0(T2, 12, 0)).gpr(T0, 0x1ff8_ff07 & ~0x8).cp0("status", 0).emit("instruction");
    v("mtc0.status.keep", "MTC0 Status keeps ERL, BEV: kernel mode, CU1", cp0)
        .code(mtc0(T0, 12, 0), mfc0(T2, 12, 0)).gpr(T0, CU1 | (1 << 22) | 4).cp0("status", 0).emit("instruction");
    int page = 0x0040_0000;
    int vdc = 2 | 4 | (3 << 3);
    int pa0 = 0x0030_0000;
    int pa1 = 0x0031_0000;
    v("tlbwi-tlbr", "TLBWI an entry, clear the registers, TLBR it back", VOL2 + "TLBWI, TLBR")
        .code(mtc0(T0, 0, 0), mtc0(T1, 10, 0), mtc0(T2, 2, 0), mtc0(T3, 3, 0), mtc0(T4, 5, 0), 0x4200_0002,
            mtc0(0, 10, 0), mtc0(0, 2, 0), mtc0(0, 3, 0), mtc0(0, 5, 0), 0x4200_0001,
            mfc0(13, 10, 0), mfc0(14, 2, 0), mfc0(15, 3, 0), mfc0(16, 5, 0), mtc0(0, 10, 0))
        .gpr(T0, 7).gpr(T1, page | 0x2a).gpr(T2, lo(pa0, vdc | 1)).gpr(T3, lo(pa1, 2 | 1)).gpr(T4, 0x6000)
        .cp0("status", 0).emit("instruction");
    v("tlbwi-tlbp.hit", "TLBWI an entry, then TLBP finds its index", VOL2 + "TLBP")
        .code(mtc0(T0, 0, 0), mtc0(T1, 10, 0), mtc0(T2, 2, 0), mtc0(T3, 3, 0), 0x4200_0002,
            mtc0(0, 0, 0), 0x4200_0008, mfc0(13, 0, 0))
        .gpr(T0, 11).gpr(T1, page | 0x2a).gpr(T2, lo(pa0, vdc)).gpr(T3, lo(pa1, vdc)).cp0("status", 0)
        .emit("instruction");
    v("tlbp.miss", "TLBP with no matching entry sets Index.P", VOL2 + "TLBP")
        .code(mtc0(T1, 10, 0), 0x4200_0008, mfc0(13, 0, 0)).gpr(T1, page | 0x2a).cp0("status", 0)
        .emit("instruction");
    v("tlbp.asid", "TLBP matches the ASID of EntryHi: another ASID misses", VOL2 + "TLBP")
        .code(mtc0(T1, 10, 0), 0x4200_0008, mfc0(13, 0, 0)).gpr(T1, page | 6)
        .tlb(3, page | 5, 0, lo(pa0, vdc), lo(pa1, vdc)).cp0("status", 0).emit("instruction");
    v("tlbp.global", "TLBP matches a global entry whatever the ASID", VOL2 + "TLBP")
        .code(mtc0(T1, 10, 0), 0x4200_0008, mfc0(13, 0, 0)).gpr(T1, page | 6)
        .tlb(3, page | 5, 0, lo(pa0, vdc | 1), lo(pa1, vdc | 1)).cp0("status", 0).emit("instruction");
    v("tlbp.pagemask", "TLBP with a 16 KB entry matches an address in its upper half", VOL2 + "TLBP")
        .code(mtc0(T1, 10, 0), 0x4200_0008, mfc0(13, 0, 0)).gpr(T1, (page + 0x6000) | 5)
        .tlb(4, page | 5, 0x6000, lo(pa0, vdc), lo(pa1, vdc)).cp0("status", 0).emit("instruction");
    v("tlbwi.then-load", "TLBWI then a load through the new entry", VOL2 + "TLBWI")
        .code(mtc0(T0, 0, 0), mtc0(T1, 10, 0), mtc0(T2, 2, 0), mtc0(T3, 3, 0), 0x4200_0002,
            i(0x23, 13, 14, 0x1004))
        .gpr(T0, 2).gpr(T1, page | 0).gpr(T2, lo(pa0, vdc)).gpr(T3, lo(pa1, vdc)).gpr(13, page)
        .cp0("status", 0).mem(pa1, new byte[] {11, 12, 13, 14, 15, 16, 17, 18}).emit("instruction");
    v("tlbwr.wired", "TLBWR with Wired = TLB size - 1 writes the last entry; TLBP finds it", VOL2 + "TLBWR")
        .code(mfc0(T0, 16, 1), sp3(T0, T0, 5, 25, 0) /* EXT Config1.MMUSize */, mtc0(T0, 6, 0), mtc0(T1, 10, 0),
            mtc0(T2, 2, 0), mtc0(T3, 3, 0), 0x4200_0006, mtc0(0, 0, 0), 0x4200_0008, mfc0(13, 0, 0))
        .gpr(T1, page | 0x2a).gpr(T2, lo(pa0, vdc)).gpr(T3, lo(pa1, vdc)).cp0("status", 0).emit("instruction");
    v("tlb.context", "a TLB miss fills Context.BadVPN2 and EntryHi.VPN2", VOL3 + "9.5 Context")
        .code(mtc0(T2, 4, 0), i(0x23, T0, T1, 0)).gpr(T0, 0x7654_3210).gpr(T2, 0xff80_0000)
        .cp0("entryhi", 0x33).emit("instruction");
    v("tlb.modified.context", "TLB Modified fills Context and EntryHi (ASID kept)", VOL3 + "9.5 Context")
        .code(i(0x2b, T0, T1, 0)).gpr(T0, page + 0x1008)
        .tlb(0, page | 5, 0, lo(pa0, vdc), lo(pa1, 2)).cp0("entryhi", 5).emit("instruction");
    v("tlb.kseg2", "a load from kseg2 goes through the TLB: refill without an entry", VOL3 + "4.3 kseg2")
        .code(i(0x23, T0, T1, 0)).gpr(T0, 0xc000_1000).cp0("entryhi", 0).emit("instruction");
    v("tlb.kseg2.hit", "a load from kseg2 through a global entry", VOL3 + "4.3 kseg2")
        .code(i(0x23, T0, T1, 4)).gpr(T0, 0xc000_2000)
        .tlb(1, 0xc000_2000, 0, lo(pa0, vdc | 1), lo(pa1, vdc | 1)).cp0("entryhi", 0).mem(pa0, new byte[8])
        .emit("instruction");
    v("tlb.kseg3.store", "a store to kseg3 through a global entry", VOL3 + "4.3 kseg3")
        .code(i(0x2b, T0, T1, 0x100)).gpr(T0, 0xe000_0000).gpr(T1, 0x1234_5678)
        .tlb(1, 0xe000_0000, 0, lo(pa0, vdc | 1), lo(pa1, vdc | 1)).cp0("entryhi", 0).mem(pa0 + 0x100, new byte[4])
        .emit("instruction");
    v("tlb.uncached", "a mapped page with C=2 (uncached) reads the same memory", VOL3 + "9.6 EntryLo")
        .code(i(0x23, T0, T1, 0)).gpr(T0, page).tlb(0, page, 0, lo(pa0, 2 | 4 | (2 << 3)), lo(pa1, 0))
        .cp0("entryhi", 0).mem(pa0, new byte[] {5, 6, 7, 8}).emit("instruction");
    v("tlb.invalid.odd", "the odd page of an entry whose odd half has V clear: TLBL", VOL3 + "4.8")
        .code(i(0x23, T0, T1, 0)).gpr(T0, page + 0x1ffc).tlb(0, page, 0, lo(pa0, vdc), lo(pa1, 4))
        .cp0("entryhi", 0).emit("instruction");
    v("tlb.pagemask.1m", "a 1 MB page pair: the odd page starts 1 MB in", VOL3 + "9.8 PageMask")
        .code(i(0x23, T0, T1, 0)).gpr(T0, 0x0060_0000 + 0x10_0010)
        .tlb(0, 0x0060_0000, 0x001f_e000, lo(0x0020_0000, vdc), lo(0x0040_0000, vdc)).cp0("entryhi", 0)
        .mem(0x0040_0010, new byte[] {1, 3, 5, 7}).emit("instruction");
    v("user.kseg0.fetch", "a user-mode jump to kseg0: AdEL on fetch", VOL3 + "4.3 Segments").pc(page)
        .code(r(T0, 0, 0, 0, 8), 0).gpr(T0, PC).tlb(0, page, 0, lo(page, vdc | 1), lo(page + 0x1000, vdc | 1))
        .cp0("status", 2 << 3).emit("instruction");
    v("user.store.kseg1", "a user-mode store to kseg1: AdES", VOL3 + "4.3 Segments").pc(page)
        .code(i(0x2b, T0, T1, 0)).gpr(T0, 0xa002_0000).tlb(0, page, 0, lo(page, vdc | 1), lo(page + 0x1000, vdc | 1))
        .cp0("status", 2 << 3).emit("instruction");
    v("supervisor.kseg2", "supervisor mode may use the supervisor segment (0xc0000000) through the TLB",
        VOL3 + "4.3 Segments").pc(page)
        .code(i(0x23, T0, T1, 0)).gpr(T0, 0xc000_2000).tlb(0, page, 0, lo(page, vdc | 1), lo(page + 0x1000, vdc | 1))
        .tlb(1, 0xc000_2000, 0, lo(pa0, vdc | 1), lo(pa1, vdc | 1)).mem(pa0, new byte[] {4, 3, 2, 1})
        .cp0("status", 1 << 3).emit("instruction");
    v("supervisor.kseg3", "a supervisor-mode load from kseg3: AdEL", VOL3 + "4.3 Segments").pc(page)
        .code(i(0x23, T0, T1, 0)).gpr(T0, 0xe000_0000).tlb(0, page, 0, lo(page, vdc | 1), lo(page + 0x1000, vdc | 1))
        .cp0("status", 1 << 3).emit("instruction");
    v("user.cu0.mfc0", "MFC0 in user mode with Status.CU0 set is allowed", VOL3 + "6.2.17").pc(page)
        .code(mfc0(T1, 12, 0)).tlb(0, page, 0, lo(page, vdc | 1), lo(page + 0x1000, vdc | 1))
        .cp0("status", (2 << 3) | (1 << 28)).emit("instruction");
    v("user.cache", "CACHE in user mode: Coprocessor Unusable, CE 0", VOL2 + "CACHE").pc(page)
        .code(i(0x2f, T0, 0, 0)).gpr(T0, page).tlb(0, page, 0, lo(page, vdc | 1), lo(page + 0x1000, vdc | 1))
        .cp0("status", 2 << 3).emit("instruction");
    v("user.rdhwr.disabled", "RDHWR in user mode with HWREna clear: Reserved Instruction", VOL2 + "RDHWR").pc(page)
        .code(sp3(0, T1, 29, 0, 0x3b)).tlb(0, page, 0, lo(page, vdc | 1), lo(page + 0x1000, vdc | 1))
        .cp0("status", 2 << 3).emit("instruction");
    v("user.exl.kernel", "with EXL set a user-mode Status runs in kernel mode: kseg0 is reachable", VOL3 + "4.3")
        .code(i(0x23, T0, T1, 0)).gpr(T0, DATA).cp0("status", (2 << 3) | 2).mem(DATA_PA, new byte[] {1, 2, 3, 4})
        .emit("instruction");
    v("rdhwr.kernel", "RDHWR of CPUNum, SYNCI_Step, CCRes and ULR in kernel mode", VOL2 + "RDHWR")
        .code(mtc0(T0, 4, 2), sp3(0, 13, 0, 0, 0x3b), sp3(0, 14, 1, 0, 0x3b), sp3(0, 15, 3, 0, 0x3b),
            sp3(0, 16, 29, 0, 0x3b))
        .gpr(T0, 0x1234_5678).cp0("status", 0).emit("instruction");
    v("rdhwr.reserved", "RDHWR of an unimplemented register: Reserved Instruction", VOL2 + "RDHWR")
        .code(sp3(0, 13, 5, 0, 0x3b)).cp0("status", 0).emit("instruction");
    v("di-ei", "DI returns Status and clears IE; EI sets it", VOL2 + "DI, EI")
        .code(0x4168_6000 | (T1 << 16), 0x4168_6020 | (T2 << 16), mfc0(T3, 12, 0)).cp0("status", 0)
        .emit("instruction");
    v("ei-di", "EI then DI", VOL2 + "DI, EI")
        .code(0x4168_6020 | (T1 << 16), 0x4168_6000 | (T2 << 16), mfc0(T3, 12, 0)).cp0("status", 0xff00)
        .emit("instruction");
    v("mfmc0.reserved", "MFMC0 with another register than Status: Reserved Instruction", VOL2 + "DI")
        .code(0x4160_6800 | (T1 << 16)).cp0("status", 0).emit("instruction");
    v("cop0.co.reserved", "an unassigned CO function: Reserved Instruction", VOL3 + "6.2.19")
        .code(0x4200_0003).cp0("status", 0).emit("instruction");
    v("cop0.rs.reserved", "an unassigned COP0 rs: Reserved Instruction", VOL3 + "6.2.19")
        .code(0x4020_0000).cp0("status", 0).emit("instruction");
    v("rdpgpr-wrpgpr", "RDPGPR and WRPGPR with one shadow set copy between registers", VOL2 + "RDPGPR, WRPGPR")
        .code(0x4140_0000 | (T0 << 16) | (T2 << 11), 0x41c0_0000 | (T1 << 16) | (T3 << 11))
        .gpr(T0, 0x1111_2222).gpr(T1, 0x3333_4444).cp0("status", 0).emit("instruction");
    v("eret.erl", "ERET with ERL set returns to ErrorEPC and clears ERL", VOL2 + "ERET")
        .code(mtc0(T0, 30, 0), 0x4200_0018, addiu(T4, T4, 1)).gpr(T0, PC + 12).cp0("status", 4 | 2)
        .emit("instruction");
    v("bev.general", "with Status.BEV set an exception goes to the bootstrap vector", VOL3 + "6.2 BEV")
        .code(0x0000_000c).cp0("status", 1 << 22).emit("instruction");
    v("ebase.general", "a written EBase moves the general vector", VOL3 + "9.39 EBase")
        .code(mtc0(T0, 15, 1), 0x0000_000c).gpr(T0, 0x8004_0000).cp0("status", 0).emit("instruction");
    v("cause.iv.syscall", "Cause.IV does not move a non-interrupt exception", VOL3 + "6.2")
        .code(mtc0(T0, 13, 0), 0x0000_000c).gpr(T0, Cp0Bits.IV).cp0("status", 0).emit("instruction");
    v("exception.clears-bd", "an exception outside a delay slot clears Cause.BD left set before", VOL3 + "6.1")
        .code(mtc0(T0, 13, 0), 0x0000_000d).gpr(T0, 0).cp0("status", 0).emit("instruction");
    v("ll.lladdr", "LL sets LLAddr to the physical address bits 35..4", VOL3 + "9.26 LLAddr")
        .code(i(0x30, T0, T2, 0), mfc0(T3, 17, 0)).gpr(T0, DATA + 0x30).cp0("status", 0).emit("instruction");
    v("tlbp.index0", "TLBP finds an entry at index 0", VOL2 + "TLBP")
        .code(mtc0(T1, 10, 0), 0x4200_0008, mfc0(13, 0, 0)).gpr(T1, page | 5)
        .tlb(0, page | 5, 0, lo(pa0, vdc), lo(pa1, vdc)).cp0("status", 0).emit("instruction");
    v("tlbwi.duplicate", "TLBWI of an entry matching the same address as another: Machine Check, Status.TS",
        MACHINE_CHECK).requires(Choices.TLB_DUPLICATE_MACHINE_CHECK)
        .code(mtc0(T0, 0, 0), mtc0(T1, 10, 0), mtc0(T2, 2, 0), mtc0(T3, 3, 0), 0x4200_0002)
        .gpr(T0, 5).gpr(T1, page | 5).gpr(T2, lo(pa0, vdc)).gpr(T3, lo(pa1, vdc))
        .tlb(2, page | 5, 0, lo(pa0, vdc), lo(pa1, vdc)).cp0("status", 0).emit("instruction");
    v("tlbwi.duplicate.global", "TLBWI of a global entry over another ASID's entry for the same page: Machine Check",
        MACHINE_CHECK).requires(Choices.TLB_DUPLICATE_MACHINE_CHECK)
        .code(mtc0(T0, 0, 0), mtc0(T1, 10, 0), mtc0(T2, 2, 0), mtc0(T3, 3, 0), 0x4200_0002)
        .gpr(T0, 5).gpr(T1, page | 6).gpr(T2, lo(pa0, vdc | 1)).gpr(T3, lo(pa1, vdc | 1))
        .tlb(2, page | 5, 0, lo(pa0, vdc), lo(pa1, vdc)).cp0("status", 0).emit("instruction");
    v("asid.change.retranslates", "a load, an MTC0 of EntryHi to another ASID, the same load: TLB Refill",
        VOL3 + "4.8 ASID")
        .code(i(0x23, T0, T1, 0), mtc0(T2, 10, 0), i(0x23, T0, T1, 0)).gpr(T0, page).gpr(T2, 6)
        .tlb(0, page | 5, 0, lo(pa0, vdc), lo(pa1, vdc)).cp0("entryhi", 5).mem(pa0, new byte[] {1, 2, 3, 4})
        .emit("instruction");
    for (String[] c : new String[][] {{"ldc1", "35"}, {"sdc1", "3d"}, {"swc1", "39"}}) {
      v(c[0] + ".cu1", c[0].toUpperCase() + " with CU1 clear: Coprocessor Unusable", VOL3 + "6.2.17")
          .code(i(Integer.parseInt(c[1], 16), T0, 2, 0)).gpr(T0, DATA).emit("instruction");
    }
    for (String[] b : new String[][] {{"bne", "5"}, {"blez", "6"}, {"bgtz", "7"}, {"bltz", "1"}}) {
      int op = Integer.parseInt(b[1]);
      v(b[0] + ".slot.syscall", "SYSCALL in the slot of " + b[0].toUpperCase() + ": EPC the branch, BD set",
          VOL3 + "6.1 Cause.BD")
          .code(i(op, T0, op == 5 ? T1 : 0, 2), 0x0000_000c, addiu(T4, T4, 1)).gpr(T0, op == 7 ? 1 : -1)
          .emit("instruction");
    }
    v("add.zero", "ADD of zero and a number: no overflow", VOL2 + "ADD")
        .code(r(0, T1, T2, 0, 0x20)).gpr(T1, 0x1234_5678).emit("instruction");
  }

  /** Cause bits the privileged sweep writes. */
  private static final class Cp0Bits {
    static final int IV = 1 << 23;
  }

  private void sweepFpu() {
    for (FpOp op : FP_SWEEP) {
      for (String fmt : new String[] {"s", "d"}) {
        if (op.name.equals("cvt.s") && fmt.equals("s") || op.name.equals("cvt.d") && fmt.equals("d")) {
          continue;
        }
        SplittableRandom rnd = seeded("sweep." + op.name + fmt);
        int n = op.kind == 2 ? 16 : op.kind >= 3 ? 4 : 6;
        for (int k = 0; k < n; k++) {
          boolean fr = op.name.endsWith(".l") || op.name.equals("cvt.l") || rnd.nextBoolean();
          int fmtCode = fmt.equals("s") ? 0x10 : 0x11;
          int ft = 4;
          int funct = op.funct;
          String name = op.name;
          if (op.kind == 2) {
            funct = 48 + k;
            int cc = rnd.nextInt(8);
            ft = 4;
            name = "c." + k + ".cc" + cc;
            int word = cop1(fmtCode, ft, 2, cc << 2, funct);
            emitFp(rnd, "c.cond." + fmt + ".sweep." + k, "C.cond." + fmt.toUpperCase() + " condition " + k
                + " into condition code " + cc, VOL2 + "C.cond.fmt", word, fmt, fr, false);
            continue;
          }
          if (op.kind == 3) {
            int cc = rnd.nextInt(8);
            ft = (cc << 2) | (k & 1);
            name = ((k & 1) == 1 ? "movt." : "movf.") + fmt;
          }
          int word = cop1(fmtCode, op.kind == 1 ? 0 : ft, 2, 6, funct);
          String id = (op.kind == 3 ? name : op.name + "." + fmt) + ".sweep." + k;
          V x = emitFpSetup(rnd, id, op.name.toUpperCase() + "." + fmt.toUpperCase() + " on swept operands, FR=" + (fr ? 1 : 0),
              VOL2 + op.name.toUpperCase() + ".fmt", word, fmt, fr);
          if (op.kind == 4) {
            x.gpr(4, k % 2 == 0 ? 0 : rnd.nextInt() | 1);
          }
          x.emit("instruction");
        }
      }
    }
    for (String from : new String[] {"w", "l"}) {
      for (String to : new String[] {"s", "d"}) {
        SplittableRandom rnd = seeded("sweep.cvt." + to + "." + from);
        for (int k = 0; k < 6; k++) {
          boolean fr = from.equals("l") || rnd.nextBoolean();
          V x = v("cvt." + to + "." + from + ".sweep." + k, "CVT." + to.toUpperCase() + "." + from.toUpperCase()
              + " of a swept integer, FR=" + (fr ? 1 : 0), VOL2 + "CVT." + to.toUpperCase() + ".fmt")
              .code(cop1(from.equals("w") ? 0x14 : 0x15, 0, 2, 6, to.equals("s") ? 32 : 33)).fpu(fr, fcsr(rnd));
          long value = k == 0 ? Long.MIN_VALUE >> (from.equals("w") ? 32 : 0) : k == 1 ? -1 : rnd.nextLong() >> rnd.nextInt(40);
          if (from.equals("w")) {
            x.fpr(2, (int) value);
          } else {
            double64(x, true, 2, value);
          }
          x.emit("instruction");
        }
      }
    }
    String[] x3 = {"madd", "msub", "nmadd", "nmsub"};
    for (int n = 0; n < 4; n++) {
      for (String fmt : new String[] {"s", "d"}) {
        SplittableRandom rnd = seeded("sweep." + x3[n] + fmt);
        for (int k = 0; k < 5; k++) {
          boolean fr = rnd.nextBoolean();
          int word = cop1xArith(n, fmt);
          V x = v(x3[n] + "." + fmt + ".sweep." + k, x3[n].toUpperCase() + "." + fmt.toUpperCase()
              + ": the product is rounded before the sum, FR=" + (fr ? 1 : 0), VOL2 + x3[n].toUpperCase() + ".fmt")
              .code(word).fpu(fr, fcsr(rnd));
          for (int reg : new int[] {2, 4, 8}) {
            if (fmt.equals("s")) {
              x.fpr(reg, single(rnd));
            } else {
              double64(x, fr, reg, dbl(rnd));
            }
          }
          x.emit("instruction");
        }
      }
    }
    SplittableRandom rnd = seeded("sweep.fcr");
    int[] fcrs = {0, 1, 5, 25, 26, 28, 31, 30};
    for (int fcr : fcrs) {
      for (int k = 0; k < 3; k++) {
        int value = k == 0 ? -1 : k == 1 ? rnd.nextInt() & 0xff : rnd.nextInt() & 0x0083_ffff;
        v("ctc1-cfc1." + fcr + "." + k, "CTC1 " + Hex.word(value) + " to FPU control register " + fcr
            + ", then CFC1 of it and of FCSR", VOL2 + "CTC1, CFC1")
            .code((0x11 << 26) | (2 << 21) | (T2 << 16) | (fcr << 11),
                (0x11 << 26) | (6 << 21) | (T0 << 16) | (fcr << 11),
                (0x11 << 26) | (2 << 21) | (T1 << 16) | (fcr << 11),
                (0x11 << 26) | (2 << 21) | (T3 << 16) | (31 << 11))
            .gpr(T0, value).fpu(k == 2, 0x0100_0f03).emit("instruction");
      }
    }
    for (int k = 0; k < 4; k++) {
      int v = new int[] {0x0001_0000 | 0x0000_0080, 0x0002_0000, 0x0000_1000 | 0x0000_0800, 0x0000_0100}[k];
      v("ctc1.cause-enabled." + k, "CTC1 FCSR with a Cause bit whose Enable is set (or Cause.E): Floating-Point exception",
          VOL2 + "CTC1").code((0x11 << 26) | (6 << 21) | (T0 << 16) | (31 << 11)).gpr(T0, v | (k == 3 ? 0x0000_4000 : 0))
          .fpu(false, 0).emit("instruction");
    }
    for (int cc = 0; cc < 8; cc++) {
      for (int nd = 0; nd < 2; nd++) {
        int tf = cc % 2;
        boolean set = (cc * 5 + nd) % 3 != 0;
        int fcsr = set ? (cc == 0 ? 1 << 23 : 1 << (24 + cc)) : 0x7f80_0000 & ~(cc == 0 ? 1 << 23 : 1 << (24 + cc));
        v("bc1" + (tf == 1 ? "t" : "f") + (nd == 1 ? "l" : "") + ".sweep.cc" + cc,
            "BC1" + (tf == 1 ? "T" : "F") + (nd == 1 ? "L" : "") + " on condition code " + cc + " = " + (set ? 1 : 0),
            VOL2 + "BC1" + (tf == 1 ? "T" : "F") + (nd == 1 ? "L" : ""))
            .code((0x11 << 26) | (8 << 21) | (cc << 18) | (nd << 17) | (tf << 16) | 2, addiu(T3, T3, 1),
                addiu(T4, T4, 1))
            .fpu(cc % 4 == 1, fcsr).emit("instruction");
        v("movcf.gpr.sweep.cc" + cc + "." + nd, "MOV" + (tf == 1 ? "T" : "F") + " of a GPR on condition code " + cc
            + " = " + (set ? 1 : 0), VOL2 + "MOVF, MOVT")
            .code(r(T0, (cc << 2) | tf, T2, 0, 1)).gpr(T0, 0x1357_9bdf).gpr(T2, 0x2468_ace0)
            .fpu(false, fcsr).emit("instruction");
      }
    }
    for (boolean little : new boolean[] {false, true}) {
      for (boolean fr : new boolean[] {false, true}) {
        String f = (little ? ".little" : ".big") + (fr ? ".fr1" : ".fr0");
        byte[] data = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        V a = v("ldc1.sweep" + f, "LDC1 in either byte order: the word order of the double", VOL2 + "LDC1")
            .code(i(0x35, T0, 4, 8)).gpr(T0, DATA).fpu(fr, 0).mem(DATA_PA, data);
        V b = v("sdc1.sweep" + f, "SDC1 in either byte order", VOL2 + "SDC1").code(i(0x3d, T0, 4, 8)).gpr(T0, DATA)
            .fpu(fr, 0).mem(DATA_PA, new byte[16]);
        double64(b, fr, 4, 0x0102_0304_0506_0708L);
        V c = v("ldxc1.sweep" + f, "LDXC1 base + index", VOL2 + "LDXC1")
            .code((0x13 << 26) | (T0 << 21) | (T1 << 16) | (6 << 6) | 1).gpr(T0, DATA).gpr(T1, 8).fpu(fr, 0)
            .mem(DATA_PA, data);
        V d = v("sdxc1.sweep" + f, "SDXC1 base + index", VOL2 + "SDXC1")
            .code((0x13 << 26) | (T0 << 21) | (T1 << 16) | (4 << 11) | 9).gpr(T0, DATA).gpr(T1, 8).fpu(fr, 0)
            .mem(DATA_PA, new byte[16]);
        double64(d, fr, 4, 0x1112_1314_1516_1718L);
        // With FR=0 both are UNPREDICTABLE: Reserved Instruction, as QEMU does it.
        String unaligned = fr ? " ignores the low three address bits" : " with FR=0: Reserved Instruction";
        V e = v("luxc1.sweep" + f, "LUXC1" + unaligned, VOL2 + "LUXC1")
            .code((0x13 << 26) | (T0 << 21) | (T1 << 16) | (6 << 6) | 5).gpr(T0, DATA).gpr(T1, 13).fpu(fr, 0)
            .mem(DATA_PA, data);
        V g = v("suxc1.sweep" + f, "SUXC1" + unaligned, VOL2 + "SUXC1")
            .code((0x13 << 26) | (T0 << 21) | (T1 << 16) | (4 << 11) | 0xd).gpr(T0, DATA).gpr(T1, 13).fpu(fr, 0)
            .mem(DATA_PA, new byte[16]);
        if (!fr) {
          e.requires(Choices.RESERVED_AS_QEMU);
          g.requires(Choices.RESERVED_AS_QEMU);
        }
        double64(g, fr, 4, 0x2122_2324_2526_2728L);
        V h = v("lwxc1.sweep" + f, "LWXC1 base + index", VOL2 + "LWXC1")
            .code((0x13 << 26) | (T0 << 21) | (T1 << 16) | (5 << 6)).gpr(T0, DATA).gpr(T1, 12).fpu(fr, 0)
            .mem(DATA_PA, data);
        V m = v("swxc1.sweep" + f, "SWXC1 base + index", VOL2 + "SWXC1")
            .code((0x13 << 26) | (T0 << 21) | (T1 << 16) | (5 << 11) | 8).gpr(T0, DATA).gpr(T1, 4).fpu(fr, 0)
            .fpr(5, 0x3132_3334).mem(DATA_PA, new byte[8]);
        V u = v("ldc1.sweep.unaligned" + f, "LDC1 at an address not a multiple of 8: AdEL", VOL2 + "LDC1")
            .code(i(0x35, T0, 4, 4)).gpr(T0, DATA).fpu(fr, 0);
        V w = v("sdc1.sweep.unaligned" + f, "SDC1 at an address not a multiple of 8: AdES", VOL2 + "SDC1")
            .code(i(0x3d, T0, 4, 4)).gpr(T0, DATA).fpu(fr, 0);
        for (V x : new V[] {a, b, c, d, e, g, h, m, u, w}) {
          if (little) {
            x.little();
          }
          x.emit("instruction");
        }
      }
    }
    v("cop1x.reserved", "an unassigned COP1X function: Reserved Instruction", VOL3 + "6.2.19")
        .code((0x13 << 26) | 0x07).fpu(true, 0).emit("instruction");
    v("cop1.fmt.reserved", "COP1 with an unassigned fmt: Reserved Instruction", VOL3 + "6.2.19")
        .code(cop1(0x17, 4, 2, 6, 0)).fpu(true, 0).emit("instruction");
    v("cop1.s.reserved", "an unassigned fmt S function: Reserved Instruction", VOL3 + "6.2.19")
        .code(cop1(0x10, 4, 2, 6, 0x27)).fpu(true, 0).emit("instruction");
    v("cop1.d.reserved", "an unassigned fmt D function: Reserved Instruction", VOL3 + "6.2.19")
        .code(cop1(0x11, 4, 2, 6, 0x27)).fpu(true, 0).emit("instruction");
    v("cop1.w.reserved", "an unassigned fmt W function: Reserved Instruction", VOL3 + "6.2.19")
        .code(cop1(0x14, 4, 2, 6, 0)).fpu(true, 0).emit("instruction");
    v("cop1.l.reserved", "an unassigned fmt L function: Reserved Instruction", VOL3 + "6.2.19")
        .code(cop1(0x15, 4, 2, 6, 0)).fpu(true, 0).emit("instruction");
    v("cop1x.cu1", "a COP1X instruction with CU1 clear: Coprocessor Unusable, CE 1", VOL3 + "6.2.17")
        .code((0x13 << 26) | (T0 << 21) | (T1 << 16) | (6 << 6)).gpr(T0, DATA).emit("instruction");
    v("lwc1.cu1", "LWC1 with CU1 clear: Coprocessor Unusable", VOL3 + "6.2.17")
        .code(i(0x31, T0, 2, 0)).gpr(T0, DATA).emit("instruction");
    v("movf.cu1", "MOVF with CU1 clear: Coprocessor Unusable", VOL3 + "6.2.17")
        .code(r(T0, 0, T2, 0, 1)).emit("instruction");
    v("cfc1.fir", "CFC1 of FIR (control register 0)", VOL2 + "CFC1")
        .code((0x11 << 26) | (2 << 21) | (T1 << 16)).fpu(false, 0).emit("instruction");
    v("mtc1.fr1.keeps-high", "with FR=1, MTC1 writes the low word and keeps the high word", VOL2 + "MTC1")
        .code((0x11 << 26) | (4 << 21) | (T0 << 16) | (5 << 11), (0x11 << 26) | (3 << 21) | (T1 << 16) | (5 << 11))
        .gpr(T0, 0x1234_5678).fprh(5, 0x0bad_f00d).fpu(true, 0).emit("instruction");
    v("mov.s.fr0.odd", "with FR=0, MOV.S of an odd register", VOL2 + "MOV.fmt")
        .code(cop1(0x10, 0, 3, 5, 6)).fpr(3, 0x4040_0000).fpr(2, 0x1111_1111).fpu(false, 0).emit("instruction");
    v("status.fr.switch", "writing Status.FR changes how the registers read: a double written with FR=0, read with FR=1",
        VOL3 + "9.30 Status.FR")
        .code(mtc0(T0, 12, 0), (0x11 << 26) | (3 << 21) | (T1 << 16) | (2 << 11), (0x11 << 26) | (T2 << 16) | (3 << 11))
        .gpr(T0, CU1 | FR).fpr(2, 0x1111_2222).fpr(3, 0x3333_4444).fpu(false, 0).emit("instruction");
  }

  private static final int[] TINY_S = {0x0000_0001, 0x0000_0003, 0x007f_ffff, 0x0080_0000, 0x0080_0001, 0x00ff_ffff,
      0x3f00_0000, 0x3f7f_ffff, 0x3f80_0001, 0x3400_0000, 0x3380_0000, 0x7f7f_ffff, 0x7f00_0000, 0x7380_0000,
      0x0040_0000, 0x3fff_ffff};
  private static final long[] TINY_D = {1L, 3L, 0x000f_ffff_ffff_ffffL, 0x0010_0000_0000_0000L,
      0x0010_0000_0000_0001L, 0x001f_ffff_ffff_ffffL, 0x3fe0_0000_0000_0000L, 0x3fef_ffff_ffff_ffffL,
      0x3ff0_0000_0000_0001L, 0x3cb0_0000_0000_0000L, 0x3ca0_0000_0000_0000L, 0x7fef_ffff_ffff_ffffL,
      0x7fe0_0000_0000_0000L, 0x7c90_0000_0000_0000L, 0x0008_0000_0000_0000L, 0x3fff_ffff_ffff_ffffL};

  /**
   * Operands at the bottom and top of the range and cancelling pairs, in every rounding mode:
   * subnormal and zero results, tininess before and after rounding, a rounding carry into overflow.
   */
  private void sweepFpuEdges() {
    String[] names = {"add", "sub", "mul", "div", "sqrt"};
    for (int n = 0; n < names.length; n++) {
      for (String fmt : new String[] {"s", "d"}) {
        SplittableRandom rnd = seeded("edge." + names[n] + fmt);
        for (int k = 0; k < 16; k++) {
          int mode = k & 3;
          boolean fr = (k & 4) != 0;
          boolean cancel = k % 5 == 0;
          int flags = (k % 7 == 3 ? 1 << 24 : 0) | (k % 6 == 5 ? 0x1f << 7 : 0);
          V x = v(names[n] + "." + fmt + ".range." + k, names[n].toUpperCase() + "." + fmt.toUpperCase()
              + " at the ends of the range" + (cancel ? " (x and -x)" : "") + ", rounding mode " + mode,
              VOL2 + names[n].toUpperCase() + ".fmt")
              .code(cop1(fmt.equals("s") ? 0x10 : 0x11, n == 4 ? 0 : 4, 2, 6, n)).fpu(fr, mode | flags);
          if (fmt.equals("s")) {
            int a = TINY_S[rnd.nextInt(TINY_S.length)] ^ (rnd.nextBoolean() ? 0x8000_0000 : 0);
            int b = cancel ? a ^ (n == 0 ? 0x8000_0000 : 0) : TINY_S[rnd.nextInt(TINY_S.length)]
                ^ (rnd.nextBoolean() ? 0x8000_0000 : 0);
            x.fpr(2, n == 4 ? a & 0x7fff_ffff : a).fpr(4, b);
          } else {
            long a = TINY_D[rnd.nextInt(TINY_D.length)] ^ (rnd.nextBoolean() ? Long.MIN_VALUE : 0);
            long b = cancel ? a ^ (n == 0 ? Long.MIN_VALUE : 0) : TINY_D[rnd.nextInt(TINY_D.length)]
                ^ (rnd.nextBoolean() ? Long.MIN_VALUE : 0);
            double64(x, fr, 2, n == 4 ? a & Long.MAX_VALUE : a);
            double64(x, fr, 4, b);
          }
          x.emit("instruction");
        }
      }
    }
    int[][] specials = {{0x7f80_0000, 0x7f80_0000}, {0x7f80_0000, 0xff80_0000}, {0, 0}, {0x3f80_0000, 0},
        {0x7fc0_0000, 0x3f80_0000}, {0x7f80_0001, 0x3f80_0000}, {0xbf80_0000, 0}, {0x7f80_0000, 0}};
    for (int n = 0; n < names.length; n++) {
      for (int k = 0; k < specials.length; k++) {
        for (String fmt : new String[] {"s", "d"}) {
          V x = v(names[n] + "." + fmt + ".special." + k, names[n].toUpperCase() + "." + fmt.toUpperCase()
              + " of infinities, zeros and NaNs", VOL2 + names[n].toUpperCase() + ".fmt")
              .code(cop1(fmt.equals("s") ? 0x10 : 0x11, n == 4 ? 0 : 4, 2, 6, n)).fpu(true, k & 3);
          if (fmt.equals("s")) {
            x.fpr(2, specials[k][0]).fpr(4, specials[k][1]);
          } else {
            double64(x, true, 2, Double.doubleToRawLongBits(Float.intBitsToFloat(specials[k][0]))
                | (specials[k][0] == 0x7f80_0001 ? 1 : 0));
            double64(x, true, 4, Double.doubleToRawLongBits(Float.intBitsToFloat(specials[k][1])));
          }
          x.emit("instruction");
        }
      }
    }
  }

  // ---- the CPU core's edges the mutation runs found unpinned (docs/conformance.md) ----

  private static final int EHB = 0x0000_00c0;
  private static final int ERET = 0x4200_0018;

  private void core() {
    String intr = VOL3 + "6.1 Interrupts";
    int sw0 = 1 << 8;
    int sw1 = 1 << 9;
    // ERET clears EXL (or ERL) and is a hazard barrier: a pending interrupt is taken before its target.
    v("intr.sw0.eret", "IP0 set by MTC0 Cause under EXL, then ERET with IE and IM0 set: Interrupt before the target",
        intr).code(mtc0(T0, 13, 0), ERET, addiu(T4, T4, 1), addiu(T3, T3, 1)).gpr(T0, sw0)
        .cp0("status", sw0 | 3).cp0("epc", PC + 12).emit("instruction");
    v("intr.sw1.iv", "IP1 with Cause.IV set: the interrupt goes to EBase + 0x200", intr)
        .code(mtc0(T0, 13, 0), ERET, addiu(T4, T4, 1), addiu(T3, T3, 1)).gpr(T0, sw1 | Cp0Bits.IV)
        .cp0("status", sw1 | 3).cp0("epc", PC + 12).emit("instruction");
    v("intr.masked.im", "IP0 pending with only IM1 set: no interrupt", intr)
        .code(mtc0(T0, 13, 0), ERET, addiu(T4, T4, 1), addiu(T3, T3, 1)).gpr(T0, sw0)
        .cp0("status", sw1 | 3).cp0("epc", PC + 12).emit("instruction");
    v("intr.masked.ie", "IP0 pending and IM0 set with IE clear: no interrupt", intr)
        .code(mtc0(T0, 13, 0), ERET, addiu(T4, T4, 1), addiu(T3, T3, 1)).gpr(T0, sw0)
        .cp0("status", sw0 | 2).cp0("epc", PC + 12).emit("instruction");
    v("intr.masked.exl", "ERET with ERL and EXL set clears ERL only: EXL still masks the pending interrupt", intr)
        .code(mtc0(T0, 13, 0), mtc0(T1, 30, 0), ERET, addiu(T4, T4, 1), addiu(T3, T3, 1)).gpr(T0, sw0)
        .gpr(T1, PC + 16).cp0("status", sw0 | 7).emit("instruction");
    v("intr.erl.eret", "ERET with ERL set (EXL clear) returns to ErrorEPC and takes the pending interrupt there",
        intr).code(mtc0(T0, 13, 0), mtc0(T1, 30, 0), ERET, addiu(T4, T4, 1), addiu(T3, T3, 1)).gpr(T0, sw0)
        .gpr(T1, PC + 16).cp0("status", sw0 | 5).emit("instruction");
    v("count.dc.stopped", "with Cause.DC set Count holds what MTC0 wrote", VOL3 + "9 CP0 Registers, Count and Cause.DC")
        .code(mtc0(T0, 13, 0), EHB, mtc0(T1, 9, 0), EHB, addiu(T4, T4, 1), mfc0(T2, 9, 0))
        .gpr(T0, 1 << 27).gpr(T1, 0x1234_5678).cp0("status", 0).emit("instruction");
    v("count.dc.again", "MTC0 Cause with DC already set leaves the stopped Count as it was",
        VOL3 + "9 CP0 Registers, Count and Cause.DC")
        .code(mtc0(T0, 13, 0), EHB, mtc0(T1, 9, 0), EHB, mtc0(T0, 13, 0), EHB, mfc0(T2, 9, 0))
        .gpr(T0, 1 << 27).gpr(T1, 0x1234_5678).cp0("status", 0).emit("instruction");
    v("compare.cause", "MTC0 Compare, with Count stopped, leaves the other bits of Cause (DC, IP1) as they were",
        VOL3 + "9 CP0 Registers, Compare")
        .code(mtc0(T0, 13, 0), EHB, mtc0(0, 9, 0), mtc0(T1, 11, 0), EHB, mfc0(T2, 13, 0))
        .gpr(T0, (1 << 27) | sw1).gpr(T1, 0x1000).cp0("status", 0).emit("instruction");
    v("index.p.kept", "a TLBP miss sets Index.P, which MTC0 Index does not clear (P is read-only)",
        VOL3 + "9 CP0 Registers, Index")
        .code(mtc0(T1, 10, 0), 0x4200_0008, mtc0(T0, 0, 0), mfc0(T2, 0, 0)).gpr(T0, 3).gpr(T1, 0x0040_0000 | 0x2a)
        .cp0("status", 0).emit("instruction");
    int page = 0x0040_0000;
    int vdcg = 2 | 4 | (3 << 3) | 1;
    int rdhwrUlr = sp3(0, T2, 29, 0, 0x3b);
    v("user.rdhwr.enabled", "RDHWR of ULR in user mode with its HWREna bit set reads UserLocal", VOL2 + "RDHWR")
        .pc(page).code(mtc0(T0, 7, 0), mtc0(T1, 4, 2), ERET, rdhwrUlr)
        .tlb(0, page, 0, lo(page, vdcg), lo(page + 0x1000, vdcg)).gpr(T0, 1 << 29).gpr(T1, 0x1234_5678)
        .cp0("status", (2 << 3) | 2).cp0("epc", page + 12).emit("instruction");
    v("user.rdhwr.other-bit", "RDHWR of ULR in user mode with only HWREna.CPUNum set: Reserved Instruction",
        VOL2 + "RDHWR")
        .pc(page).code(mtc0(T0, 7, 0), mtc0(T1, 4, 2), ERET, rdhwrUlr)
        .tlb(0, page, 0, lo(page, vdcg), lo(page + 0x1000, vdcg)).gpr(T0, 1).gpr(T1, 0x1234_5678)
        .cp0("status", (2 << 3) | 2).cp0("epc", page + 12).emit("instruction");
    int vdc = 2 | 4 | (3 << 3);
    int pa0 = 0x0030_0000;
    int pa1 = 0x0031_0000;
    // Writes that leave no two entries matching one address: whether a duplicate is detected at all
    // is implementation-dependent (Vol. III, Status.TS), so no more duplicates are pinned here.
    int[] tlbwi = tlbwiFromRegisters();
    v("tlbwi.same-index", "TLBWI over the entry at the same index for the same page: no Machine Check", MACHINE_CHECK)
        .code(tlbwi).gpr(T0, 2).gpr(T1, page | 5).gpr(T2, lo(pa1, vdc)).gpr(T3, lo(pa0, vdc))
        .tlb(2, page | 5, 0, lo(pa0, vdc), lo(pa1, vdc)).cp0("status", 0).emit("instruction");
    v("tlbwi.adjacent", "TLBWI of the 4 KB pair next to another entry's: no Machine Check", MACHINE_CHECK)
        .code(tlbwi).gpr(T0, 5).gpr(T1, (page + 0x2000) | 5).gpr(T2, lo(pa0, vdc)).gpr(T3, lo(pa1, vdc))
        .tlb(2, page | 5, 0, lo(pa0, vdc), lo(pa1, vdc)).cp0("status", 0).emit("instruction");
    v("tlbwi.other-asid", "TLBWI for a page another ASID's entry maps, G in EntryLo0 only (not global): no Machine Check",
        MACHINE_CHECK).code(tlbwi).gpr(T0, 5).gpr(T1, page | 6).gpr(T2, lo(pa0, vdc | 1)).gpr(T3, lo(pa1, vdc))
        .tlb(2, page | 5, 0, lo(pa0, vdc), lo(pa1, vdc)).cp0("status", 0).emit("instruction");
    v("tlbwi-tlbr.half-global", "TLBWI with G in EntryLo0 only: the entry is not global, TLBR reads both G clear",
        VOL2 + "TLBWI, TLBR")
        .code(mtc0(T0, 0, 0), mtc0(T1, 10, 0), mtc0(T2, 2, 0), mtc0(T3, 3, 0), 0x4200_0002,
            mtc0(0, 2, 0), mtc0(0, 3, 0), 0x4200_0001, mfc0(13, 2, 0), mfc0(14, 3, 0))
        .gpr(T0, 7).gpr(T1, page | 0x2a).gpr(T2, lo(pa0, vdc | 1)).gpr(T3, lo(pa1, vdc)).cp0("status", 0)
        .emit("instruction");
    String seg = VOL3 + "4.3 Segments";
    v("user.erl.kernel", "with ERL set a user-mode Status runs in kernel mode: kseg0 is reachable", seg)
        .code(i(0x23, T0, T1, 0)).gpr(T0, DATA).cp0("status", (2 << 3) | 4).mem(DATA_PA, new byte[] {1, 2, 3, 4})
        .emit("instruction");
    v("erl.kuseg.unmapped", "with ERL set kuseg is unmapped: a load reads the physical address itself", seg)
        .code(i(0x23, T0, T1, 0)).gpr(T0, DATA_PA).cp0("status", 4).mem(DATA_PA, new byte[] {9, 8, 7, 6})
        .emit("instruction");
    v("user.sseg", "a user-mode load from the supervisor segment: Address Error", seg).pc(page)
        .code(i(0x23, T0, T1, 0)).gpr(T0, 0xc000_2000).tlb(0, page, 0, lo(page, vdcg), lo(page + 0x1000, vdcg))
        .tlb(1, 0xc000_2000, 0, lo(pa0, vdcg), lo(pa1, vdcg)).cp0("status", 2 << 3).emit("instruction");
    // The fetch after a change of mapping: code in a kuseg page seen through two mappings, alike but for
    // the word after a hazard barrier (JR.HB or ERET), so only that word tells which mapping fetched it.
    int jrHb = r(T0, 0, 0, 0, 8) | 0x400;
    int copy = 0x0030_0000;
    int one = addiu(T3, T3, 1);
    int two = addiu(T3, T3, 2);
    String barrier = VOL3 + "4.8 TLB Address Translation; Vol. II-A, JR.HB";
    int[] asid = {mtc0(T2, 10, 0), jrHb, 0, 0, one};
    views(v("fetch.asid-change", "MTC0 EntryHi to another ASID, JR.HB: the next fetch goes through that ASID's entry",
        barrier).pc(page).code(asid), copy, asid, 4, two).gpr(T0, page + 16).gpr(T2, 6)
        .tlb(0, page | 5, 0, lo(page, vdc), lo(page + 0x1000, vdc)).tlb(1, page | 6, 0, lo(copy, vdc), lo(copy, vdc))
        .cp0("entryhi", 5).emit("instruction");
    int[] tlbr = {mtc0(T1, 0, 0), EHB, 0x4200_0001, jrHb, 0, 0, one};
    views(v("fetch.tlbr-asid", "TLBR of an entry of another ASID changes EntryHi's ASID: after JR.HB the fetch uses it",
        barrier).pc(page).code(tlbr), copy, tlbr, 6, two).gpr(T0, page + 24).gpr(T1, 1)
        .tlb(0, page | 5, 0, lo(page, vdc), lo(page + 0x1000, vdc)).tlb(1, page | 6, 0, lo(copy, vdc), lo(copy, vdc))
        .cp0("entryhi", 5).emit("instruction");
    int[] tlbwi2 = {mtc0(T1, 2, 0), mtc0(T2, 3, 0), mtc0(T4, 10, 0), mtc0(0, 0, 0), EHB, 0x4200_0002, jrHb, 0, 0, one};
    views(v("fetch.tlbwi-remap", "TLBWI over the entry of the running page with another PFN: after JR.HB the fetch uses it",
        barrier).pc(page).code(tlbwi2), copy, tlbwi2, 9, two).gpr(T0, page + 36).gpr(T1, lo(copy, vdc))
        .gpr(T2, lo(copy + 0x1000, vdc)).gpr(T4, page | 5)
        .tlb(0, page | 5, 0, lo(page, vdc), lo(page + 0x1000, vdc)).cp0("entryhi", 5).emit("instruction");
    // The code runs mapped onto the copy; with ERL set the same addresses are unmapped, onto the code.
    int[] erlOn = {mtc0(T1, 12, 0), jrHb, 0, 0, two};
    views(v("fetch.erl-set", "MTC0 Status.ERL in code in a mapped kuseg page, JR.HB: the next fetch is unmapped",
        VOL3 + "4.5 ERL and kuseg; Vol. II-A, JR.HB").pc(page).code(erlOn[0], erlOn[1], 0, 0, one), copy, erlOn, -1, 0)
        .gpr(T0, page + 16).gpr(T1, 4).tlb(0, page, 0, lo(copy, vdc), lo(copy + 0x1000, vdc)).cp0("status", 0)
        .emit("instruction");
    int[] erlOff = {mtc0(T0, 30, 0), EHB, ERET, 0, one};
    views(v("fetch.eret-erl", "ERET clears ERL in code in unmapped kuseg: the fetch at ErrorEPC goes through the TLB",
        VOL2 + "ERET").pc(page).code(erlOff), copy, erlOff, 4, two).gpr(T0, page + 16)
        .tlb(0, page, 0, lo(copy, vdc), lo(copy + 0x1000, vdc)).cp0("status", 4).emit("instruction");
    v("fetch.page-crossing", "code that runs on from the end of one page into the next", VOL3 + "4.3 Segments")
        .pc(PC + 0xff8).code(addiu(T3, T3, 1), addiu(T3, T3, 2), addiu(T3, T3, 4), addiu(T3, T3, 8))
        .emit("instruction");
    // "The other entries match no address a vector uses" (docs/conformance.md): not even the ends of kuseg.
    v("tlb.refill.page0", "a load from virtual address 0 with no entry written: TLB Refill", VOL3 + "4.8 TLB Exceptions")
        .code(i(0x23, 0, T1, 0)).cp0("entryhi", 0).emit("instruction");
    v("tlb.refill.kuseg-top", "a load from the last page pair of kuseg (0x7fffe000) with no entry written: TLB Refill",
        VOL3 + "4.8 TLB Exceptions").code(i(0x23, T0, T1, 0)).gpr(T0, 0x7fff_e000).cp0("entryhi", 0)
        .emit("instruction");
    v("jr.unaligned.other-page", "JR to an unaligned address in another page: Address Error on fetch",
        VOL3 + "6.2.9 Address Error Exception").code(r(T0, 0, 0, 0, 8), addiu(T4, T4, 1))
        .gpr(T0, DATA + 2).emit("instruction");
  }

  // ---- every FPU operation with its IEEE exceptions enabled (Vol. I, "FPU Exceptions") ----------

  /**
   * NaN operands of {@link #fpuTraps()}, told apart by their Java bits: the 24Kf keeps the legacy NaN
   * encoding (Vol. I, "FPU Data Formats": the fraction's top bit set marks a signaling NaN), so
   * Java's quiet NaN is a signaling one there.
   */
  private static final double SNAN = Double.longBitsToDouble(0x7ff8_0000_0000_0000L);
  private static final double QNAN = Double.longBitsToDouble(0x7ff7_ffff_ffff_ffffL);
  private static final double THIRD = 1.0 / 3;
  /** The largest finite number: {@link #asSingle} makes it single precision's largest. */
  private static final double MAX = Double.MAX_VALUE;

  private static int asSingle(double v) {
    long bits = Double.doubleToRawLongBits(v);
    return bits == Double.doubleToRawLongBits(QNAN) ? 0x7fbf_ffff : Double.isNaN(v) ? 0x7fc0_0000
        : v == MAX ? 0x7f7f_ffff : v == -MAX ? 0xff7f_ffff : Float.floatToRawIntBits((float) v);
  }

  private static long asDouble(double v) {
    return Double.doubleToRawLongBits(v);
  }

  /** Integer operands of CVT.S/D.W/L: inexact in single (and, for the long, in double), exact, inexact. */
  private static final long[] INTEGERS = {0x7fff_ffff, -3, 0x0123_4567_89ab_cdefL};

  private record FpTrap(String name, int fmt, int funct, double[][] operands) {}

  /**
   * Each arithmetic, conversion and compare form, with all five Enables set and operands that raise
   * Inexact, Invalid, Overflow, Underflow or Division by Zero (and one that raises nothing, where an
   * operation cannot trap): a raised exception traps with Cause set, Flags and the destination as
   * they were. The first operand is fs, the second ft.
   */
  private void fpuTraps() {
    double[][] binary = {{THIRD, Math.PI}, {SNAN, 1}, {MAX, MAX}};
    double[][] divide = {{THIRD, Math.PI}, {SNAN, 1}, {1, 0}};
    double[][] root = {{2, 0}, {-1, 0}, {SNAN, 0}};
    double[][] reciprocal = {{3, 0}, {0, 0}, {-4, 0}};
    double[][] integer = {{1.5, 0}, {1e30, 0}, {SNAN, 0}};
    double[][] narrow = {{THIRD, 0}, {1e300, 0}, {1e-300, 0}};
    double[][] widen = {{SNAN, 0}, {THIRD, 0}, {-0.0, 0}};
    double[][] compare = {{QNAN, 1}, {SNAN, 1}, {1, 2}};
    double[][] fromInt = {{0}, {1}, {2}}; // indices into INTEGERS
    List<FpTrap> ops = new ArrayList<>();
    String[] arith = {"add", "sub", "mul", "div"};
    for (int fmt : new int[] {0x10, 0x11}) {
      for (int f = 0; f < 4; f++) {
        ops.add(new FpTrap(arith[f], fmt, f, f == 3 ? divide : binary));
      }
      ops.add(new FpTrap("sqrt", fmt, 4, root));
      ops.add(new FpTrap("recip", fmt, 21, reciprocal));
      ops.add(new FpTrap("rsqrt", fmt, 22, reciprocal));
      String[] toInt = {"round.l", "trunc.l", "ceil.l", "floor.l", "round.w", "trunc.w", "ceil.w", "floor.w"};
      for (int f = 0; f < 8; f++) {
        ops.add(new FpTrap(toInt[f], fmt, 8 + f, integer));
      }
      ops.add(new FpTrap("cvt.w", fmt, 36, integer));
      ops.add(new FpTrap("cvt.l", fmt, 37, integer));
      ops.add(fmt == 0x10 ? new FpTrap("cvt.d", fmt, 33, widen) : new FpTrap("cvt.s", fmt, 32, narrow));
      ops.add(new FpTrap("c.ueq", fmt, 51, compare));
      ops.add(new FpTrap("c.ngl", fmt, 59, compare));
    }
    for (int fmt : new int[] {0x14, 0x15}) {
      ops.add(new FpTrap("cvt.s", fmt, 32, fromInt));
      ops.add(new FpTrap("cvt.d", fmt, 33, fromInt));
    }
    String[] fmts = {"s", "d", "", "", "w", "l"};
    for (FpTrap op : ops) {
      String fmt = fmts[op.fmt - 0x10];
      SplittableRandom rnd = seeded("trap." + op.name + "." + fmt);
      for (int k = 0; k < op.operands.length; k++) {
        boolean fr = op.name.contains(".l") || fmt.equals("l") || rnd.nextBoolean();
        int flags = rnd.nextInt(32) << 2;
        int fcsr = rnd.nextInt(4) | (0x1f << 7) | flags | (rnd.nextInt(8) == 0 ? 1 << 24 : 0);
        String id = op.name + "." + fmt + ".trap." + k;
        int word = op.funct >= 48 ? cop1(op.fmt, 4, 2, rnd.nextInt(8) << 2, op.funct) : cop1(op.fmt, 4, 2, 6, op.funct);
        V x = v(id, op.name.toUpperCase() + "." + fmt.toUpperCase() + " with every IEEE exception enabled, FR="
            + (fr ? 1 : 0), "MIPS32 Vol. I, FPU Exceptions; " + VOL2 + op.name.toUpperCase() + ".fmt")
            .code(word).fpu(fr, fcsr);
        double a = op.operands[k][0];
        double b = op.operands[k].length > 1 ? op.operands[k][1] : 0;
        switch (fmt) {
          case "s" -> x.fpr(2, asSingle(a)).fpr(4, asSingle(b));
          case "d" -> {
            double64(x, fr, 2, asDouble(a));
            double64(x, fr, 4, asDouble(b));
          }
          case "w" -> x.fpr(2, (int) INTEGERS[(int) a]);
          default -> double64(x, true, 2, INTEGERS[(int) a]);
        }
        // the destination holds a value no result equals, so an unwanted write shows
        double64(x, fr, 6, 0x5a5a_5a5a_a5a5_a5a5L);
        x.emit("instruction");
      }
    }
    String[] x3 = {"madd", "msub", "nmadd", "nmsub"};
    for (int n = 0; n < 4; n++) {
      for (String fmt : new String[] {"s", "d"}) {
        SplittableRandom rnd = seeded("trap." + x3[n] + fmt);
        double[][] three = {{THIRD, Math.PI, 1}, {SNAN, 1, 1}, {MAX, 2, 1}};
        for (int k = 0; k < three.length; k++) {
          boolean fr = rnd.nextBoolean();
          int word = cop1xArith(n, fmt);
          V x = v(x3[n] + "." + fmt + ".trap." + k, x3[n].toUpperCase() + "." + fmt.toUpperCase()
              + " with every IEEE exception enabled, FR=" + (fr ? 1 : 0),
              "MIPS32 Vol. I, FPU Exceptions; " + VOL2 + x3[n].toUpperCase() + ".fmt")
              .code(word).fpu(fr, rnd.nextInt(4) | (0x1f << 7) | (rnd.nextInt(32) << 2));
          int[] regs = {2, 4, 8}; // fs, ft, fr (the addend)
          for (int j = 0; j < 3; j++) {
            if (fmt.equals("s")) {
              x.fpr(regs[j], asSingle(three[k][j]));
            } else {
              double64(x, fr, regs[j], asDouble(three[k][j]));
            }
          }
          double64(x, fr, 6, 0x5a5a_5a5a_a5a5_a5a5L);
          x.emit("instruction");
        }
      }
    }
  }

  // ---- hardware interrupt requests (Vol. III, 6.1 "Interrupts", interrupt compatibility mode) --------

  /**
   * The six hardware lines held asserted from the start: each appears in Cause.IP2..IP7 and is taken
   * before the next instruction when IE is set, EXL and ERL clear and its IM bit set; masked by IM,
   * IE, EXL or ERL it is only visible in Cause. An interrupt takes priority over the instruction it
   * stands in front of (EPC points at that instruction, even one that would fault).
   */
  private void hardwareInterrupts() {
    String intr = VOL3 + "6.1 Interrupts";
    int mfc0Cause = mfc0(T2, 13, 0);
    for (int n = 2; n <= 7; n++) {
      int im = 1 << (8 + n);
      v("intr.hw" + n + ".taken", "hardware line " + n + " with IE and IM" + n + " set: Interrupt before the first instruction",
          intr).code(addiu(T3, T3, 1)).interrupts(n).cp0("status", im | 1).emit("instruction");
      v("intr.hw" + n + ".masked.im", "hardware line " + n + " with every IM bit but IM" + n
          + " set: no interrupt; Cause.IP" + n + " reads set", intr)
          .code(mfc0Cause, addiu(T3, T3, 1)).interrupts(n).cp0("status", (0xff00 & ~im) | 1).emit("instruction");
      v("intr.hw" + n + ".masked.ie", "hardware line " + n + " and IM" + n + " set with IE clear: no interrupt", intr)
          .code(mfc0Cause, addiu(T3, T3, 1)).interrupts(n).cp0("status", im).emit("instruction");
    }
    int im4 = 1 << 12;
    v("intr.hw.masked.exl", "a hardware line enabled by IE and IM with EXL set: no interrupt", intr)
        .code(mfc0Cause, addiu(T3, T3, 1)).interrupts(4).cp0("status", im4 | 3).emit("instruction");
    v("intr.hw.masked.erl", "a hardware line enabled by IE and IM with ERL set: no interrupt", intr)
        .code(mfc0Cause, addiu(T3, T3, 1)).interrupts(4).cp0("status", im4 | 5).emit("instruction");
    v("intr.hw.several", "lines 2, 5 and 7 with only IM5 set: the interrupt is taken", intr)
        .code(addiu(T3, T3, 1)).interrupts(2, 5, 7).cp0("status", (1 << 13) | 1).emit("instruction");
    v("intr.hw.several.masked", "lines 2, 5 and 7 with only IM3 set: no interrupt; Cause.IP reads all three", intr)
        .code(mfc0Cause, addiu(T3, T3, 1)).interrupts(2, 5, 7).cp0("status", (1 << 11) | 1).emit("instruction");
    v("intr.hw.eret", "a hardware line masked by EXL: ERET clears EXL and the interrupt is taken before the target",
        intr).code(ERET, addiu(T4, T4, 1), addiu(T3, T3, 1)).interrupts(3).cp0("status", (1 << 11) | 3)
        .cp0("epc", PC + 8).emit("instruction");
    v("intr.hw.iv", "a hardware line with Cause.IV set: the interrupt goes to EBase + 0x200", intr)
        .code(mtc0(T0, 13, 0), ERET, addiu(T4, T4, 1), addiu(T3, T3, 1)).gpr(T0, Cp0Bits.IV).interrupts(6)
        .cp0("status", (1 << 14) | 3).cp0("epc", PC + 12).emit("instruction");
    v("intr.hw.bev", "a hardware line with Status.BEV set: the interrupt goes to the bootstrap general vector", intr)
        .code(addiu(T3, T3, 1)).interrupts(2).cp0("status", (1 << 22) | (1 << 10) | 1).emit("instruction");
    v("intr.hw.before-fault", "a hardware line pending before a load that would raise Address Error: the interrupt "
        + "is taken first", intr).code(i(0x23, T0, T1, 0)).gpr(T0, DATA + 1).interrupts(5)
        .cp0("status", (1 << 13) | 1).emit("instruction");
    int page = 0x0040_0000;
    int vdcg = 2 | 4 | (3 << 3) | 1;
    v("intr.hw.user", "a hardware line taken in user mode, after ERET to a kuseg page: EPC is the page, KSU kept",
        intr).code(ERET).tlb(0, page, 0, lo(page, vdcg), lo(page + 0x1000, vdcg)).interrupts(7)
        .mem(page, new byte[] {0x25, 0x6b, 0x00, 0x01}) // ADDIU t3, t3, 1
        .cp0("status", (2 << 3) | (1 << 15) | 3).cp0("epc", page).emit("instruction");
    // WAIT until the timer: whatever Count's rate, the interrupt comes, and it is taken between the
    // WAIT and the next instruction (Vol. II, WAIT: EPC points at the instruction after the WAIT).
    int wait = 0x4200_0020;
    int im7 = 1 << 15;
    String waitRef = VOL2 + "WAIT; Vol. III, 6.1 Interrupts (timer)";
    v("wait.timer", "WAIT with the timer enabled: the timer interrupt is taken with EPC after the WAIT", waitRef)
        .code(mtc0(0, 9, 0), mtc0(T1, 11, 0), EHB, wait, addiu(T3, T3, 1)).gpr(T1, 0x0001_0000)
        .cp0("status", im7 | 1).emit("instruction");
    v("wait.timer.iv", "WAIT until the timer with Cause.IV set: EPC after the WAIT, vector EBase + 0x200", waitRef)
        .code(mtc0(T0, 13, 0), mtc0(0, 9, 0), mtc0(T1, 11, 0), EHB, wait, addiu(T3, T3, 1)).gpr(T0, Cp0Bits.IV)
        .gpr(T1, 0x0000_1000).cp0("status", im7 | 1).emit("instruction");
  }

  // ---- rounding at the ends of the range (IEEE 754-1985 section 7; Vol. I, "FPU Exceptions") ----

  /**
   * Results that rounding carries across a boundary, in all four rounding modes: a product or
   * quotient just below the smallest normal number (tiny before rounding, and after it or not), just
   * below the overflow threshold (a rounding carry into overflow, or the largest finite number), a
   * sum of the largest number and half its last place; and CVT.S/D.L of 64-bit integers whose
   * magnitude has all 64 bits (-2^63) or 63, where the rounding position lies far below the top bit.
   */
  private void fpuRoundingEdges() {
    // single: 1 - 2^-24, 1 + 2^-23, 1 - 2^-23 (as bits); smallest normal, and one place above it;
    // largest finite, one place below it, 2^127
    int[] nearOneS = {0x3f7f_ffff, 0x3f80_0001, 0x3f7f_fffe, 0x3f00_0001};
    int[] edgeS = {0x0080_0000, 0x0080_0001, 0x7f7f_ffff, 0x7f7f_fffe, 0x7f00_0000};
    long[] nearOneD = {0x3fef_ffff_ffff_ffffL, 0x3ff0_0000_0000_0001L, 0x3fef_ffff_ffff_fffeL, 0x3fe0_0000_0000_0001L};
    long[] edgeD = {0x0010_0000_0000_0000L, 0x0010_0000_0000_0001L, 0x7fef_ffff_ffff_ffffL,
        0x7fef_ffff_ffff_fffeL, 0x7fe0_0000_0000_0000L};
    String[] ops = {"mul", "div"};
    for (int op = 0; op < 2; op++) {
      for (String fmt : new String[] {"s", "d"}) {
        int n = 0;
        for (int a = 0; a < 4; a++) {
          for (int b = 0; b < 5; b++) {
            int mode = (a + b) & 3;
            boolean fr = ((a ^ b) & 1) != 0;
            V x = v(ops[op] + "." + fmt + ".boundary." + n++, ops[op].toUpperCase() + "." + fmt.toUpperCase()
                + " of a number at the end of the range by one near 1, rounding mode " + mode,
                VOL2 + ops[op].toUpperCase() + ".fmt; IEEE 754-1985 7.3, 7.4")
                .code(cop1(fmt.equals("s") ? 0x10 : 0x11, 4, 2, 6, 2 + op)).fpu(fr, mode);
            // fs is the number at the end of the range, ft the one near 1 (a product or a quotient)
            if (fmt.equals("s")) {
              x.fpr(2, edgeS[b]).fpr(4, nearOneS[a]);
            } else {
              double64(x, fr, 2, edgeD[b]);
              double64(x, fr, 4, nearOneD[a]);
            }
            x.emit("instruction");
          }
        }
      }
    }
    // MAX + half of its last place (ties to even: up, into overflow), and + a quarter of it (down)
    for (String fmt : new String[] {"s", "d"}) {
      for (int mode = 0; mode < 4; mode++) {
        for (int k = 0; k < 2; k++) {
          V x = v("add." + fmt + ".max-carry." + mode + "." + k, "ADD." + fmt.toUpperCase()
              + " of the largest number and " + (k == 0 ? "half" : "a quarter") + " of its last place, rounding mode "
              + mode, VOL2 + "ADD.fmt; IEEE 754-1985 7.3").code(cop1(fmt.equals("s") ? 0x10 : 0x11, 4, 2, 6, 0))
              .fpu(true, mode);
          if (fmt.equals("s")) {
            x.fpr(2, 0x7f7f_ffff).fpr(4, k == 0 ? 0x7300_0000 : 0x7280_0000); // 2^103, 2^102
          } else {
            double64(x, true, 2, 0x7fef_ffff_ffff_ffffL);
            double64(x, true, 4, k == 0 ? 0x7c90_0000_0000_0000L : 0x7c80_0000_0000_0000L); // 2^970, 2^969
          }
          x.emit("instruction");
        }
      }
    }
    long[] wide = {Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1, 0x7fff_ffff_ffff_fc00L,
        0x7fff_ff80_0000_0001L, -0x0020_0000_0000_0001L};
    for (String to : new String[] {"s", "d"}) {
      for (int k = 0; k < wide.length; k++) {
        for (int mode = 0; mode < 4; mode++) {
          V x = v("cvt." + to + ".l.wide." + k + "." + mode, "CVT." + to.toUpperCase() + ".L of " + Hex.word((int) (wide[k] >>> 32))
              + Hex.word((int) wide[k]).substring(2) + ", rounding mode " + mode, VOL2 + "CVT." + to.toUpperCase() + ".fmt")
              .code(cop1(0x15, 0, 2, 6, to.equals("s") ? 32 : 33)).fpu(true, mode);
          double64(x, true, 2, wide[k]);
          x.emit("instruction");
        }
      }
    }
  }

  // ---- a load or store after the mapping of its page changed (Vol. III, 4.8; Vol. II, EHB) ----------

  /**
   * The same virtual page accessed before and after a TLB write or an ASID change, with EHB between
   * (the hazard barrier the manual asks for between a TLB change and an access through it): the
   * second access must go through the new mapping, however an implementation keeps translations.
   */
  private void dataAfterRemap() {
    String ref = VOL3 + "4.8 TLB Address Translation; Vol. II-A, EHB";
    int va = 0x0050_0000;
    int pa0 = 0x0060_0000;
    int pa1 = 0x0070_0000;
    int vdc = 2 | 4 | (3 << 3);
    int s0 = 16;
    int s1 = 17;
    int s2 = 18;
    int lw1 = i(0x23, T1, 13, 0);
    int lw2 = i(0x23, T1, 14, 0);
    int sw1 = i(0x2b, T1, T2, 0);
    int sw2 = i(0x2b, T1, T3, 4);
    // EntryHi keeps ASID 5: only the entry changes, so a machine that drops translations only on an
    // ASID change fails these.
    int[] rewrite = {mtc0(s0, 0, 0), mtc0(T4, 10, 0), mtc0(s1, 2, 0), mtc0(s2, 3, 0), EHB, 0x4200_0002, EHB};
    record Case(String id, String purpose, int first, int last, int lo0, boolean store) {}
    List<Case> cases = List.of(
        new Case("data.tlbwi-remap.load", "a load, TLBWI of its page to another frame, EHB, a load again: the new frame",
            lw1, lw2, lo(pa1, vdc), false),
        new Case("data.tlbwi-remap.store", "a store, TLBWI of its page to another frame, EHB, a store again: the new frame",
            sw1, sw2, lo(pa1, vdc), true),
        new Case("data.tlbwi-clean.store", "a store, TLBWI of its page with D clear, EHB, a store again: TLB Modified",
            sw1, sw2, lo(pa0, vdc & ~4), true),
        new Case("data.tlbwi-invalid.load", "a load, TLBWI of its page with V clear, EHB, a load again: TLB Invalid (TLBL)",
            lw1, lw2, lo(pa0, vdc & ~2), false),
        new Case("data.tlbwi-invalid.store", "a store, TLBWI of its page with V clear, EHB, a store again: TLB Invalid (TLBS)",
            sw1, sw2, lo(pa0, vdc & ~2), true));
    for (Case c : cases) {
      int[] code = new int[rewrite.length + 2];
      code[0] = c.first;
      System.arraycopy(rewrite, 0, code, 1, rewrite.length);
      code[code.length - 1] = c.last;
      V x = v(c.id, c.purpose, ref).code(code).tlb(5, va | 5, 0, lo(pa0, vdc), lo(pa0 + 0x1000, vdc))
          .gpr(T1, va).gpr(T4, va | 5).gpr(s0, 5).gpr(s1, c.lo0).gpr(s2, lo(pa0 + 0x1000, vdc)).gpr(T2, 0x1111_1111)
          .gpr(T3, 0x2222_2222).cp0("status", 0).cp0("entryhi", 5);
      x.mem(pa0, new byte[] {0, 0, 0x11, 0x11, 0, 0, 0, 0}).mem(pa1, new byte[] {0, 0, 0x22, 0x22, 0, 0, 0, 0});
      x.emit("instruction");
    }
    // EntryHi's ASID changes between two loads of one page that two ASIDs map to different frames.
    v("data.asid-change.load", "a load, MTC0 EntryHi to another ASID, EHB, a load again: that ASID's frame", ref)
        .code(lw1, mtc0(T4, 10, 0), EHB, lw2).tlb(5, va | 5, 0, lo(pa0, vdc), lo(pa0 + 0x1000, vdc))
        .tlb(6, va | 6, 0, lo(pa1, vdc), lo(pa1 + 0x1000, vdc)).gpr(T1, va).gpr(T4, 6).cp0("status", 0)
        .cp0("entryhi", 5).mem(pa0, new byte[] {0, 0, 0x11, 0x11}).mem(pa1, new byte[] {0, 0, 0x22, 0x22})
        .emit("instruction");
  }

  // ---- two accesses in a row: the same page, then another one (Vol. II-A, LB ... SW) ---------------

  /** A load or store of the accesses-twice groups: its name, opcode, and whether it stores. */
  private record Access(String name, int op, boolean store) {}

  private static final List<Access> TWICE_ACCESSES = List.of(new Access("lb", 0x20, false),
      new Access("lbu", 0x24, false), new Access("lh", 0x21, false), new Access("lhu", 0x25, false),
      new Access("lw", 0x23, false), new Access("sb", 0x28, true), new Access("sh", 0x29, true),
      new Access("sw", 0x2b, true));
  /** The first bytes of the two pages: no byte alike, some with the sign bit set (for LB, LH). */
  private static final byte[] TWICE_FIRST = {(byte) 0x81, 0x02, (byte) 0x83, 0x04, 0x05, (byte) 0x86, 0x07, (byte) 0x88};
  private static final byte[] TWICE_SECOND = {0x11, (byte) 0x92, 0x13, (byte) 0x94, (byte) 0x95, 0x16, (byte) 0x97, 0x18};

  /**
   * Each load and store twice: at two offsets of one page, and in two pages (the second one page
   * further on), unmapped (kseg0) and mapped (kuseg, through two TLB entries): an implementation that
   * remembers the last page it translated must still reach the right byte of the right page.
   */
  private void dataTwice() {
    int va = 0x0050_0000;
    int vdc = 2 | 4 | (3 << 3);
    for (Access a : TWICE_ACCESSES) {
      for (boolean mapped : new boolean[] {false, true}) {
        for (boolean samePage : new boolean[] {true, false}) {
          int base = mapped ? va : DATA;
          String where = (samePage ? "same-page" : "next-page") + (mapped ? ".mapped" : "");
          int first = i(a.op, T0, a.store ? T2 : 13, 0);
          int second = i(a.op, samePage ? T0 : T1, a.store ? T3 : 14, 4);
          V x = v(a.name + ".twice." + where, a.name.toUpperCase() + " twice, " + (samePage ? "in one page"
              : "then in the next page") + (mapped ? ", mapped through the TLB" : ", in kseg0"), VOL2 + a.name.toUpperCase())
              .code(first, second).gpr(T0, base).gpr(T1, base + 0x1000).gpr(T2, 0x5152_5354).gpr(T3, 0x6162_6364)
              .mem(DATA_PA, TWICE_FIRST).mem(DATA_PA + 0x1000, TWICE_SECOND);
          if (mapped) {
            x.tlb(3, va, 0, lo(DATA_PA, vdc), lo(DATA_PA + 0x1000, vdc)).cp0("status", 0).cp0("entryhi", 0);
          }
          x.emit("instruction");
        }
      }
    }
  }

  /**
   * Each load and store in one page and then in another whose address has no bit in common with the
   * first one's above the offset, kuseg unmapped under ERL (Vol. III, 4.5: va = pa): the second
   * access reaches its own page. (An implementation that recognizes "the same page" by an AND of
   * the two addresses instead of comparing them takes the first page again.)
   */
  private void dataDisjointPages() {
    int a = 0x0030_0000;
    int b = 0x00c0_0000; // a & b == 0
    for (Access x : TWICE_ACCESSES) {
      v(x.name + ".twice.disjoint-pages", x.name.toUpperCase() + " at 0x00300004, then at 0x00c00004 (kuseg under ERL)",
          VOL2 + x.name.toUpperCase() + "; MIPS32 Vol. III, 4.5")
          .code(i(x.op, T0, x.store ? T2 : 13, 4), i(x.op, T1, x.store ? T3 : 14, 4))
          .gpr(T0, a).gpr(T1, b).gpr(T2, 0x5152_5354).gpr(T3, 0x6162_6364)
          .mem(a, TWICE_FIRST).mem(b, TWICE_SECOND).cp0("status", 0x4)
          .emit("instruction");
    }
  }

  // ---- FCSR.Cause is this instruction's alone (Vol. I, "FPU Exceptions") --------------------------

  /**
   * An inexact ADD, then an exact conversion or rounding: the second instruction's Cause is empty
   * (each arithmetic instruction sets Cause anew), while Flags keep the first one's Inexact.
   */
  private void fpuCauseCleared() {
    String[] toInteger = {"round.l", "trunc.l", "ceil.l", "floor.l", "round.w", "trunc.w", "ceil.w", "floor.w"};
    for (String fmt : new String[] {"s", "d"}) {
      int fmtCode = fmt.equals("s") ? 0x10 : 0x11;
      Map<Integer, String> forms = new LinkedHashMap<>();
      for (int k = 0; k < toInteger.length; k++) {
        forms.put(8 + k, toInteger[k]);
      }
      forms.put(fmt.equals("s") ? 33 : 32, fmt.equals("s") ? "cvt.d" : "cvt.s");
      forms.put(36, "cvt.w");
      forms.put(37, "cvt.l");
      for (Map.Entry<Integer, String> form : forms.entrySet()) {
        int funct = form.getKey();
        String name = form.getValue();
        int add = cop1(fmtCode, 12, 10, 8, 0); // f8 = f10 + f12, inexact
        V x = v(name + "." + fmt + ".after-inexact", "ADD." + fmt.toUpperCase() + " that is inexact, then "
            + name.toUpperCase() + "." + fmt.toUpperCase() + " of an exact value: its Cause is empty, Flags keep I",
            "MIPS32 Vol. I, FPU Exceptions; " + VOL2 + name.toUpperCase() + ".fmt")
            .code(add, cop1(fmtCode, 0, 2, 6, funct)).fpu(true, 0);
        if (fmt.equals("s")) {
          x.fpr(10, 0x3f80_0000).fpr(12, 0x3380_0000).fpr(2, 0x4040_0000); // 1 + 2^-24 (inexact); 3.0
        } else {
          double64(x, true, 10, 0x3ff0_0000_0000_0000L);
          double64(x, true, 12, 0x3ca0_0000_0000_0000L); // 2^-53
          double64(x, true, 2, 0x4008_0000_0000_0000L); // 3.0
        }
        x.emit("instruction");
      }
    }
  }

  // ---- NaN operands with the sign bit set ----------------------------------------------------------

  /**
   * Quiet and signaling NaNs with the sign bit set (legacy encoding: bit 22, or 51, set means
   * signaling), as the operand of arithmetic, conversion and compare in both formats: the result
   * is the default NaN whatever the operand's sign, and a signaling one raises Invalid (Vol. I,
   * "Invalid Operation Exception"; the same rule for either sign). A negative NaN is a negative
   * number to a sign test, so an implementation that looks at the exponent through the sign gets
   * these wrong.
   */
  private void fpuNegativeNaNs() {
    Map<Integer, String> ops = new LinkedHashMap<>();
    ops.put(0, "add");
    ops.put(2, "mul");
    ops.put(3, "div");
    ops.put(4, "sqrt");
    ops.put(36, "cvt.w");
    ops.put(0x3c, "c.lt");
    for (String fmt : new String[] {"s", "d"}) {
      boolean single = fmt.equals("s");
      int fmtCode = single ? 0x10 : 0x11;
      Map<Integer, String> forms = new LinkedHashMap<>(ops);
      forms.put(single ? 33 : 32, single ? "cvt.d" : "cvt.s");
      for (String kind : new String[] {"qnan", "snan"}) {
        boolean signaling = kind.equals("snan");
        for (Map.Entry<Integer, String> form : forms.entrySet()) {
          int funct = form.getKey();
          String name = form.getValue();
          boolean compare = funct >= 0x30;
          boolean unary = funct == 4 || funct >= 32 && funct < 0x30; // the ft field is 0
          V x = v(name + "." + fmt + ".negative-" + kind, name.toUpperCase() + "." + fmt.toUpperCase() + " of a "
              + (signaling ? "signaling" : "quiet") + " NaN with the sign bit set",
              "MIPS32 Vol. I, Invalid Operation Exception; " + VOL2 + name.toUpperCase() + ".fmt")
              .code(cop1(fmtCode, unary ? 0 : 4, 2, compare ? 0 : 6, funct)).fpu(true, 0);
          if (single) {
            x.fpr(2, signaling ? 0xffc0_0000 : 0xffbf_ffff).fpr(4, 0x3f80_0000);
          } else {
            double64(x, true, 2, signaling ? 0xfff8_0000_0000_0000L : 0xfff7_ffff_ffff_ffffL);
            double64(x, true, 4, 0x3ff0_0000_0000_0000L);
          }
          x.emit("instruction");
        }
      }
    }
  }

  // ---- results at the edges of the normal range, zeros and 2^62, outside round-to-nearest -------

  /** One FPU vector: {@code fs} in f2, {@code ft} in f4 (either a single or a double), f6 = fs op ft. */
  private void fpEdge(String id, String purpose, String op, int fmtCode, int funct, int fcsr, long fs, long ft,
      boolean unary) {
    V x = v(id, purpose, "MIPS32 Vol. I, FPU Exceptions; " + VOL2 + op + ".fmt")
        .code(cop1(fmtCode, unary ? 0 : 4, 2, 6, funct)).fpu(true, fcsr);
    if (fmtCode == 0x11) { // D: both operands are doubles
      double64(x, true, 2, fs);
      double64(x, true, 4, ft);
    } else {
      x.fpr(2, (int) fs).fpr(4, (int) ft);
    }
    x.emit("instruction");
  }

  /**
   * Cases only the exact arithmetic path meets (directed rounding, or a result at the bottom of the
   * normal range), each at a boundary of that path:
   * <ul>
   *   <li>an inexact product in the smallest normal binade under RZ, with FS clear and set: a
   *       normal result, so neither Underflow nor a flush (Vol. I, FCSR "FS": only results that
   *       would be denormal are flushed);
   *   <li>CVT.S.D of a double just below 2^-126 that rounds up to it: not tiny after rounding, so
   *       Inexact without Underflow; under RZ the same operand stays tiny and underflows;
   *   <li>sums of zeros under RM and RZ: +0 + -0 is -0 when rounding down, -0 + -0 is -0 in every
   *       mode (IEEE 754, 6.3);
   *   <li>CVT.S.W and CVT.D.W of 0 under RM: +0 (an integer zero has no sign);
   *   <li>CVT.L and TRUNC.L of 2^62 and of the largest double below 2^63: in range for 64 bits;
   *   <li>products whose exact value lies 64 places below the last place of a denormal: +0 with
   *       Underflow and Inexact;
   *   <li>infinities converted between formats;
   *   <li>CVT.D.W after an inexact ADD.S: Cause empty.
   * </ul>
   */
  private void fpuExactPathEdges() {
    int rz = 1;
    int rm = 3;
    int fs = 1 << 24;
    fpEdge("mul.s.rz.smallest-binade", "MUL.S under RZ, inexact, in the smallest normal binade: Inexact only",
        "MUL", 0x10, 2, rz, 0x3f80_0001, 0x00c0_0000, false);
    fpEdge("mul.s.rz.fs.smallest-binade", "MUL.S under RZ with FS set, a normal result in the smallest binade: not flushed",
        "MUL", 0x10, 2, rz | fs, 0x3f80_0001, 0x00c0_0000, false);
    fpEdge("mul.d.rz.smallest-binade", "MUL.D under RZ, inexact, in the smallest normal binade: Inexact only",
        "MUL", 0x11, 2, rz, 0x3ff0_0000_0000_0001L, 0x0018_0000_0000_0000L, false);
    fpEdge("mul.d.rz.fs.smallest-binade", "MUL.D under RZ with FS set, a normal result in the smallest binade: not flushed",
        "MUL", 0x11, 2, rz | fs, 0x3ff0_0000_0000_0001L, 0x0018_0000_0000_0000L, false);
    // 2^-126 * (1 - 2^-25 + 2^-30): leading bit at 2^-127, more than 24 bits.
    long belowMinNormal = (896L << 52) | ((1L << 52) - (1L << 28) + (1L << 23));
    fpEdge("cvt.s.d.rounds-up-to-smallest-normal", "CVT.S.D of a double just below 2^-126 that rounds to it: Inexact, not Underflow",
        "CVT.S", 0x11, 32, 0, belowMinNormal, 0, true);
    fpEdge("cvt.s.d.rz.stays-tiny", "CVT.S.D under RZ of a double just below 2^-126: the largest denormal, Inexact and Underflow",
        "CVT.S", 0x11, 32, rz, belowMinNormal, 0, true);
    fpEdge("add.s.rm.zero-sum", "ADD.S +0 + -0 under RM: -0", "ADD", 0x10, 0, rm, 0, 0x8000_0000, false);
    fpEdge("add.d.rm.zero-sum", "ADD.D +0 + -0 under RM: -0", "ADD", 0x11, 0, rm, 0, Long.MIN_VALUE, false);
    fpEdge("add.s.rz.negative-zeros", "ADD.S -0 + -0 under RZ: -0", "ADD", 0x10, 0, rz, 0x8000_0000, 0x8000_0000, false);
    fpEdge("add.d.rz.negative-zeros", "ADD.D -0 + -0 under RZ: -0", "ADD", 0x11, 0, rz, Long.MIN_VALUE, Long.MIN_VALUE, false);
    fpEdge("cvt.s.w.rm.zero", "CVT.S.W of 0 under RM: +0", "CVT.S", 0x14, 32, rm, 0, 0, true);
    fpEdge("cvt.d.w.rm.zero", "CVT.D.W of 0 under RM: +0", "CVT.D", 0x14, 33, rm, 0, 0, true);
    fpEdge("cvt.l.d.two-to-62", "CVT.L.D of 2^62: in range", "CVT.L", 0x11, 37, 0, 0x43d0_0000_0000_0000L, 0, true);
    fpEdge("trunc.l.d.below-two-to-63", "TRUNC.L.D of the largest double below 2^63: in range",
        "TRUNC.L", 0x11, 9, 0, 0x43df_ffff_ffff_ffffL, 0, true);
    fpEdge("cvt.l.s.two-to-62", "CVT.L.S of 2^62: in range", "CVT.L", 0x10, 37, 0, 0x5e80_0000, 0, true);
    // Products 64 places of the result's last place below it: +0, Underflow and Inexact.
    fpEdge("mul.s.far-below-denormal", "MUL.S of the smallest denormal by 2^-41: +0, Underflow and Inexact",
        "MUL", 0x10, 2, 0, 0x0000_0001, 0x2b00_0000, false);
    fpEdge("mul.d.far-below-denormal", "MUL.D of the smallest denormal by 2^-12: +0, Underflow and Inexact",
        "MUL", 0x11, 2, 0, 1L, 0x3f30_0000_0000_0000L, false);
    // Infinities between formats, in round to nearest and under RM.
    fpEdge("cvt.s.d.plus-infinity", "CVT.S.D of +infinity: +infinity, no exception", "CVT.S", 0x11, 32, 0,
        0x7ff0_0000_0000_0000L, 0, true);
    fpEdge("cvt.s.d.rm.minus-infinity", "CVT.S.D of -infinity under RM: -infinity, no exception", "CVT.S", 0x11, 32, rm,
        0xfff0_0000_0000_0000L, 0, true);
    fpEdge("cvt.d.s.minus-infinity", "CVT.D.S of -infinity: -infinity, no exception", "CVT.D", 0x10, 33, 0,
        0xff80_0000, 0, true);
    // CVT.D.W sets Cause anew too (the group fpuCauseCleared has the conversions from S and D).
    V x = v("cvt.d.w.after-inexact", "ADD.S that is inexact, then CVT.D.W: its Cause is empty, Flags keep I",
        "MIPS32 Vol. I, FPU Exceptions; " + VOL2 + "CVT.D.W")
        .code(cop1(0x10, 12, 10, 8, 0), cop1(0x14, 0, 2, 6, 33)).fpu(true, 0);
    x.fpr(10, 0x3f80_0000).fpr(12, 0x3380_0000).fpr(2, 3);
    x.emit("instruction");
  }

  /** Stores {@code code}, its word {@code at} replaced by {@code other} (none if -1), at physical {@code pa}. */
  private static V views(V x, int pa, int[] code, int at, int other) {
    byte[] b = new byte[4 * code.length];
    for (int k = 0; k < code.length; k++) {
      int w = k == at ? other : code[k];
      for (int j = 0; j < 4; j++) {
        b[4 * k + j] = (byte) (w >>> (24 - 8 * j)); // big-endian, the vectors' default order
      }
    }
    return x.mem(pa, b);
  }

  private V emitFpSetup(SplittableRandom rnd, String id, String purpose, String manual, int word, String fmt, boolean fr) {
    V x = v(id, purpose, manual).code(word).fpu(fr, fcsr(rnd));
    if (fmt.equals("s")) {
      x.fpr(2, single(rnd)).fpr(4, single(rnd)).fpr(6, rnd.nextInt());
    } else {
      double64(x, fr, 2, dbl(rnd));
      double64(x, fr, 4, dbl(rnd));
      double64(x, fr, 6, rnd.nextLong());
    }
    return x;
  }

  private void emitFp(SplittableRandom rnd, String id, String purpose, String manual, int word, String fmt, boolean fr,
      boolean unused) {
    V x = emitFpSetup(rnd, id, purpose, manual, word, fmt, fr);
    if (rnd.nextInt(4) == 0) {
      // equal operands, or one a copy with the other sign
      if (fmt.equals("s")) {
        int a = single(rnd);
        x.fpr(2, a).fpr(4, rnd.nextBoolean() ? a : a ^ 0x8000_0000);
      } else {
        long a = dbl(rnd);
        double64(x, fr, 2, a);
        double64(x, fr, 4, rnd.nextBoolean() ? a : a ^ Long.MIN_VALUE);
      }
    }
    x.emit("instruction");
  }

  /** Sets double {@code reg} (even) as the FPU sees it under FR: a pair of words, or low and high halves. */
  private static void double64(V x, boolean fr, int reg, long bits) {
    x.fpr(reg, (int) bits);
    if (fr) {
      x.fprh(reg, (int) (bits >>> 32));
    } else {
      x.fpr(reg + 1, (int) (bits >>> 32));
    }
  }

  // ---- implementation choices (docs/conformance.md, "Implementation choices"): schema 2 ---------

  private static final String RESERVED = "MIPS32 Vol. I, 6.4 (FR=0 registers); Vol. II-A, ";

  /**
   * What the manual makes reserved or UNPREDICTABLE and the reference does as QEMU's 24Kf does
   * ({@link Choices#RESERVED_AS_QEMU}). With FR=0 each register field of a 64-bit operation is made
   * odd alone, so that a check that forgot one field, or tested them together wrongly, fails.
   */
  private void reservedAsQemu() {
    int d = 0x11;
    String[] arith = {"add", "sub", "mul", "div"};
    for (int f = 0; f < 4; f++) {
      oddPair(arith[f] + ".d", d, f, 3, 4, 6, "fs");
      oddPair(arith[f] + ".d", d, f, 2, 5, 6, "ft");
      oddPair(arith[f] + ".d", d, f, 2, 4, 7, "fd");
    }
    Map<Integer, String> unary = new LinkedHashMap<>();
    unary.put(4, "sqrt.d");
    unary.put(5, "abs.d");
    unary.put(6, "mov.d");
    unary.put(7, "neg.d");
    unary.put(21, "recip.d");
    unary.put(22, "rsqrt.d");
    for (Map.Entry<Integer, String> u : unary.entrySet()) {
      oddPair(u.getValue(), d, u.getKey(), 3, 0, 6, "fs");
      oddPair(u.getValue(), d, u.getKey(), 2, 0, 7, "fd");
    }
    String[] toWord = {"round.w.d", "trunc.w.d", "ceil.w.d", "floor.w.d"};
    for (int f = 0; f < 4; f++) {
      oddPair(toWord[f], d, 12 + f, 3, 0, 6, "fs");
    }
    oddPair("cvt.s.d", d, 32, 3, 0, 6, "fs");
    oddPair("cvt.w.d", d, 36, 3, 0, 6, "fs");
    oddPair("c.eq.d", d, 0x32, 3, 4, 0, "fs");
    oddPair("c.lt.d", d, 0x3c, 2, 5, 0, "ft");
    oddPair("cvt.d.s", 0x10, 33, 2, 0, 7, "fd");
    oddPair("cvt.d.w", 0x14, 33, 2, 0, 7, "fd");
    int[][] madd = {{9, 4, 2, 6}, {8, 5, 2, 6}, {8, 4, 3, 6}, {8, 4, 2, 7}};
    String[] field = {"fr", "ft", "fs", "fd"};
    for (int k = 0; k < 4; k++) {
      int[] m = madd[k];
      V x = v("madd.d.fr0.odd-" + field[k], "MADD.D with FR=0 and only " + field[k] + " odd: Reserved Instruction",
          RESERVED + "MADD.fmt").requires(Choices.RESERVED_AS_QEMU)
          .code((0x13 << 26) | (m[0] << 21) | (m[1] << 16) | (m[2] << 11) | (m[3] << 6) | (4 << 3) | 1).fpu(false, 0);
      pairs(x);
      x.emit("instruction");
    }
    // The conditional moves of doubles make no odd-register check in QEMU: they move the pair.
    V movz = v("movz.d.fr0.odd", "MOVZ.D with FR=0, fs f3 and fd f7: QEMU moves the pair f2/f3 to f6/f7",
        RESERVED + "MOVZ.fmt").requires(Choices.RESERVED_AS_QEMU).code(cop1(d, T0, 3, 7, 18)).fpu(false, 0);
    pairs(movz);
    movz.emit("instruction");
    V movt = v("movt.d.fr0.odd", "MOVT.D with FR=0, FCC0 set, fs f5 and fd f3: QEMU moves the pair f4/f5 to f2/f3",
        RESERVED + "MOVF.fmt").requires(Choices.RESERVED_AS_QEMU).code(cop1(d, 1, 5, 3, 17)).fpu(false, 1 << 23);
    pairs(movt);
    movt.emit("instruction");
    longFormatWithFr0();
    mips3d();
    cabs();
    bitFieldsOutOfRange();
  }

  /** f2..f7 hold three distinct doubles as FR=0 pairs, so that moving or reading a pair shows. */
  private static void pairs(V x) {
    double64(x, false, 2, 0x4008_0000_0000_0000L); // 3.0
    double64(x, false, 4, 0x3ff8_0000_0000_0000L); // 1.5
    double64(x, false, 6, 0xc014_0000_0000_0000L); // -5.0
    x.fpr(8, 0x0000_0000).fpr(9, 0x4000_0000); // 2.0
  }

  private void oddPair(String name, int fmt, int funct, int fs, int ft, int fd, String odd) {
    V x = v(name + ".fr0.odd-" + odd, name.toUpperCase() + " with FR=0 and only " + odd
        + " an odd register: Reserved Instruction", RESERVED + name.substring(0, name.indexOf('.')).toUpperCase()
        + ".fmt").requires(Choices.RESERVED_AS_QEMU).code(cop1(fmt, ft, fs, fd, funct)).fpu(false, 0);
    pairs(x);
    x.emit("instruction");
  }

  /** Every instruction with an L-format operand or result, with FR=0 and even registers: RI. */
  private void longFormatWithFr0() {
    String[] names = {"round.l", "trunc.l", "ceil.l", "floor.l"};
    for (String fmt : new String[] {"s", "d"}) {
      int code = fmt.equals("s") ? 0x10 : 0x11;
      for (int f = 0; f < 4; f++) {
        longForm(names[f] + "." + fmt, code, 8 + f);
      }
      longForm("cvt.l." + fmt, code, 37);
    }
    longForm("cvt.s.l", 0x15, 32);
    longForm("cvt.d.l", 0x15, 33);
  }

  private void longForm(String name, int fmt, int funct) {
    V x = v(name + ".fr0", name.toUpperCase() + " with FR=0: an L-format operand or result is a Reserved Instruction",
        RESERVED + name.substring(0, name.indexOf('.')).toUpperCase() + ".fmt").requires(Choices.RESERVED_AS_QEMU)
        .code(cop1(fmt, 0, 2, 6, funct)).fpu(false, 0);
    pairs(x);
    x.emit("instruction");
  }

  /**
   * MIPS-3D's RECIP2, RECIP1, RSQRT1 and RSQRT2 (functs 28..31), which QEMU executes on a 24Kf when
   * FR=1: RECIP2 = -(fs*ft - 1), RECIP1 = 1/fs, RSQRT1 = 1/sqrt(fs), RSQRT2 = -(fs*ft - 1)/2.
   */
  private void mips3d() {
    String[] names = {"recip2", "recip1", "rsqrt1", "rsqrt2"};
    String manual = "MIPS-3D ASE, RECIP1/RECIP2/RSQRT1/RSQRT2 (a 24Kf has no MIPS-3D: reserved in " + VOL2 + "Table A.11)";
    float[][] singles = {{3f, 0.3f}, {4f, 0.5f}, {0f, 2f}, {-2f, 7f}, {1e-40f, 1e38f}};
    double[][] doubles = {{3, 0.3}, {4, 0.5}, {0, 2}, {-2, 7}, {1e-310, 1e300}};
    for (int f = 0; f < 4; f++) {
      for (int k = 0; k < singles.length; k++) {
        v(names[f] + ".s." + k, names[f].toUpperCase() + ".S of " + singles[k][0] + " and " + singles[k][1]
            + " with FR=1", manual).requires(Choices.RESERVED_AS_QEMU).code(cop1(0x10, 4, 2, 6, 28 + f))
            .fpu(true, 0).fpr(2, Float.floatToRawIntBits(singles[k][0])).fpr(4, Float.floatToRawIntBits(singles[k][1]))
            .emit("instruction");
        V x = v(names[f] + ".d." + k, names[f].toUpperCase() + ".D of " + doubles[k][0] + " and " + doubles[k][1]
            + " with FR=1", manual).requires(Choices.RESERVED_AS_QEMU).code(cop1(0x11, 4, 2, 6, 28 + f)).fpu(true, 0);
        double64(x, true, 2, Double.doubleToRawLongBits(doubles[k][0]));
        double64(x, true, 4, Double.doubleToRawLongBits(doubles[k][1]));
        x.emit("instruction");
      }
      for (String fmt : new String[] {"s", "d"}) {
        V x = v(names[f] + "." + fmt + ".fr0", names[f].toUpperCase() + "." + fmt.toUpperCase()
            + " with FR=0: Reserved Instruction", manual).requires(Choices.RESERVED_AS_QEMU)
            .code(cop1(fmt.equals("s") ? 0x10 : 0x11, 4, 2, 6, 28 + f)).fpu(false, 0);
        pairs(x);
        x.emit("instruction");
      }
    }
    V enabled = v("recip1.s.divide-by-zero-enabled", "RECIP1.S of 0 with the Divide by Zero enable set: Floating "
        + "Point exception, f6 unchanged", manual).requires(Choices.RESERVED_AS_QEMU).code(cop1(0x10, 4, 2, 6, 29))
        .fpu(true, 0x400).fpr(2, 0).fpr(6, 0x1234_5678);
    enabled.emit("instruction");
  }

  /** C.cond.fmt with bit 6 set: QEMU compares the absolute values (MIPS-3D's CABS). */
  private void cabs() {
    String manual = "MIPS-3D ASE, CABS.cond.fmt; " + VOL2 + "C.cond.fmt (bits 7..6 are 0)";
    int[][] cases = {{0x3c, 0xc000_0000, 0x3f80_0000}, {0x32, 0xbf80_0000, 0x3f80_0000},
        {0x3e, 0x3f80_0000, 0xc000_0000}, {0x31, 0x7fc0_0000, 0x3f80_0000}, {0x3a, 0x7f80_0001, 0xbf80_0000}};
    String[] conds = {"lt", "eq", "le", "un", "seq"};
    for (int k = 0; k < cases.length; k++) {
      int[] c = cases[k];
      v("cabs." + conds[k] + ".s", "CABS." + conds[k].toUpperCase() + ".S of " + Hex.word(c[1]) + " and "
          + Hex.word(c[2]) + " into FCC3", manual).requires(Choices.RESERVED_AS_QEMU)
          .code(cop1(0x10, 4, 2, (3 << 2) | 1, c[0])).fpu(true, 0).fpr(2, c[1]).fpr(4, c[2]).emit("instruction");
      V x = v("cabs." + conds[k] + ".d", "CABS." + conds[k].toUpperCase() + ".D of the doubles with the same sign and "
          + "exponent pattern into FCC0", manual).requires(Choices.RESERVED_AS_QEMU)
          .code(cop1(0x11, 4, 2, 1, c[0])).fpu(true, 0);
      double64(x, true, 2, widen(c[1]));
      double64(x, true, 4, widen(c[2]));
      x.emit("instruction");
    }
  }

  /** The double with the sign, a NaN's quiet bit pattern or the value of single {@code s}. */
  private static long widen(int s) {
    float f = Float.intBitsToFloat(s);
    if (Float.isNaN(f)) {
      return ((long) (s & 0x8000_0000) << 32) | 0x7ff0_0000_0000_0000L | ((long) (s & 0x007f_ffff) << 29);
    }
    return Double.doubleToRawLongBits(f);
  }

  /** EXT with pos + size > 32, INS with msb < lsb: UNPREDICTABLE, a Reserved Instruction on QEMU. */
  private void bitFieldsOutOfRange() {
    int[][] ext = {{20, 16}, {31, 2}, {1, 32}};
    for (int[] e : ext) {
      v("ext.out-of-range." + e[0] + "-" + e[1], "EXT of " + e[1] + " bits at " + e[0]
          + " (past bit 31): Reserved Instruction", VOL2 + "EXT (Restrictions)").requires(Choices.RESERVED_AS_QEMU)
          .code(sp3(T0, T1, e[1] - 1, e[0], 0)).gpr(T0, 0x1234_5678).gpr(T1, 0x9abc_def0).emit("instruction");
    }
    int[][] ins = {{8, 4}, {31, 0}, {1, 0}};
    for (int[] e : ins) {
      v("ins.out-of-range." + e[0] + "-" + e[1], "INS with lsb " + e[0] + " above msb " + e[1]
          + ": Reserved Instruction", VOL2 + "INS (Restrictions)").requires(Choices.RESERVED_AS_QEMU)
          .code(sp3(T0, T1, e[1], e[0], 4)).gpr(T0, 0x1234_5678).gpr(T1, 0x9abc_def0).emit("instruction");
    }
  }

  /**
   * Count after MTC0, across Cause.DC and across the wrap, and the timer interrupt at the
   * instruction where Count reaches Compare ({@link Choices#COUNT_PER_INSTRUCTION}).
   */
  private void countPerInstruction() {
    String manual = VOL3 + "9.8 Count Register; 9.10 Compare Register";
    int dc = 1 << 27;
    int nop = 0;
    v("count.advances", "MTC0 Count, then MFC0 Count two and three instructions later", manual)
        .requires(Choices.COUNT_PER_INSTRUCTION).code(mtc0(T0, 9, 0), nop, mfc0(T1, 9, 0), mfc0(T2, 9, 0))
        .gpr(T0, 0x100).emit("instruction");
    v("count.wraps", "Count written 0xffffffff wraps to 0", manual).requires(Choices.COUNT_PER_INSTRUCTION)
        .code(mtc0(T0, 9, 0), mfc0(T1, 9, 0), mfc0(T2, 9, 0), mfc0(T3, 9, 0)).gpr(T0, -2).emit("instruction");
    v("count.dc-stops", "Cause.DC stops Count where it is and clearing it restarts Count from there", manual)
        .requires(Choices.COUNT_PER_INSTRUCTION)
        .code(mtc0(T0, 9, 0), nop, mtc0(T4, 13, 0), nop, nop, mfc0(T1, 9, 0), mtc0(0, 13, 0), nop, mfc0(T2, 9, 0),
            mfc0(T3, 9, 0))
        .gpr(T0, 0x50).gpr(T4, dc).emit("instruction");
    v("count.written-while-stopped", "MTC0 Count while Cause.DC is set holds the new value until DC is cleared",
        manual).requires(Choices.COUNT_PER_INSTRUCTION)
        .code(mtc0(T4, 13, 0), mtc0(T0, 9, 0), nop, mfc0(T1, 9, 0), mtc0(0, 13, 0), mfc0(T2, 9, 0))
        .gpr(T0, 0x7000).gpr(T4, dc).emit("instruction");
    int im7 = 1 << 15;
    String timer = VOL3 + "9.10 Compare Register; 6.1 Interrupts";
    int[] distance = {2, 3, 4, 5};
    for (int k : distance) {
      v("timer.at-compare." + k, "MTC0 Compare " + k + " after MTC0 Count 0, with IE and IM7: the timer interrupt is "
          + "taken after the instruction at which Count reads " + k, timer).requires(Choices.COUNT_PER_INSTRUCTION)
          .code(mtc0(0, 9, 0), mtc0(T0, 11, 0), addiu(T3, T3, 1), addiu(T3, T3, 1), addiu(T3, T3, 1),
              addiu(T3, T3, 1), addiu(T3, T3, 1), addiu(T3, T3, 1), addiu(T3, T3, 1))
          .gpr(T0, k).cp0("status", im7 | 1).emit("instruction");
    }
    v("timer.in-slot", "the timer interrupt due at a branch's delay slot: EPC the branch, Cause.BD set", timer)
        .requires(Choices.COUNT_PER_INSTRUCTION)
        .code(mtc0(0, 9, 0), mtc0(T0, 11, 0), addiu(T3, T3, 1), i(4, 0, 0, 2), addiu(T4, T4, 1), 0, addiu(T3, T3, 1))
        .gpr(T0, 3).cp0("status", im7 | 1).emit("instruction");
    v("timer.dc-holds", "with Cause.DC set Count does not reach Compare: no timer interrupt", timer)
        .requires(Choices.COUNT_PER_INSTRUCTION)
        .code(mtc0(T4, 13, 0), mtc0(0, 9, 0), mtc0(T0, 11, 0), addiu(T3, T3, 1), addiu(T3, T3, 1), addiu(T3, T3, 1),
            mfc0(T1, 9, 0))
        .gpr(T0, 2).gpr(T4, dc).cp0("status", im7 | 1).emit("instruction");
    v("timer.dc-restart", "clearing Cause.DC lets Count go on to Compare: the interrupt comes that many instructions "
        + "later", timer).requires(Choices.COUNT_PER_INSTRUCTION)
        .code(mtc0(T4, 13, 0), mtc0(0, 9, 0), mtc0(T0, 11, 0), addiu(T3, T3, 1), mtc0(0, 13, 0), addiu(T3, T3, 1),
            addiu(T3, T3, 1), addiu(T3, T3, 1), addiu(T3, T3, 1))
        .gpr(T0, 2).gpr(T4, dc).cp0("status", im7 | 1).emit("instruction");
    v("timer.compare-now", "Compare written with Count's value at that instruction: Count has already passed it, no "
        + "interrupt for 2^32 counts", timer).requires(Choices.COUNT_PER_INSTRUCTION)
        .code(mtc0(0, 9, 0), mtc0(T0, 11, 0), addiu(T3, T3, 1), addiu(T3, T3, 1), mfc0(T1, 13, 0))
        .gpr(T0, 1).cp0("status", im7 | 1).emit("instruction");
    v("timer.pending-masked", "the timer reaches Compare with IE clear: Cause.TI and IP7 read set; writing Compare "
        + "clears both", timer).requires(Choices.COUNT_PER_INSTRUCTION)
        .code(mtc0(0, 9, 0), mtc0(T0, 11, 0), addiu(T3, T3, 1), addiu(T3, T3, 1), mfc0(T1, 13, 0), mtc0(T0, 11, 0),
            mfc0(T2, 13, 0))
        .gpr(T0, 2).cp0("status", im7).emit("instruction");
    v("timer.ack-keeps-line", "writing Compare clears Cause.TI but not IP7 while hardware line 7 requests it", timer)
        .requires(Choices.COUNT_PER_INSTRUCTION)
        .code(mtc0(0, 9, 0), mtc0(T0, 11, 0), addiu(T3, T3, 1), addiu(T3, T3, 1), mfc0(T1, 13, 0), mtc0(T0, 11, 0),
            mfc0(T2, 13, 0))
        .gpr(T0, 2).interrupts(7).cp0("status", 0).emit("instruction");
    v("timer.count-moved", "MTC0 Count after Compare moves the interrupt to when the new Count reaches Compare", timer)
        .requires(Choices.COUNT_PER_INSTRUCTION)
        .code(mtc0(0, 9, 0), mtc0(T0, 11, 0), mtc0(T1, 9, 0), addiu(T3, T3, 1), addiu(T3, T3, 1), addiu(T3, T3, 1),
            addiu(T3, T3, 1), addiu(T3, T3, 1))
        .gpr(T0, 8).gpr(T1, 5).cp0("status", im7 | 1).emit("instruction");
  }

  /**
   * Random after Wired is written, its wrap to 15, and the entry TLBWR writes
   * ({@link Choices#RANDOM_PER_INSTRUCTION}).
   */
  private void randomPerInstruction() {
    String manual = VOL3 + "9.2 Random Register; 9.7 Wired Register";
    for (int wired : new int[] {0, 4, 13, 15}) {
      v("random.after-wired." + wired, "Random read three times after Wired is written " + wired, manual)
          .requires(Choices.RANDOM_PER_INSTRUCTION)
          .code(mtc0(T0, 6, 0), mfc0(T1, 1, 0), mfc0(T2, 1, 0), mfc0(T3, 1, 0), 0, mfc0(T4, 1, 0))
          .gpr(T0, wired).emit("instruction");
    }
    v("random.wired-16", "Wired written 16 on a 16-entry TLB (Wired is taken modulo the size): Random as for 0",
        manual).requires(Choices.RANDOM_PER_INSTRUCTION)
        .code(mtc0(T0, 6, 0), mfc0(T1, 1, 0), mfc0(T2, 1, 0), mfc0(T3, 6, 0)).gpr(T0, 16).emit("instruction");
    int page = 0x0050_0000;
    v("tlbwr.random-entry", "TLBWR writes the entry Random names; TLBP finds it there", VOL2 + "TLBWR; " + manual)
        .requires(Choices.RANDOM_PER_INSTRUCTION)
        .code(mtc0(T0, 6, 0), mtc0(T1, 10, 0), mtc0(T2, 2, 0), mtc0(T2, 3, 0), 0, 0x4200_0006, mtc0(0, 0, 0),
            0x4200_0008, mfc0(13, 0, 0))
        .gpr(T0, 3).gpr(T1, page | 7).gpr(T2, 0x17).emit("instruction");
  }

  /**
   * WAIT with an interrupt requested that IM enables but IE, EXL or ERL holds off: the pipeline
   * restarts and runs on after the WAIT ({@link Choices#WAIT_RESTARTS_ON_IM}).
   */
  private void waitRestartsOnIm() {
    String manual = VOL2 + "WAIT (restart on a non-enabled interrupt: implementation-dependent)";
    int wait = 0x4200_0020;
    int im3 = 1 << 11;
    int[] status = {im3, im3 | 3, im3 | 5};
    String[] by = {"ie-clear", "exl", "erl"};
    for (int k = 0; k < 3; k++) {
      v("wait.restart." + by[k], "WAIT with hardware line 3 requested, IM3 set and the interrupt held off by "
          + (k == 0 ? "IE clear" : k == 1 ? "EXL" : "ERL") + ": execution goes on after the WAIT", manual)
          .requires(Choices.WAIT_RESTARTS_ON_IM).code(wait, addiu(T3, T3, 1), mfc0(T1, 13, 0))
          .interrupts(3).cp0("status", status[k]).emit("instruction");
    }
    int im7 = 1 << 15;
    v("wait.restart.timer-ie-clear", "WAIT for the timer with IE clear: it restarts when Count reaches Compare, and "
        + "Count and Cause read after it show where", manual + "; " + VOL3 + "9.8 Count Register")
        .requires(Choices.WAIT_RESTARTS_ON_IM, Choices.COUNT_PER_INSTRUCTION)
        .code(mtc0(0, 9, 0), mtc0(T0, 11, 0), wait, mfc0(T1, 9, 0), mfc0(T2, 13, 0))
        .gpr(T0, 0x100).cp0("status", im7).emit("instruction");
  }

  /**
   * An instruction that must start from FCSR, not from what the instruction before it left: a
   * compare after an inexact ADD (Cause empty), and MIPS-3D's RECIP1 after it, under a directed
   * rounding mode that changes its result and with the Divide by Zero enable (a trap), in both
   * formats.
   */
  private void fpuStateAfterInexact() {
    String vol1 = "MIPS32 Vol. I, FPU Exceptions; ";
    for (String fmt : new String[] {"s", "d"}) {
      boolean single = fmt.equals("s");
      int fmtCode = single ? 0x10 : 0x11;
      int add = cop1(fmtCode, 12, 10, 8, 0); // f8 = f10 + f12, inexact
      String f = fmt.toUpperCase();
      V compare = v("c.eq." + fmt + ".after-inexact", "ADD." + f + " that is inexact, then C.EQ." + f
          + " of equal numbers: its Cause is empty, Flags keep I", vol1 + VOL2 + "C.cond.fmt")
          .code(add, cop1(fmtCode, 4, 2, 0, 0x32)).fpu(true, 0);
      // 1/3 rounds to nearest as it rounds toward zero in double, and as it rounds up in single.
      String mode = single ? "rz" : "rp";
      V rz = v("recip1." + fmt + "." + mode + "-after-inexact", "ADD." + f + " that is inexact under "
          + mode.toUpperCase() + ", then RECIP1." + f + " of 3 rounded " + (single ? "toward zero" : "up"),
          vol1 + "MIPS-3D ASE, RECIP1").requires(Choices.RESERVED_AS_QEMU)
          .code(add, cop1(fmtCode, 0, 2, 6, 29)).fpu(true, single ? 1 : 2);
      V zero = v("recip1." + fmt + ".divide-by-zero-enabled-after-inexact", "ADD." + f + " that is inexact, then RECIP1."
          + f + " of 0 with the Divide by Zero enable: Floating Point exception", vol1 + "MIPS-3D ASE, RECIP1")
          .requires(Choices.RESERVED_AS_QEMU).code(add, cop1(fmtCode, 0, 4, 6, 29)).fpu(true, 0x400);
      for (V x : new V[] {compare, rz, zero}) {
        if (single) {
          x.fpr(10, 0x3f80_0000).fpr(12, 0x3380_0000).fpr(2, 0x4040_0000).fpr(4, 0x4040_0000).fpr(6, 0x1234_5678);
        } else {
          double64(x, true, 10, 0x3ff0_0000_0000_0000L);
          double64(x, true, 12, 0x3ca0_0000_0000_0000L); // 2^-53
          double64(x, true, 2, 0x4008_0000_0000_0000L); // 3.0
          double64(x, true, 4, 0x4008_0000_0000_0000L);
          double64(x, true, 6, 0x1234_5678_9abc_def0L);
        }
      }
      zero.fpr(4, 0);
      if (!single) {
        zero.fprh(4, 0);
      }
      compare.emit("instruction");
      rz.emit("instruction");
      zero.emit("instruction");
    }
  }

  /**
   * TLBWI of an entry whose pages overlap another entry's although the page sizes differ: Machine
   * Check ({@link Choices#TLB_DUPLICATE_MACHINE_CHECK}), and none where the larger page ends below
   * the smaller one.
   */
  private void tlbDuplicates() {
    int vdc = 2 | 4 | (3 << 3);
    int big = 0x0040_0000; // a pair of 16 KB pages at 4 MB, written at index 2
    int mask16k = 0x0000_6000;
    int[] tlbwi = tlbwiFromRegisters();
    // Two 4 KB pairs inside the 16 KB pair (Machine Check), one just past it (none).
    int[] at = {big + 0x4000, big + 0x6000, big + 0x8000};
    for (int k = 0; k < at.length; k++) {
      boolean inside = k < 2;
      V x = inside
          ? v("tlbwi.duplicate.page-size." + k, "TLBWI of a 4 KB pair at " + Hex.word(at[k]) + ", inside another "
              + "entry's 16 KB pair: Machine Check", MACHINE_CHECK)
          : v("tlbwi.no-duplicate.page-size", "TLBWI of a 4 KB pair just past another entry's 16 KB pair: no "
              + "Machine Check", MACHINE_CHECK);
      x.requires(Choices.TLB_DUPLICATE_MACHINE_CHECK).code(tlbwi)
          .gpr(T0, 5).gpr(T1, at[k] | 5).gpr(T2, lo(0x0050_0000, vdc)).gpr(T3, lo(0x0050_1000, vdc)).gpr(T4, 0)
          .tlb(2, big | 5, mask16k, lo(0x0060_0000, vdc), lo(0x0060_4000, vdc)).cp0("status", 0).emit("instruction");
    }
  }
}
