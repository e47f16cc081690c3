package disco.linux;

import static org.junit.jupiter.api.Assertions.fail;

import disco.testing.Qemu;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The comparison at the heart of the differential tests: what qemu-mips (the oracle) observed
 * against what another runner (the model) observed, reported as the first differences a person
 * needs to start debugging.
 */
final class Differential {
  private Differential() {}

  /**
   * What one runner observed of one run.
   *
   * @param runner a name for messages ("qemu", "model")
   * @param status the shell-style status (128 + MIPS signal number for a fatal signal)
   * @param stdout everything written to fd 1
   * @param stderr what the program wrote to fd 2; for a fatal signal, the runner may append its own
   *     report (qemu's is removed already, the model's is allowed after the program's text)
   * @param fatal whether a signal ended the program
   * @param note extra context for messages (the model's fatal report, an instruction limit), or
   *     empty
   */
  record Outcome(
      String runner, int status, byte[] stdout, byte[] stderr, boolean fatal, String note) {}

  static Outcome ofQemu(Qemu.Result r) {
    return new Outcome(
        "qemu",
        r.guestStatus(),
        r.stdout(),
        r.programStderr(),
        r.targetSignal().isPresent(),
        r.targetSignal().isPresent() ? "target signal " + r.targetSignal().getAsInt() : "");
  }

  static Outcome ofModel(ExecResult r, long instructionLimit) {
    String note;
    if (instructionLimit > 0
        && r.exitStatus() == ExecResult.LIMIT_STATUS
        && r.instructions() >= instructionLimit) {
      note = "stopped at its instruction limit of " + instructionLimit;
    } else if (r.fatalReport() != null) {
      note = r.fatalReport() + " after " + r.instructions() + " instructions";
    } else {
      note = r.instructions() + " instructions";
    }
    return new Outcome(
        "model", r.exitStatus(), r.stdout(), r.stderr(), r.fatalReport() != null, note);
  }

  /** Fails the test with {@link #mismatch}'s description if there is one. */
  static void assertSame(Outcome oracle, Outcome candidate, boolean compareStderr) {
    mismatch(oracle, candidate, compareStderr).ifPresent(m -> fail(m));
  }

  /**
   * How {@code candidate} differs from {@code oracle}: exit status, stdout, and (if asked) stderr;
   * empty if it does not. When the oracle died of a signal, the candidate's stderr need only start
   * with the program's stderr, since a runner adds its own report of the fault after it.
   */
  static Optional<String> mismatch(Outcome oracle, Outcome candidate, boolean compareStderr) {
    List<String> problems = new ArrayList<>();
    if (oracle.status() != candidate.status()) {
      problems.add(
          "exit status: "
              + oracle.runner() + " " + describe(oracle)
              + ", " + candidate.runner() + " " + describe(candidate));
    }
    if (!Arrays.equals(oracle.stdout(), candidate.stdout())) {
      problems.add(
          "stdout " + firstDifference(oracle, candidate, oracle.stdout(), candidate.stdout()));
    }
    if (compareStderr) {
      byte[] want = oracle.stderr();
      byte[] got = candidate.stderr();
      if (oracle.fatal() && candidate.fatal() && got.length >= want.length) {
        got = Arrays.copyOf(got, want.length); // the candidate's own report may follow
      }
      if (!Arrays.equals(want, got)) {
        problems.add("stderr " + firstDifference(oracle, candidate, want, got));
      }
    }
    if (problems.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(String.join("\n", problems));
  }

  private static String describe(Outcome o) {
    return o.status() + (o.note().isEmpty() ? "" : " (" + o.note() + ")");
  }

  /** "differs at line N:" and the two lines, or which output ends early. */
  static String firstDifference(Outcome a, Outcome b, byte[] x, byte[] y) {
    // ISO-8859-1 keeps every byte as one char, so the comparison stays byte-exact.
    List<String> xs = lines(new String(x, StandardCharsets.ISO_8859_1));
    List<String> ys = lines(new String(y, StandardCharsets.ISO_8859_1));
    int n = Math.min(xs.size(), ys.size());
    int i = 0;
    while (i < n && xs.get(i).equals(ys.get(i))) {
      i++;
    }
    String width = "%-" + Math.max(a.runner().length(), b.runner().length()) + "s";
    StringBuilder m = new StringBuilder();
    m.append("differs at line ").append(i + 1).append(":");
    m.append("\n  ").append(String.format(width, a.runner())).append(": ")
        .append(i < xs.size() ? show(xs.get(i)) : "(no more output)");
    m.append("\n  ").append(String.format(width, b.runner())).append(": ")
        .append(i < ys.size() ? show(ys.get(i)) : "(no more output)");
    m.append("\n  (").append(a.runner()).append(" wrote ").append(x.length).append(" bytes in ")
        .append(xs.size()).append(" lines, ").append(b.runner()).append(" ").append(y.length)
        .append(" bytes in ").append(ys.size()).append(")");
    return m.toString();
  }

  /** Lines, each with its newline if it had one, so "a" and "a\n" differ. */
  private static List<String> lines(String s) {
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start < s.length()) {
      int nl = s.indexOf('\n', start);
      int end = nl < 0 ? s.length() : nl + 1;
      out.add(s.substring(start, end));
      start = end;
    }
    return out;
  }

  /** A line quoted, with control and non-ASCII bytes escaped, and cut at 300 characters. */
  private static String show(String line) {
    StringBuilder b = new StringBuilder("\"");
    int i = 0;
    for (; i < line.length() && b.length() < 300; i++) {
      char c = line.charAt(i);
      if (c == '\n') {
        b.append("\\n");
      } else if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c >= 0x7f) {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    if (i < line.length()) {
      b.append("...");
    }
    return b.append('"').toString();
  }
}
