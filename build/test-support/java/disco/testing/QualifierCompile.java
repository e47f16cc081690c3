package disco.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles one small source with the Subtyping Checker and the address-space qualifiers on, exactly
 * as the build does, against the test's class path: for tests that show that mixing address spaces
 * is a compile error.
 */
public final class QualifierCompile {
  private static final String QUALS =
      "disco.spec.addr.UnknownAddr,disco.spec.addr.GuestVirtual,disco.spec.addr.GuestPhysical,"
          + "disco.spec.addr.MachineAddr,disco.spec.addr.AddrBottom";

  private QualifierCompile() {}

  /** javac's exit status and everything it printed. */
  public record Result(int status, String output) {}

  /** Compiles {@code source} as class {@code className} in {@code dir}. */
  public static Result compile(Path dir, String className, String source) throws IOException, InterruptedException {
    Path src = dir.resolve(className + ".java");
    Files.writeString(src, source, StandardCharsets.UTF_8);
    Path javac = Paths.get(System.getProperty("java.home"), "bin", "javac");
    List<String> cmd = new ArrayList<>();
    cmd.add(javac.toString());
    for (String pkg : new String[] {"api", "code", "file", "main", "model", "parser", "processing", "tree", "util"}) {
      cmd.add("-J--add-exports=jdk.compiler/com.sun.tools.javac." + pkg + "=ALL-UNNAMED");
    }
    cmd.add("-J--add-opens=jdk.compiler/com.sun.tools.javac.comp=ALL-UNNAMED");
    // Surefire may run tests from a jar whose manifest holds the class path, and then says so here.
    String surefire = System.getProperty("surefire.test.class.path");
    String classpath = surefire != null && !surefire.isEmpty() ? surefire : System.getProperty("java.class.path");
    cmd.addAll(List.of(
        "-cp", classpath,
        "-processor", "org.checkerframework.common.subtyping.SubtypingChecker",
        "-Aquals=" + QUALS,
        "-d", dir.resolve("out").toString(),
        src.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), out);
  }
}
