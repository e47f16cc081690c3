package disco.conformance.wiring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import disco.conformance.Hex;
import disco.conformance.ImplementationException;
import disco.conformance.VectorSuite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    V hiLoUnpredictable() {
      unpredictableHiLo = true;
      return this;
    }

    void emit(String kind) {
      ObjectNode v = ReferenceImplementation.JSON.createObjectNode();
      v.put("schema", VectorSuite.SCHEMA);
      v.put("kind", kind);
      v.put("id", id);
      v.put("purpose", purpose);
      v.put("manual", manual);
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

  /** Sets double {@code reg} (even) as the FPU sees it under FR: a pair of words, or low and high halves. */
  private static void double64(V x, boolean fr, int reg, long bits) {
    x.fpr(reg, (int) bits);
    if (fr) {
      x.fprh(reg, (int) (bits >>> 32));
    } else {
      x.fpr(reg + 1, (int) (bits >>> 32));
    }
  }
}
