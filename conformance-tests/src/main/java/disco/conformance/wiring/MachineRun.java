package disco.conformance.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import disco.conformance.Hex;
import disco.conformance.ImplementationException;
import disco.hw.cpu.Cpu;
import disco.hw.elf.ElfFile;
import disco.hw.elf.ElfFormatException;
import disco.hw.machine.DiskImage;
import disco.hw.machine.InvalidConfigException;
import disco.hw.machine.Machine;
import disco.hw.machine.MachineConfig;
import disco.hw.machine.StopReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A machine vector on the reference: the kernel image loaded on the machine model as {@code disco
 * run} loads it, with the named preset, the command line and snapshot disks, run to its stop.
 */
final class MachineRun {
  private MachineRun() {}

  static ObjectNode run(JsonNode request, Mutation mutation) throws ImplementationException {
    JsonNode init = request.path("init");
    String id = request.path("id").asText();
    Path scratch = null;
    try {
      MachineConfig config = MachineConfig.preset(init.path("machine").asText("flash-8"));
      scratch = Files.createTempDirectory("disco-conform-");
      List<DiskImage> disks = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = init.path("disks").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> d = it.next();
        Path file = scratch.resolve("disk" + d.getKey() + ".img");
        Files.write(file, Hex.bytes(d.getValue().asText()));
        disks.add(new DiskImage(Integer.parseInt(d.getKey()), file, true));
      }
      ByteArrayOutputStream console = new ByteArrayOutputStream();
      Machine m = new Machine(config, disks, InputStream.nullInputStream(), console);
      JsonNode append = init.path("append");
      m.load(ElfFile.read(Path.of(init.path("kernel").path("path").asText())), append.isTextual() ? append.textValue() : null);
      if (mutation != Mutation.NONE) {
        for (Cpu cpu : m.cpus()) {
          cpu.setTracer(new MutantTracer(mutation));
        }
      }
      StopReason reason = m.run(init.path("max_cycles").asLong(0), null);
      ObjectNode out = ReferenceImplementation.JSON.createObjectNode();
      out.put("status", reason.exitStatus());
      out.put("console", Bytes.text(console.toByteArray()));
      return out;
    } catch (ElfFormatException | InvalidConfigException | IOException | IllegalArgumentException e) {
      throw new ImplementationException("vector " + id + ": " + e.getMessage());
    } finally {
      Bytes.deleteTree(scratch);
    }
  }
}
