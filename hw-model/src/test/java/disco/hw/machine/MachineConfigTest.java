package disco.hw.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.hw.Endianness;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineConfigTest {
  @TempDir Path dir;

  @Test
  void presetsMatchThePapersMachine() throws Exception {
    MachineConfig f8 = MachineConfigFile.load("flash-8");
    assertEquals(8, f8.cpus());
    assertEquals(8L * 32 << 20, f8.memoryBytes());
    // FLASH at 200 MHz (5 ns a cycle): a local miss 300 ns, a remote one 900 ns (the paper's figures).
    assertEquals(300 / 5, f8.localMissCycles());
    assertEquals(900 / 5, f8.remoteMissCycles());
    assertTrue(f8.cacheEnabled());
    assertEquals(1024, f8.cacheKb()); // a 1 MB, two-way second-level cache of 128-byte lines
    assertEquals(2, f8.associativity());
    assertEquals(128, f8.lineBytes());
    assertEquals(16, MachineConfigFile.load("flash-16").nodes());
  }

  @Test
  void unknownPresetIsNamed() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> MachineConfigFile.load("flash-9"));
    assertTrue(e.getMessage().startsWith("unknown machine preset 'flash-9'"), e.getMessage());
  }

  @Test
  void yamlOverridesTheBase() throws Exception {
    Path f = dir.resolve("m.yaml");
    Files.writeString(f, "base: flash-4\ncpusPerNode: 2\ncacheEnabled: false\nendianness: little\n");
    MachineConfig c = MachineConfigFile.load(f.toString());
    assertEquals(4, c.nodes());
    assertEquals(8, c.cpus());
    assertEquals(Endianness.LITTLE, c.endianness());
    assertFalse(c.cacheEnabled());
    assertEquals(MachineConfig.preset("flash-4").remoteMissCycles(), c.remoteMissCycles()); // the rest from the base
    assertEquals("m.yaml", c.name());
  }

  @Test
  void jsonIsReadToo() throws Exception {
    Path f = dir.resolve("m.json");
    Files.writeString(f, "{\"nodes\": 2, \"protocol\": \"msi\"}");
    MachineConfig c = MachineConfigFile.load(f.toString());
    assertEquals(2, c.nodes());
    assertEquals("MSI", c.protocol());
  }

  private String refusal(String yaml) throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, yaml);
    return assertThrows(InvalidConfigException.class, () -> MachineConfigFile.load(f.toString())).getMessage();
  }

  @Test
  void badFilesNameTheFieldAndTheFile() throws Exception {
    String p = dir.resolve("bad.yaml").toString();
    assertEquals(p + ": nodes must be 1..64, got 65", refusal("nodes: 65\n"));
    assertEquals(p + ": unknown field 'nodez'", refusal("nodez: 4\n"));
    assertEquals(p + ": lineBytes must be a power of two, got 100", refusal("lineBytes: 100\n"));
    assertEquals(p + ": endianness must be big or little, got middle", refusal("endianness: middle\n"));
    String syntax = refusal("name: \"unterminated\nnodes: 4\n");
    assertTrue(syntax.startsWith(p + ": not valid YAML"), syntax);
    String many = refusal("nodes: many\n");
    assertTrue(many.startsWith(p + ": field 'nodes': "), many);
    assertEquals(p + ": empty configuration", refusal(""));
  }

  /** Asserts that {@code yaml} is refused as "bad.yaml: {@code problem}". */
  private void assertRefused(String problem, String yaml) throws Exception {
    assertEquals(dir.resolve("bad.yaml") + ": " + problem, refusal(yaml));
  }

  @Test
  void aFieldWithoutAValueIsNamedNotFollowedIntoANullPointer() throws Exception {
    assertRefused("field 'base': no value (leave the field out to take the default)", "base: ~\n");
    assertRefused("field 'nodes': no value (leave the field out to take the default)", "nodes:\n");
  }

  @Test
  void aFractionIsRefusedNotTruncated() throws Exception {
    assertRefused("field 'nodes': must be a whole number, got 1.5", "nodes: 1.5\n");
  }

  @Test
  void wrongTypesAndHugeNumbersAreNamed() throws Exception {
    assertRefused("field 'nodes': must be a whole number, got 'many'", "nodes: many\n");
    assertRefused("field 'nodes': must be a whole number, got '4'", "nodes: \"4\"\n");
    assertRefused("field 'quantum': out of range, got 99999999999", "quantum: 99999999999\n");
    assertRefused("unknown field 'seed'", "seed: 7\n");
    assertRefused("field 'cacheEnabled': must be true or false, got 'sometimes'", "cacheEnabled: sometimes\n");
    assertRefused("field 'protocol': must be a single value, got a list", "protocol: [MSI, MESI]\n");
    assertRefused("field 'nodes': must be a single value, got a mapping", "nodes: {a: 1}\n");
    assertRefused("cpusPerNode must be 1..8, got -3", "cpusPerNode: -3\n");
    assertRefused("hitCycles must be 0..1000000, got 2000000000", "hitCycles: 2000000000\n");
  }

  @Test
  void syntaxErrorsAreReportedAsSyntaxErrorsWithTheLine() throws Exception {
    String p = dir.resolve("bad.yaml").toString();
    String unclosed = refusal("nodes: [4\n");
    assertTrue(unclosed.startsWith(p + ": not valid YAML at line "), unclosed);
    assertRefused("not valid YAML: expected 'field: value' lines, got 'nodes 4'", "nodes 4\n");
    String twice = refusal("nodes: 4\nnodes: 8\n");
    assertTrue(twice.startsWith(p + ": not valid YAML at line 2: Duplicate field 'nodes'"), twice);
    Path json = dir.resolve("bad.json");
    Files.writeString(json, "{\"nodes\": 4,}");
    String m = assertThrows(InvalidConfigException.class, () -> MachineConfigFile.load(json.toString())).getMessage();
    assertTrue(m.startsWith(json + ": not valid JSON at line 1: "), m);
    Files.writeString(json, "[1, 2]");
    m = assertThrows(InvalidConfigException.class, () -> MachineConfigFile.load(json.toString())).getMessage();
    assertEquals(json + ": not valid JSON: expected an object of fields, got a list", m);
  }

  @Test
  void aDirectoryABinaryAndAHugeFileAreNamed() throws Exception {
    Path d = dir.resolve("machines.yaml");
    Files.createDirectory(d);
    assertEquals(d + ": is a directory",
        assertThrows(InvalidConfigException.class, () -> MachineConfigFile.load(d.toString())).getMessage());
    Path bin = dir.resolve("bin.yaml");
    Files.write(bin, new byte[] {'n', ':', ' ', (byte) 0xff, (byte) 0xfe});
    assertEquals(bin + ": not a text file (not valid UTF-8)",
        assertThrows(InvalidConfigException.class, () -> MachineConfigFile.load(bin.toString())).getMessage());
    Path big = dir.resolve("big.yaml");
    Files.writeString(big, "#".repeat((int) MachineConfigFile.MAX_FILE_BYTES + 1));
    assertEquals(big + ": too large (1,048,577 bytes; at most 1,048,576 can be read)",
        assertThrows(InvalidConfigException.class, () -> MachineConfigFile.load(big.toString())).getMessage());
  }

  @Test
  void missingFileIsNamed() {
    Path f = dir.resolve("none.yaml");
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> MachineConfigFile.load(f.toString()));
    assertEquals(f + ": no such file", e.getMessage());
  }

  @Property(tries = 200)
  void everyNodeCountInRangeIsAccepted(@ForAll @IntRange(min = -5, max = 80) int nodes) {
    if (nodes >= 1 && nodes <= 64) {
      assertEquals(nodes, MachineConfig.flash(nodes).nodes());
    } else {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MachineConfig.flash(nodes));
      assertTrue(e.getMessage().startsWith("nodes must be 1..64"), e.getMessage());
    }
  }
}
