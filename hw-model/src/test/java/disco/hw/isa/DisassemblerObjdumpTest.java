package disco.hw.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import disco.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test of {@link Disassembler} against GNU objdump: every instruction objdump lists
 * for (1) a static glibc executable built from {@code objdump_probe.c} with {@code
 * mips-linux-gnu-gcc -static -O2 -march=mips32r2 ... -lm}, and (2) the object assembled from
 * {@code objdump_rare.s} (privileged and rare instructions glibc lacks) with {@code
 * mips-linux-gnu-as -march=mips32r2}, is disassembled again by {@link Disassembler} from the same
 * word and address, and the two texts must agree.
 *
 * <p>Source of truth: {@code mips-linux-gnu-objdump -d} without {@code -M} options. Every line of
 * the form {@code "  4001a0:\t27bdffe0 \taddiu\tsp,sp,-32"} is an instruction: address, word,
 * text. objdump abbreviates a run of zero words to a line {@code "\t..."}; those words are not
 * listed and therefore not compared (they are all {@code nop}, which is compared elsewhere). An
 * address-prefixed line of any other shape fails the test, so the parser cannot silently drop
 * instructions.
 *
 * <p>Normalisation, applied identically to objdump's text and to ours before comparing:
 *
 * <ol>
 *   <li>remove every {@code <symbol+0x...>} annotation with the whitespace before it (objdump's
 *       symbolic form of a branch target; the disassembler has no symbol table and prints the
 *       bare absolute address, which objdump prints too);
 *   <li>remove a trailing comment, {@code #} to the end of the line, with the whitespace before it;
 *   <li>collapse each run of whitespace (the tab after the mnemonic included) to one space, and
 *       trim.
 * </ol>
 *
 * <p>Expected result: 100% agreement on both inputs; there are no known exceptions.
 *
 * <p>Needs {@code mips-linux-gnu-gcc}, {@code mips-linux-gnu-as} and {@code mips-linux-gnu-objdump}
 * (see {@link Tools#require}: skipped without them, a failure in CI).
 */
class DisassemblerObjdumpTest {
  /** An objdump instruction line: address, the word in hex, the text after the word. */
  private static final Pattern INSN_LINE =
      Pattern.compile("^ *([0-9a-f]+):\t([0-9a-f]{8}) \t(.*)$");

  /** Anything that starts like an instruction line; must then match {@link #INSN_LINE}. */
  private static final Pattern ADDRESS_LINE = Pattern.compile("^ *[0-9a-f]+:\t.*");

  private static final Pattern SYMBOL = Pattern.compile("\\s*<[^>]*>");
  private static final Pattern COMMENT = Pattern.compile("\\s*#.*$");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  private static final int MISMATCHES_SHOWN = 30;

  /** Process time limit: generous for a loaded machine; the whole test takes ~2 s. */
  private static final long TOOL_TIMEOUT_SECONDS = 120;

  @Test
  void agreesWithObjdumpOnEveryInstructionOfAStaticGlibcExecutable(
      @TempDir Path dir, TestReporter reporter) throws Exception {
    Path gcc = Tools.require("mips-linux-gnu-gcc");
    Path objdump = Tools.require("mips-linux-gnu-objdump");
    Path source = copyResource("objdump_probe.c", dir);
    Path probe = dir.resolve("probe");
    run(dir, gcc.toString(), "-static", "-O2", "-march=mips32r2", "-o", probe.toString(),
        source.toString(), "-lm");

    Comparison c = compare(parse(run(dir, objdump.toString(), "-d", probe.toString())));
    c.report("static glibc executable", reporter);

    // A static glibc+libm link is well over 100k instructions; far fewer means the listing was
    // not what this test thinks it is.
    assertTrue(c.total > 50_000, "only " + c.total + " instructions parsed");
    assertEquals(c.total, c.matched, c.summary("static glibc executable"));
  }

  @Test
  void agreesWithObjdumpOnPrivilegedAndRareInstructions(@TempDir Path dir, TestReporter reporter)
      throws Exception {
    Path as = Tools.require("mips-linux-gnu-as");
    Path objdump = Tools.require("mips-linux-gnu-objdump");
    Path source = copyResource("objdump_rare.s", dir);
    Path object = dir.resolve("rare.o");
    run(dir, as.toString(), "-march=mips32r2", "-o", object.toString(), source.toString());

    Comparison c = compare(parse(run(dir, objdump.toString(), "-d", object.toString())));
    c.report("objdump_rare.s", reporter);

    assertTrue(c.total > 300, "only " + c.total + " instructions parsed");
    assertEquals(c.total, c.matched, c.summary("objdump_rare.s"));
  }

  /** The normalisation described in the class comment. */
  static String normalise(String text) {
    String s = SYMBOL.matcher(text).replaceAll("");
    s = COMMENT.matcher(s).replaceAll("");
    return SPACE.matcher(s.trim()).replaceAll(" ");
  }

  private record Listed(int address, int word, String text) {}

  private static List<Listed> parse(String listing) {
    List<Listed> out = new ArrayList<>();
    List<String> unparsed = new ArrayList<>();
    for (String line : listing.split("\n", -1)) {
      Matcher m = INSN_LINE.matcher(line);
      if (m.matches()) {
        out.add(new Listed(
            (int) Long.parseLong(m.group(1), 16),
            Integer.parseUnsignedInt(m.group(2), 16),
            m.group(3)));
      } else if (ADDRESS_LINE.matcher(line).matches()) {
        unparsed.add(line);
      }
    }
    if (!unparsed.isEmpty()) {
      fail("objdump lines of unexpected shape: " + unparsed.subList(0, Math.min(10, unparsed.size())));
    }
    return out;
  }

  private static final class Comparison {
    int total;
    int matched;
    final List<String> mismatches = new ArrayList<>();

    String summary(String what) {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format("objdump agreement on %s: %d/%d (%.3f%%)", what, matched, total,
          total == 0 ? 0.0 : 100.0 * matched / total));
      int shown = Math.min(MISMATCHES_SHOWN, mismatches.size());
      if (shown > 0) {
        sb.append("; first ").append(shown).append(" mismatches (word: objdump | ours):");
        for (String m : mismatches.subList(0, shown)) {
          sb.append("\n  ").append(m);
        }
      }
      return sb.toString();
    }

    void report(String what, TestReporter reporter) {
      String s = summary(what);
      reporter.publishEntry("objdump", s);
      System.err.println(s);
    }
  }

  private static Comparison compare(List<Listed> listing) {
    Comparison c = new Comparison();
    for (Listed l : listing) {
      String expected = normalise(l.text());
      String actual = normalise(Disassembler.disassemble(l.word(), l.address()));
      c.total++;
      if (expected.equals(actual)) {
        c.matched++;
      } else {
        c.mismatches.add(String.format("%08x @%08x: %s | %s", l.word(), l.address(), expected,
            actual));
      }
    }
    return c;
  }

  private static Path copyResource(String name, Path dir) throws IOException {
    Path target = dir.resolve(name);
    try (InputStream in = DisassemblerObjdumpTest.class.getResourceAsStream(name)) {
      Files.copy(Objects.requireNonNull(in, "test resource " + name), target);
    }
    return target;
  }

  /** Runs a command in {@code dir}; its standard output, or a test failure with its stderr. */
  private static String run(Path dir, String... command) throws IOException, InterruptedException {
    // Output goes to files, not pipes: objdump writes megabytes, which would fill a pipe and
    // block the child while this thread waits for it.
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .start();
    if (!p.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", command) + ": no result after " + TOOL_TIMEOUT_SECONDS + " s");
    }
    if (p.exitValue() != 0) {
      fail(String.join(" ", command) + ": exit status " + p.exitValue() + "\n"
          + Files.readString(err, StandardCharsets.UTF_8));
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
