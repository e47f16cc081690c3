package disco.hw.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rebuilds the vectors from {@code fpu_vectors.c} with the MIPS cross compiler and qemu-mips and
 * checks they are the committed ones: the committed files really are what the oracle says, and
 * the generator still runs. Skips without the tools, except under CI (CI=true), where they are
 * installed and their absence is a failure.
 *
 * <p>To refresh the committed files after changing the generator, run the two commands of
 * {@code fpu_vectors.c}'s header and write their output over {@code fpu_vectors_fr0.txt} and
 * {@code fpu_vectors_fr1.txt}.
 */
@Tag("long")
class FpuVectorRegenerationTest {
  private static final String GCC = "mips-linux-gnu-gcc";
  private static final String QEMU = "qemu-mips";

  @TempDir Path dir;

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }

  private static void requireTool(String tool) {
    if (onPath(tool)) {
      return;
    }
    if ("true".equals(System.getenv("CI"))) {
      fail(tool + " is not on PATH; CI installs it (.ci/run), so this is a broken setup");
    }
    Assumptions.abort(tool + " is not on PATH: skipping the regeneration of the FPU vectors");
  }

  private String run(List<String> cmd) throws IOException, InterruptedException {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", cmd) + " did not finish in 120 s");
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed:\n" + stderr);
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private String generate(boolean fr0) throws IOException, InterruptedException {
    Path src = dir.resolve(FpuVectors.SOURCE);
    Files.writeString(src, FpuVectors.resource(FpuVectors.SOURCE), StandardCharsets.UTF_8);
    Path exe = dir.resolve(fr0 ? "vectors_fr0" : "vectors_fr1");
    List<String> cc = new ArrayList<>(List.of(GCC, "-static", "-O1", "-march=mips32r2"));
    if (fr0) {
      cc.add("-mfp32"); // o32 FP ABI "double": QEMU runs it with FR=0
    } // else the default ABI, FPXX: QEMU 7.2 runs it with FR=1
    cc.addAll(List.of(src.toString(), "-o", exe.toString()));
    run(cc);
    return run(List.of(QEMU, exe.toString()));
  }

  private void regenerate(boolean fr0, String committed) throws Exception {
    requireTool(GCC);
    requireTool(QEMU);
    String fresh = generate(fr0);
    assertTrue(fresh.startsWith("# qemu-mips COP1 vectors, FR=" + (fr0 ? 0 : 1)), fresh.lines().findFirst().orElse(""));
    String old = FpuVectors.resource(committed);
    if (!fresh.equals(old)) {
      List<String> a = fresh.lines().toList();
      List<String> b = old.lines().toList();
      int i = 0;
      while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
        i++;
      }
      fail(committed + " differs from what qemu-mips says now, first at line " + (i + 1) + ":\n  committed: "
          + (i < b.size() ? b.get(i) : "(end)") + "\n  qemu-mips: " + (i < a.size() ? a.get(i) : "(end)"));
    }
  }

  @Test
  void fr0VectorsAreWhatQemuSays() throws Exception {
    regenerate(true, FpuVectors.FR0);
  }

  @Test
  void fr1VectorsAreWhatQemuSays() throws Exception {
    regenerate(false, FpuVectors.FR1);
  }
}
