package disco.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ToolsTest {
  @Test
  void aMissingToolSkipsOrFailsUnderCi() {
    String name = "disco-no-such-tool-" + ProcessHandle.current().pid();
    if (Tools.ciRequiresTools()) {
      AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> Tools.require(name));
      assertTrue(e.getMessage().contains(name), e.getMessage());
    } else {
      TestAbortedException e = assertThrows(TestAbortedException.class, () -> Tools.require(name));
      assertTrue(e.getMessage().contains(name), e.getMessage());
    }
  }

  @Test
  void aToolOnThePathIsFound() {
    // sh is on every PATH this build runs with (Maven's own launcher is a shell script).
    Path sh = Tools.require("sh");
    assertTrue(Files.isExecutable(sh));
    assertEquals("sh", sh.getFileName().toString());
  }
}
