package disco.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import disco.testing.Tools;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The program vectors on qemu-mips and qemu-mipsel through adapters/qemu_user_adapter.py: the
 * oracle that recorded them answers the same again (docs/conformance.md tabulates it), and the
 * comparison would catch an answer that differs.
 */
@Tag("long")
class QemuUserAdapterTest {
  private static final String ADAPTER = "python3 adapters/qemu_user_adapter.py";

  @Test
  void qemuUserPassesEveryProgramVector() throws Exception {
    Tools.require("qemu-mips");
    Tools.require("qemu-mipsel");
    ProgramFiles.build();
    List<Vector> all = ProgramFiles.vectors("program");
    List<Outcome> outcomes;
    long t0 = System.nanoTime();
    try (ProcessImplementation qemu = ProcessImplementation.start(ADAPTER, Duration.ofSeconds(60))) {
      assertEquals("qemu-user", qemu.name());
      outcomes = Runner.run(qemu, all);
    }
    List<String> failed = outcomes.stream().filter(o -> o.status() != Outcome.Status.PASSED)
        .map(o -> o.vector().id() + ": " + o.reason()).collect(Collectors.toList());
    assertEquals(List.of(), failed);
    System.out.printf("program vectors: %d passed on qemu-user in %d ms%n", all.size(), (System.nanoTime() - t0) / 1_000_000);
  }

  @Test
  void aDifferentAnswerOrAnotherElfFails() throws Exception {
    Tools.require("qemu-mips");
    ProgramFiles.build("linux.argv_exit");
    Vector v = ProgramFiles.vectors("program", "linux.argv_exit.exit-300.big").get(0);
    ObjectNode wrong = v.expect().deepCopy();
    wrong.put("status", 300);
    ObjectNode otherElf = v.request().deepCopy();
    ((ObjectNode) otherElf.path("init").path("elf")).put("sha256", "00");
    try (ProcessImplementation qemu = ProcessImplementation.start(ADAPTER, Duration.ofSeconds(60))) {
      assertEquals(Outcome.Status.PASSED, Runner.runOne(qemu, v).status());
      Outcome o = Runner.runOne(qemu, new Vector(v.kind(), v.id(), v.purpose(), v.manual(), v.request(), wrong));
      assertEquals("[status: expected 300, got 44]", o.differences().toString());
      // the runner refuses the file before the adapter sees it; the adapter refuses it too
      o = Runner.runOne(qemu, new Vector(v.kind(), v.id(), v.purpose(), v.manual(), otherElf, v.expect()));
      assertTrue(o.reason().contains("is not the file the vector was recorded with"), o.reason());
      ObjectNode answer = qemu.run(otherElf);
      throw new AssertionError("the adapter ran an ELF whose sha256 differs: " + answer);
    } catch (ImplementationException e) {
      assertTrue(e.getMessage().contains("sha256 differs"), e.getMessage());
    }
  }
}
