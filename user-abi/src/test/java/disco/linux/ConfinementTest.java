package disco.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import disco.testing.GuestPrograms;
import disco.hw.Endianness;
import disco.testing.MipsCompiler;
import disco.testing.ScratchDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code guests/linux/confined/escape.c} tries to leave its root through the system calls (by
 * {@code ..}, absolute paths and symbolic links, for reading, writing, creating, renaming,
 * removing and changing directory): every attempt must fail with EACCES, as its expected output
 * says, and nothing beside the root may change.
 */
class ConfinementTest {
  @Test
  void everyWayOutOfTheRootIsRefused() throws Exception {
    Path dir = GuestPrograms.directory().resolve("confined");
    Path exe = MipsCompiler.compile(dir.resolve("escape.c"), true);
    Path scratch = ScratchDirectory.fresh("confinement");
    Path root = scratch.resolve("root");
    Files.createDirectories(root);
    Files.writeString(scratch.resolve("outside.txt"), "secret\n");
    Files.writeString(root.resolve("inside.txt"), "in\n");
    Files.createSymbolicLink(root.resolve("out"), Path.of(".."));
    Files.createSymbolicLink(root.resolve("abs"), scratch.resolve("outside.txt"));
    Map<String, String> before = ScratchDirectory.contents(scratch);

    ExecResult r = LinuxRunner.run(
        new ExecRequest(exe, List.of(), List.of(), new byte[0], Endianness.BIG, 0).in(root, root));

    assertEquals(Files.readString(dir.resolve("escape.expected")),
        new String(r.stdout(), StandardCharsets.UTF_8));
    assertEquals(0, r.exitStatus());
    assertEquals(before, ScratchDirectory.contents(scratch), "the program changed files");
  }
}
