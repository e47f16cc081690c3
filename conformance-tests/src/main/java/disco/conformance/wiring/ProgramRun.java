package disco.conformance.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import disco.conformance.ImplementationException;
import disco.hw.Endianness;
import disco.hw.elf.ElfFormatException;
import disco.linux.ExecRequest;
import disco.linux.ExecResult;
import disco.linux.LinuxRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A program vector on the reference: the ELF run by the user-ABI layer as {@code disco exec} runs
 * it, with an empty environment, in a fresh empty directory that is its root.
 */
final class ProgramRun {
  /** Far above any program of the suite (the largest runs about 120 million instructions). */
  static final long INSTRUCTION_LIMIT = 2_000_000_000L;

  private ProgramRun() {}

  static ObjectNode run(JsonNode request, Mutation mutation) throws ImplementationException {
    JsonNode init = request.path("init");
    Path elf = Path.of(init.path("elf").path("path").asText());
    Endianness order = Bytes.order(init);
    List<String> args = new ArrayList<>();
    init.path("args").forEach(a -> args.add(a.asText()));
    byte[] stdin = init.path("stdin").asText("").getBytes(StandardCharsets.ISO_8859_1);
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("disco-conform-");
      ExecRequest exec = new ExecRequest(elf, args, List.of(), stdin, order, INSTRUCTION_LIMIT, scratch, scratch);
      ExecResult r = LinuxRunner.run(exec, mutation == Mutation.NONE ? null : new MutantTracer(mutation));
      ObjectNode out = ReferenceImplementation.JSON.createObjectNode();
      out.put("status", r.exitStatus());
      out.put("stdout", Bytes.text(r.stdout()));
      out.put("stderr", Bytes.text(r.stderr()));
      return out;
    } catch (ElfFormatException | IOException e) {
      throw new ImplementationException("vector " + request.path("id").asText() + ": " + e.getMessage());
    } finally {
      Bytes.deleteTree(scratch);
    }
  }
}
