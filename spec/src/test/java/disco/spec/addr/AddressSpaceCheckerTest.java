package disco.spec.addr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles small sources with the Subtyping Checker on, exactly as the build does, and shows that
 * mixing address spaces is a compile error while the sanctioned conversions compile.
 */
class AddressSpaceCheckerTest {
  @TempDir Path dir;

  private static final String QUALS =
      "disco.spec.addr.UnknownAddr,disco.spec.addr.GuestVirtual,disco.spec.addr.GuestPhysical,"
          + "disco.spec.addr.MachineAddr,disco.spec.addr.AddrBottom";

  record Compile(int status, String output) {}

  private Compile compile(String className, String source) throws IOException, InterruptedException {
    Path src = dir.resolve(className + ".java");
    Files.writeString(src, source, StandardCharsets.UTF_8);
    Path javac = Paths.get(System.getProperty("java.home"), "bin", "javac");
    List<String> cmd = new ArrayList<>();
    cmd.add(javac.toString());
    for (String pkg : new String[] {"api", "code", "file", "main", "model", "parser", "processing", "tree", "util"}) {
      cmd.add("-J--add-exports=jdk.compiler/com.sun.tools.javac." + pkg + "=ALL-UNNAMED");
    }
    cmd.add("-J--add-opens=jdk.compiler/com.sun.tools.javac.comp=ALL-UNNAMED");
    // The test class path holds the compiled qualifiers and the checker jar.
    cmd.addAll(List.of(
        "-cp", System.getProperty("java.class.path"),
        "-processor", "org.checkerframework.common.subtyping.SubtypingChecker",
        "-Aquals=" + QUALS,
        "-d", dir.resolve("out").toString(),
        src.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Compile(p.waitFor(), out);
  }

  @Test
  void guestPhysicalIntoMachineAddressIsACompileError() throws Exception {
    Compile c = compile("Wrong", """
        import disco.spec.addr.*;
        class Wrong {
          @MachineAddr long translate(@GuestPhysical long gpa) {
            @MachineAddr long ma = gpa;   // the bug the qualifiers exist to catch
            return ma;
          }
        }
        """);
    assertNotEquals(0, c.status(), c.output());
    assertTrue(c.output().contains("assignment"), c.output());
    assertTrue(c.output().contains("@GuestPhysical") && c.output().contains("@MachineAddr"), c.output());
  }

  @Test
  void rawNumberIntoGuestVirtualIsACompileError() throws Exception {
    Compile c = compile("Raw", """
        import disco.spec.addr.*;
        class Raw {
          void use(@GuestVirtual long va) {}
          void call(long raw) { use(raw); }
        }
        """);
    assertNotEquals(0, c.status(), c.output());
    assertTrue(c.output().contains("argument"), c.output());
  }

  @Test
  void sanctionedConversionCompiles() throws Exception {
    Compile c = compile("Right", """
        import disco.spec.addr.*;
        class Right {
          @MachineAddr long translate(@GuestPhysical long gpa, long pmapBase) {
            @MachineAddr long ma = Addresses.machine(pmapBase + (gpa & 0xfff));
            return ma;
          }
        }
        """);
    assertEquals(0, c.status(), c.output());
  }
}
