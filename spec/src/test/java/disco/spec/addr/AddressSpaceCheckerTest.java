package disco.spec.addr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.testing.QualifierCompile;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles small sources with the Subtyping Checker on, exactly as the build does, and shows that
 * mixing address spaces is a compile error while the sanctioned conversions compile.
 */
class AddressSpaceCheckerTest {
  @TempDir Path dir;

  private Compile compile(String className, String source) throws IOException, InterruptedException {
    QualifierCompile.Result r = QualifierCompile.compile(dir, className, source);
    return new Compile(r.status(), r.output());
  }

  record Compile(int status, String output) {}

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
