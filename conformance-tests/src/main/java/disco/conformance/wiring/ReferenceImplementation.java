package disco.conformance.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import disco.conformance.Choices;
import disco.conformance.Hex;
import disco.conformance.Implementation;
import disco.conformance.ImplementationException;
import disco.hw.Endianness;
import disco.hw.cpu.Cpu;
import disco.hw.mem.Memory;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The reference as an implementation of the suite: instruction vectors run on a bare
 * architectural-mode CPU with 64 MB of RAM and a 16-entry TLB, as docs/conformance.md describes;
 * program vectors on the user-ABI layer ({@link ProgramRun}); machine vectors on the machine model
 * ({@link MachineRun}).
 */
public class ReferenceImplementation implements Implementation {
  static final ObjectMapper JSON = new ObjectMapper();
  /** At most this many instructions per vector (the schema's limit). */
  static final int STEP_LIMIT = 64;
  private static final int TLB_SIZE = 16;
  private static final long RAM = 64L << 20;

  private final String name;
  private final Mutation mutation;

  public ReferenceImplementation() {
    this("reference", Mutation.NONE);
  }

  ReferenceImplementation(String name, Mutation mutation) {
    this.name = name;
    this.mutation = mutation;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<String> kinds() {
    return Set.of("instruction", "program", "machine");
  }

  /** The reference makes every choice the suite defines: they describe what it does. */
  @Override
  public Set<String> choices() {
    return Choices.ALL;
  }

  @Override
  public ObjectNode run(ObjectNode request) throws ImplementationException {
    try {
      return switch (request.path("kind").asText()) {
        case "program" -> ProgramRun.run(request, mutation);
        case "machine" -> MachineRun.run(request, mutation);
        default -> execute(request);
      };
    } catch (IllegalArgumentException e) {
      throw new ImplementationException("vector " + request.path("id").asText() + ": " + e.getMessage());
    }
  }

  private ObjectNode execute(ObjectNode request) {
    JsonNode init = request.path("init");
    Endianness order = Bytes.order(init);
    Memory mem = new Memory(order);
    Cpu cpu = new Cpu(mem, 0, TLB_SIZE, RAM);
    JsonNode cp0 = init.path("cp0");
    cpu.writeCp0(12, 0, cp0.has("status") ? Hex.word(cp0.get("status"), "init.cp0.status") : 0);
    if (cp0.has("entryhi")) {
      cpu.writeCp0(10, 0, Hex.word(cp0.get("entryhi"), "init.cp0.entryhi"));
    }
    if (cp0.has("epc")) {
      cpu.writeCp0(14, 0, Hex.word(cp0.get("epc"), "init.cp0.epc"));
    }
    for (JsonNode line : init.path("interrupts")) {
      int n = line.asInt(-1);
      if (n < 2 || n > 7) {
        throw new IllegalArgumentException("init.interrupts: " + line + " is not a hardware interrupt line (2 to 7)");
      }
      cpu.setInterruptLine(n, true);
    }
    for (JsonNode e : init.path("tlb")) {
      cpu.tlbWrite(e.path("index").asInt(), Hex.word(e.path("entryhi"), "init.tlb.entryhi"),
          Hex.word(e.path("pagemask"), "init.tlb.pagemask"), Hex.word(e.path("entrylo0"), "init.tlb.entrylo0"),
          Hex.word(e.path("entrylo1"), "init.tlb.entrylo1"));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = init.path("gpr").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      cpu.setGpr(Integer.parseInt(e.getKey()), Hex.word(e.getValue(), "init.gpr." + e.getKey()));
    }
    cpu.setHiLo(Hex.word(init.path("hi").isMissingNode() ? JSON.getNodeFactory().numberNode(0) : init.get("hi"), "init.hi"),
        Hex.word(init.path("lo").isMissingNode() ? JSON.getNodeFactory().numberNode(0) : init.get("lo"), "init.lo"));
    for (Iterator<Map.Entry<String, JsonNode>> it = init.path("fpr").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      cpu.fpu().writeWord(Integer.parseInt(e.getKey()), Hex.word(e.getValue(), "init.fpr." + e.getKey()));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = init.path("fprh").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      cpu.fpu().writeHighWord(Integer.parseInt(e.getKey()), Hex.word(e.getValue(), "init.fprh." + e.getKey()));
    }
    if (init.has("fcsr")) {
      cpu.fpu().writeControl(31, Hex.word(init.get("fcsr"), "init.fcsr"));
    }
    for (JsonNode m : init.path("mem")) {
      int pa = Hex.word(m.path("pa"), "init.mem.pa");
      byte[] b = Hex.bytes(m.path("bytes").asText());
      for (int k = 0; k < b.length; k++) {
        mem.storeByte(pa + k, b[k]);
      }
    }
    int pc = Hex.word(init.path("pc"), "init.pc");
    JsonNode code = init.path("code");
    for (int k = 0; k < code.size(); k++) {
      mem.storeWord(physical(pc) + 4 * k, Hex.word(code.get(k), "init.code"));
    }
    cpu.flushTranslations();
    cpu.setPc(pc);
    mutation.prepare(cpu);

    int end = pc + 4 * code.size();
    @Nullable ObjectNode exception = null;
    for (int step = 0; step < STEP_LIMIT; step++) {
      if (cpu.pc() == end && !cpu.inDelaySlot()) {
        break;
      }
      long before = total(cpu.exceptionCounts());
      int at = cpu.pc();
      if (mutation.execute(cpu, mem.loadWord(physical(at)), cpu.inDelaySlot())) {
        continue;
      }
      cpu.run(1);
      long[] counts = cpu.exceptionCounts();
      if (total(counts) != before) {
        exception = exception(cpu, counts);
        break;
      }
    }
    return result(request, cpu, exception);
  }

  /** Code runs from kseg0 or kseg1: its physical address. */
  static int physical(int va) {
    return va & 0x1fff_ffff;
  }

  private static long total(long[] counts) {
    long n = 0;
    for (long c : counts) {
      n += c;
    }
    return n;
  }

  private static ObjectNode exception(Cpu cpu, long[] counts) {
    ObjectNode e = JSON.createObjectNode();
    int code = (cpu.cp0().cause() >>> 2) & 0x1f;
    e.put("code", code);
    e.put("epc", Hex.word(cpu.cp0().epc()));
    e.put("bd", cpu.cp0().cause() < 0);
    e.put("badvaddr", Hex.word(cpu.cp0().badVAddr()));
    if (code == 11) {
      // Cause.CE names the coprocessor; the manual defines it for Coprocessor Unusable only (Vol. III, Cause).
      e.put("ce", (cpu.cp0().cause() >>> 28) & 3);
    }
    int at = cpu.pc();
    e.put("vector", at == 0x8000_0000 ? "refill" : at == 0x8000_0180 ? "general" : Hex.word(at));
    return e;
  }

  private static ObjectNode result(JsonNode request, Cpu cpu, @Nullable ObjectNode exception) {
    ObjectNode r = JSON.createObjectNode();
    r.put("pc", Hex.word(cpu.pc()));
    ArrayNode g = r.putArray("gpr");
    for (int i = 0; i < 32; i++) {
      g.add(Hex.word(cpu.gpr(i)));
    }
    r.put("hi", Hex.word(cpu.hi()));
    r.put("lo", Hex.word(cpu.lo()));
    if (exception == null) {
      r.putNull("exception");
    } else {
      r.set("exception", exception);
    }
    JsonNode observe = request.path("observe");
    if (observe.path("fpu").asBoolean(false)) {
      ArrayNode f = r.putArray("fpr");
      for (int i = 0; i < 32; i++) {
        f.add(Hex.word(cpu.fpu().readWord(i)));
      }
      if (cpu.fpu().fr()) {
        ArrayNode h = r.putArray("fprh");
        for (int i = 0; i < 32; i++) {
          h.add(Hex.word(cpu.fpu().readHighWord(i)));
        }
      }
      r.put("fcsr", Hex.word(cpu.fpu().readControl(31)));
    }
    if (observe.path("cp0").asBoolean(false)) {
      ObjectNode c = r.putObject("cp0");
      c.put("status", Hex.word(cpu.cp0().status()));
      c.put("entryhi", Hex.word(cpu.cp0().entryHi()));
      c.put("context", Hex.word(cpu.cp0().context()));
      c.put("epc", Hex.word(cpu.cp0().epc()));
    }
    if (observe.has("mem")) {
      ArrayNode mem = r.putArray("mem");
      for (JsonNode m : observe.get("mem")) {
        int pa = Hex.word(m.path("pa"), "observe.mem.pa");
        byte[] b = new byte[m.path("len").asInt()];
        for (int k = 0; k < b.length; k++) {
          b[k] = (byte) cpu.memory().loadByte(pa + k);
        }
        ObjectNode o = mem.addObject();
        o.put("pa", Hex.word(pa));
        o.put("bytes", Hex.bytes(b));
      }
    }
    return r;
  }
}
