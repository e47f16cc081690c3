package disco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to every command, as a hostile user gives it: each is refused with one line {@code
 * disco CMD: FILE or FIELD: problem} on standard error and status 2, before anything runs.
 */
class BadInputTest {
  @TempDir Path dir;

  static final String HELLO = RunCommandTest.HELLO.toString();

  /** Asserts status 2, nothing on standard output, and exactly {@code line} on standard error. */
  static void assertRefused(String line, CliTest.Result r) {
    assertEquals(line + "\n", r.err().replace("\r", ""), "stdout: " + r.out());
    assertEquals(ExitStatus.FAILURE, r.status());
    assertEquals("", r.out());
  }

  private Path write(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  /** The 52-byte ELF header of a MIPS executable with one program header, then the segment. */
  static byte[] elf(int elfClass, int data, int machine, int[] code) {
    int size = 52 + 32 + code.length * 4;
    ByteBuffer b = ByteBuffer.allocate(size);
    if (data == 1) {
      b.order(java.nio.ByteOrder.LITTLE_ENDIAN);
    }
    b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) elfClass, (byte) data, 1, 0});
    b.position(16);
    b.putShort((short) 2).putShort((short) machine).putInt(1).putInt(0x0040_0000 + 84).putInt(52).putInt(0);
    b.putInt(0x7000_1000).putShort((short) 52).putShort((short) 32).putShort((short) 1);
    b.putShort((short) 40).putShort((short) 0).putShort((short) 0);
    b.putInt(1).putInt(0).putInt(0x0040_0000).putInt(0x0040_0000).putInt(size).putInt(size).putInt(7).putInt(0x1000);
    for (int w : code) {
      b.putInt(w);
    }
    return b.array();
  }

  // ---- part 3 of the issue: each of these printed a stack trace -------------------------------

  @Test
  void aDirectoryAsTheElf() {
    assertRefused("disco exec: " + dir + ": is a directory", CliTest.run("exec", dir.toString()));
    assertRefused("disco run: " + dir + ": is a directory", CliTest.run("run", "--kernel", dir.toString()));
    assertRefused("disco bench: " + dir + ": is a directory", CliTest.run("bench", "--kernel", dir.toString()));
  }

  @Test
  void aThreeGigabyteSparseFileAsTheElf() throws Exception {
    Path f = dir.resolve("huge.elf");
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.setLength(3L << 30);
    }
    assertRefused("disco exec: " + f + ": too large (3,221,225,472 bytes; at most 1,073,741,824 can be read)",
        CliTest.run("exec", f.toString()));
    assertRefused("disco run: " + f + ": too large (3,221,225,472 bytes; at most 1,073,741,824 can be read)",
        CliTest.run("run", "--kernel", f.toString()));
  }

  @Test
  void consoleInputThatIsADirectoryOrMissing() {
    assertRefused("disco run: " + dir + ": is a directory",
        CliTest.run("run", "--kernel", HELLO, "--console-input", dir.toString()));
    Path none = dir.resolve("none.txt");
    assertRefused("disco run: " + none + ": no such file",
        CliTest.run("run", "--kernel", HELLO, "--console-input", none.toString()));
  }

  /** Checked before the run: the statistics table (printed after a run) must not appear. */
  @Test
  void statsJsonIntoAMissingDirectoryOrOntoADirectory() {
    Path json = dir.resolve("no-such-dir").resolve("stats.json");
    assertRefused("disco run: " + json + ": no such directory " + json.getParent(),
        CliTest.run("run", "--kernel", HELLO, "--stats-json", json.toString()));
    assertFalse(Files.exists(json.getParent()));
    assertRefused("disco run: " + dir + ": is a directory",
        CliTest.run("run", "--kernel", HELLO, "--stats-json", dir.toString()));
  }

  /** Asserts that {@code disco run --machine} of a file holding {@code yaml} is refused with {@code problem}. */
  private void assertMachineRefused(String yaml, String problem) throws Exception {
    Path m = write("m.yaml", yaml);
    assertRefused("disco run: " + m + ": " + problem, CliTest.run("run", "--machine", m.toString(), "--kernel", HELLO));
  }

  @Test
  void aMachineFileWithANullBase() throws Exception {
    assertMachineRefused("base: ~\n", "field 'base': no value (leave the field out to take the default)");
  }

  /** 512 CPUs with 64 MB caches of 16-byte lines pass validation but need tens of GB: refused at once. */
  @Test
  void aMachineTooLargeForTheHeapIsRefusedUpFront() throws Exception {
    Path m = write("huge.yaml", "nodes: 64\ncpusPerNode: 8\ncacheKb: 65536\nlineBytes: 16\n");
    long start = System.nanoTime();
    for (String cmd : new String[] {"run", "bench"}) {
      CliTest.Result r = CliTest.run(cmd, "--machine", m.toString(), "--kernel", HELLO);
      assertEquals(ExitStatus.FAILURE, r.status(), r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      String line = r.err().strip();
      assertTrue(line.matches("disco " + cmd + ": \\Q" + m + "\\E: needs up to [0-9.]+ GB of Java heap \\(memory 2\\.0 GB, "
          + "caches [0-9.]+ GB, directory [0-9.]+ GB, miss counters [0-9.]+ MB, the rest [0-9.]+ MB\\), "
          + "more than the [0-9.]+ [MG]B this Java may use \\(its -Xmx\\)"), line);
    }
    assertTrue(System.nanoTime() - start < 5_000_000_000L, "the refusal must come before any allocation");
  }

  @Test
  void aFractionalNodeCountIsRefused() throws Exception {
    assertMachineRefused("nodes: 1.5\n", "field 'nodes': must be a whole number, got 1.5");
  }

  @Test
  void aDiskThatIsADirectoryOrAFifo() throws Exception {
    assertRefused("disco run: disk 0: " + dir + ": is a directory",
        CliTest.run("run", "--kernel", HELLO, "--disk", "0=" + dir));
    Path fifo = dir.resolve("fifo");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    assertRefused("disco run: disk 2: " + fifo + ": not a regular file (a disk image must be a file of sectors)",
        CliTest.run("run", "--kernel", HELLO, "--disk", "2=" + fifo));
  }

  @Test
  void yamlSyntaxErrorsAreSyntaxErrors() throws Exception {
    Path m = write("m.yaml", "nodes: [4\ncpusPerNode: 2\n");
    CliTest.Result r = CliTest.run("run", "--machine", m.toString(), "--kernel", HELLO);
    assertEquals(ExitStatus.FAILURE, r.status());
    assertTrue(r.err().startsWith("disco run: " + m + ": not valid YAML at line "), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    Path j = write("m.json", "{\"nodes\": 4");
    r = CliTest.run("run", "--machine", j.toString(), "--kernel", HELLO);
    assertTrue(r.err().startsWith("disco run: " + j + ": not valid JSON at line 1: "), r.err());
  }

  @Test
  void helpOnEverySubcommandExits0AndAnUnknownOptionExits2() {
    for (String cmd : new String[] {"run", "exec", "bench", "report", "check", "conform"}) {
      CliTest.Result r = CliTest.run(cmd, "--help");
      assertEquals(ExitStatus.OK, r.status(), cmd + ": " + r.err());
      assertTrue(r.out().startsWith("Usage: disco " + cmd + " "), r.out());
      assertEquals("", r.err());
      CliTest.Result bad = CliTest.run(cmd, "--no-such-option", "x.json");
      assertEquals(ExitStatus.FAILURE, bad.status(), cmd);
      assertTrue(bad.err().startsWith("Unknown option") && bad.err().contains("'--no-such-option'"), bad.err());
    }
  }

  // ---- negative limits (part 2 of the issue) ----------------------------------------------------

  @Test
  void negativeLimitsAreRefused() {
    assertRefused("disco run: --max-cycles: must be 0 (no limit) or more, got -5",
        CliTest.run("run", "--kernel", HELLO, "--max-cycles", "-5"));
    assertRefused("disco exec: --max-instructions: must be 0 (no limit) or more, got -1",
        CliTest.run("exec", "--max-instructions", "-1", HELLO));
    assertRefused("disco bench: --repeat: must be at least 1, got 0",
        CliTest.run("bench", "--repeat", "0", "--kernel", HELLO));
  }

  // ---- beyond the list --------------------------------------------------------------------------

  @Test
  void elfFilesOfTheWrongKind() throws Exception {
    int[] code = {0};
    Path empty = dir.resolve("empty.elf");
    Files.write(empty, new byte[0]);
    assertRefused("disco exec: " + empty + ": not an ELF file", CliTest.run("exec", empty.toString()));
    assertRefused("disco run: " + empty + ": not an ELF file", CliTest.run("run", "--kernel", empty.toString()));
    Path x86 = dir.resolve("x86.elf");
    Files.write(x86, elf(1, 2, 62, code));
    assertRefused("disco exec: " + x86 + ": not a MIPS executable (e_machine 62)", CliTest.run("exec", x86.toString()));
    Path wide = dir.resolve("wide.elf");
    Files.write(wide, elf(2, 2, 8, code));
    assertRefused("disco run: " + wide + ": 64-bit ELF (ELFCLASS64); this machine runs 32-bit MIPS executables",
        CliTest.run("run", "--kernel", wide.toString()));
    Path little = dir.resolve("little.elf");
    Files.write(little, elf(1, 1, 8, code));
    assertRefused("disco exec: " + little + ": little-endian executable, but the machine is configured big-endian "
        + "(use --little-endian)", CliTest.run("exec", little.toString()));
    Path cut = dir.resolve("cut.elf");
    byte[] whole = elf(1, 2, 8, new int[] {0, 0, 0, 0});
    Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 4));
    assertRefused("disco run: " + cut + ": truncated: segment 0 (vaddr 0x00400000) needs file bytes up to 100, file has 96",
        CliTest.run("run", "--kernel", cut.toString()));
  }

  @Test
  void machineFilesWithUnknownFieldsWrongTypesAndOutOfRangeValues() throws Exception {
    String[][] cases = {
      {"nodez: 4\n", "unknown field 'nodez'"},
      {"cacheEnabled: maybe\n", "field 'cacheEnabled': must be true or false, got 'maybe'"},
      {"nodes: -4\n", "nodes must be 1..64, got -4"},
      {"quantum: 99999999999\n", "field 'quantum': out of range, got 99999999999"},
      {"memoryPerNodeMb: 1024\nnodes: 4\n", "nodes x memoryPerNodeMb must be at most 3072 MB (device space lies above RAM), got 4096"},
      {"base: flash-99\n", "unknown machine preset 'flash-99' (known: flash-1, flash-4, flash-8, flash-16, flash-32, "
          + "or a .yaml/.json file)"},
      {"- nodes: 4\n", "not valid YAML: expected 'field: value' lines, got a list"},
    };
    for (String[] c : cases) {
      assertMachineRefused(c[0], c[1]);
    }
    assertRefused("disco run: " + dir + ": is a directory", CliTest.run("run", "--machine", dir.toString(), "--kernel", HELLO));
    assertRefused("disco run: unknown machine preset 'flash-99' (known: flash-1, flash-4, flash-8, flash-16, flash-32, "
        + "or a .yaml/.json file)", CliTest.run("run", "--machine", "flash-99", "--kernel", HELLO));
  }

  @Test
  void reportOfADirectoryAMissingFileAndMalformedJson() throws Exception {
    assertRefused("disco report: " + dir + ": is a directory", CliTest.run("report", dir.toString()));
    Path none = dir.resolve("none.json");
    assertRefused("disco report: " + none + ": no such file", CliTest.run("report", none.toString()));
    Path empty = write("empty.json", "");
    assertRefused("disco report: " + empty + ": not a statistics file at line 1: No content to map due to end-of-input",
        CliTest.run("report", empty.toString()));
    Path holes = write("holes.json", "{\"machine\": \"m\", \"cycles\": 1, \"cpus\": [{\"cpu\": 0}]}");
    CliTest.Result r = CliTest.run("report", holes.toString());
    assertEquals(ExitStatus.FAILURE, r.status());
    assertTrue(r.err().startsWith("disco report: " + holes + ": not a statistics file at line 1: field 'cpus[0]."), r.err());
    assertFalse(r.err().contains("DeserializationFeature"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  @Test
  void aBadDiskNumberIsOneLine() {
    Path disk = dir.resolve("d.img");
    CliTest.Result r = CliTest.run("run", "--kernel", HELLO, "--disk", "9=" + disk);
    assertEquals(ExitStatus.FAILURE, r.status());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("disco run: "), r.err());
  }
}
