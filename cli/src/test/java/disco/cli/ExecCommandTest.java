package disco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to {@code disco exec}: one line naming the file and the problem, exit status 2. */
class ExecCommandTest {
  @TempDir Path dir;

  @Test
  void notAnElfFile() throws Exception {
    Path f = dir.resolve("script.sh");
    Files.writeString(f, "#!/bin/sh\necho this is not an executable for the model\n");
    CliTest.Result r = CliTest.run("exec", f.toString());
    assertEquals(2, r.status());
    assertEquals("disco exec: " + f + ": not an ELF file (bad magic number)\n", r.err().replace("\r", ""));
  }

  @Test
  void missingFile() {
    Path f = dir.resolve("absent");
    CliTest.Result r = CliTest.run("exec", f.toString());
    assertEquals(2, r.status());
    assertEquals("disco exec: " + f + ": no such file\n", r.err().replace("\r", ""));
  }

  @Test
  void truncatedFile() throws Exception {
    Path f = dir.resolve("cut.elf");
    Files.write(f, new byte[] {0x7f, 'E', 'L', 'F', 1, 2, 1, 0, 0, 0});
    CliTest.Result r = CliTest.run("exec", f.toString());
    assertEquals(2, r.status());
    assertEquals("disco exec: " + f + ": truncated ELF header (10 bytes, need 52)\n", r.err().replace("\r", ""));
  }
}
