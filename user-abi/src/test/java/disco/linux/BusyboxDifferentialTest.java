package disco.linux;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.testing.GuestPrograms;
import disco.hw.Endianness;
import disco.testing.Qemu;
import disco.testing.ScratchDirectory;
import disco.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A third-party program, Debian 12's static busybox for mipsel (fetched by {@code
 * build/fetch-third-party.sh}), run by {@code disco exec}'s runner and by qemu-mipsel with the
 * same arguments, standard input, empty environment and working directory (a scratch directory
 * holding the same files, which is also the model's root): standard output, standard error, exit
 * status and the files left behind are compared.
 *
 * <p>Every invocation must match except those of {@link #KNOWN}, each with the reason it cannot,
 * and each of those must still differ (so that the table in docs/hw-model.md, which this test
 * writes to {@code target/busybox-table.md}, stays true).
 */
@Tag("long")
class BusyboxDifferentialTest {
  static final long INSTRUCTION_LIMIT = 2_000_000_000L;
  static final Duration QEMU_TIMEOUT = Duration.ofSeconds(20);

  /** One invocation: its name, argv[1..] and standard input. */
  record Invocation(String name, List<String> args, String stdin) {}

  static Invocation input(String name, String stdin, String... args) {
    return new Invocation(name, List.of(args), stdin);
  }

  static Invocation run(String name, String... args) {
    return new Invocation(name, List.of(args), "");
  }

  static Invocation sh(String name, String script) {
    return new Invocation(name, List.of("sh", "-c", script), "");
  }

  static final String WORDS = "pear\napple\nbanana\ncherry\napple\ndate\nfig\n";

  static final List<Invocation> INVOCATIONS = List.of(
      run("echo", "echo", "hello", "world"),
      run("printf", "printf", "%05d|%-4s|%x\\n", "42", "ab", "255"),
      run("true", "true"),
      run("false", "false"),
      sh("sh -c echo", "echo hi"),
      sh("sh arithmetic", "x=6; y=7; echo $((x*y)) $((x<<3)) $((y%4))"),
      sh("sh loop and test", "for i in 1 2 3; do if [ $i -ge 2 ]; then echo big $i; else echo small $i; fi; done"),
      sh("sh exit status", "exit 7"),
      sh("sh redirection", "echo one > out.txt; echo two >> out.txt; read a < out.txt; echo got $a"),
      sh("sh cd and pwd", "cd dir && pwd && cd .. && pwd"),
      sh("sh test -f -d", "[ -f words.txt ] && [ -d dir ] && [ ! -e missing ] && echo ok"),
      new Invocation("sh read loop", List.of("sh", "-c", "n=0; while read w; do n=$((n+1)); echo \"$n:$w\"; done; echo total $n"), WORDS),
      sh("sh functions and case", "f() { case $1 in a*) echo starts with a: $1;; *) echo other: $1;; esac; }; f apple; f pear"),
      sh("sh set and shift", "set -- a b c; echo $# $2; shift; echo $@"),
      sh("sh command substitution", "echo [$(echo inner)]"),
      sh("sh pipeline", "echo hi | tr a-z A-Z"),
      sh("sh external command", "cat words.txt"),
      run("cat file", "cat", "words.txt"),
      input("cat stdin", WORDS, "cat"),
      run("cat missing file", "cat", "missing.txt"),
      run("sort", "sort", "words.txt"),
      run("sort -n -r", "sort", "-n", "-r", "numbers.txt"),
      input("sort -u stdin", WORDS, "sort", "-u"),
      run("uniq -c", "uniq", "-c", "sorted.txt"),
      run("wc", "wc", "words.txt", "numbers.txt"),
      input("wc -l stdin", WORDS, "wc", "-l"),
      run("md5sum", "md5sum", "words.txt", "numbers.txt"),
      run("sha1sum", "sha1sum", "words.txt"),
      run("sha256sum", "sha256sum", "words.txt"),
      run("sha256sum -c", "sha256sum", "-c", "sums.txt"),
      run("cksum", "cksum", "words.txt"),
      run("sed substitute", "sed", "s/a/A/g", "words.txt"),
      run("sed range", "sed", "-n", "2,4p", "words.txt"),
      run("sed -i", "sed", "-i", "s/apple/APPLE/", "words.txt"),
      run("awk sum", "awk", "{ s += $1 } END { print s, NR }", "numbers.txt"),
      run("awk fields", "awk", "-F,", "{ print $2 \":\" $1 }", "table.csv"),
      run("awk printf", "awk", "BEGIN { for (i = 1; i <= 5; i++) printf \"%d^2=%d\\n\", i, i*i }"),
      run("grep -n", "grep", "-n", "an", "words.txt"),
      run("grep -c -v", "grep", "-c", "-v", "a", "words.txt"),
      run("grep -r", "grep", "-r", "deep", "dir"),
      run("grep no match", "grep", "kiwi", "words.txt"),
      input("tr", "Hello, World\n", "tr", "a-zA-Z", "n-za-mN-ZA-M"),
      run("cut", "cut", "-d,", "-f2", "table.csv"),
      run("head", "head", "-n", "3", "words.txt"),
      run("tail", "tail", "-n", "2", "words.txt"),
      run("tail -c", "tail", "-c", "7", "words.txt"),
      run("tac", "tac", "words.txt"),
      run("rev", "rev", "words.txt"),
      run("nl", "nl", "words.txt"),
      run("fold", "fold", "-w", "3", "words.txt"),
      run("paste", "paste", "-d:", "words.txt", "numbers.txt"),
      run("expr", "expr", "3", "+", "4", "*", "5"),
      run("expr length", "expr", "length", "disco"),
      run("seq", "seq", "1", "3", "12"),
      run("seq down", "seq", "5", "-1", "1"),
      run("factor", "factor", "360", "97", "1001"),
      run("od -c", "od", "-c", "words.txt"),
      run("od -x", "od", "-A", "x", "-t", "x1", "numbers.txt"),
      run("hexdump -C", "hexdump", "-C", "table.csv"),
      run("base64", "base64", "words.txt"),
      run("gzip -c", "gzip", "-c", "words.txt"),
      run("gunzip -c", "gunzip", "-c", "archive.gz"),
      run("gzip file", "gzip", "numbers.txt"),
      run("ls", "ls"),
      run("ls -a dir", "ls", "-a", "dir"),
      run("ls -R", "ls", "-R"),
      run("ls -ln", "ls", "-ln", "dir"),
      run("ls -l", "ls", "-l", "words.txt"),
      run("find", "find", "dir"),
      run("find -name", "find", ".", "-name", "*.txt"),
      run("find -type d", "find", ".", "-type", "d"),
      run("stat -c", "stat", "-c", "%n %s %a %F %h", "words.txt", "dir", "link"),
      run("du -s", "du", "-s", "dir"),
      run("readlink", "readlink", "link"),
      run("realpath", "realpath", "dir/sub/../deep.txt"),
      run("basename dirname", "basename", "/a/b/c.txt", ".txt"),
      run("mkdir -p", "mkdir", "-p", "made/a/b"),
      run("rmdir", "rmdir", "empty"),
      run("cp", "cp", "words.txt", "copy.txt"),
      run("cp -r", "cp", "-r", "dir", "dir2"),
      run("mv", "mv", "table.csv", "dir/moved.csv"),
      run("rm", "rm", "numbers.txt"),
      run("rm -r", "rm", "-r", "dir"),
      run("rm missing", "rm", "missing"),
      run("ln -s", "ln", "-s", "words.txt", "newlink"),
      run("touch", "touch", "new.txt"),
      run("cmp differ", "cmp", "words.txt", "sorted.txt"),
      run("diff", "diff", "words.txt", "sorted.txt"),
      run("tar create", "tar", "-cf", "out.tar", "dir"),
      run("tar list", "tar", "-tf", "fixture.tar"),
      run("tar extract", "tar", "-xf", "fixture.tar"),
      run("uname", "uname", "-s", "-m"),
      run("env", "env"),
      run("id", "id"),
      run("sleep", "sleep", "0.01"),
      run("date -u -d", "date", "-u", "-d", "@86400"),
      run("bad applet", "no-such-applet"));

  /** Invocations that cannot match, each with the reason; every other must match. */
  static final Map<String, String> KNOWN = knownMismatches();

  private static Map<String, String> knownMismatches() {
    Map<String, String> m = new LinkedHashMap<>();
    String noFork = "needs fork (clone), which the model does not have: one process, no children";
    m.put("sh command substitution", noFork);
    m.put("sh pipeline", noFork);
    m.put("sh external command", "needs execve of another program (ash runs a lone external command"
        + " by exec, without fork), which the model does not have");
    String names = "user and group names come from /etc/passwd and /etc/group, which lie outside the"
        + " root (EACCES), so the numbers are shown instead (`--root /` would show the names)";
    m.put("ls -l", names);
    m.put("tar create", "the archive's owner and group names: " + names);
    m.put("id", names);
    return m;
  }

  @Test
  void busyboxBehavesAsUnderQemu() throws Exception {
    Path busybox = busybox();
    List<String> matched = new ArrayList<>();
    Map<String, String> differ = new LinkedHashMap<>();
    for (Invocation inv : INVOCATIONS) {
      compare(busybox, inv).ifPresentOrElse(m -> differ.put(inv.name(), m), () -> matched.add(inv.name()));
    }
    writeTable(busybox, matched, differ);
    List<String> problems = new ArrayList<>();
    differ.forEach((name, m) -> {
      if (!KNOWN.containsKey(name)) {
        problems.add(name + ":\n" + m);
      }
    });
    for (String name : KNOWN.keySet()) {
      if (matched.contains(name)) {
        problems.add(name + ": listed as a known mismatch but matches now; remove it from KNOWN");
      }
    }
    assertTrue(problems.isEmpty(), matched.size() + " of " + INVOCATIONS.size() + " match; "
        + String.join("\n\n", problems));
  }

  /** What differs between qemu-mipsel and the model for {@code inv}, or empty. */
  static Optional<String> compare(Path busybox, Invocation inv) throws Exception {
    byte[] stdin = inv.stdin().getBytes(StandardCharsets.UTF_8);
    Path scratch = ScratchDirectory.fresh("busybox-" + inv.name());
    fixture(scratch);
    Qemu.Result q = Qemu.run(busybox, inv.args(), stdin, QEMU_TIMEOUT, Map.of(), scratch);
    assertFalse(q.timedOut(), inv.name() + " did not finish under qemu in " + QEMU_TIMEOUT);
    SortedMap<String, String> qemuFiles = ScratchDirectory.contents(scratch);
    ScratchDirectory.clear(scratch);
    fixture(scratch);
    ExecResult model = LinuxRunner.run(new ExecRequest(busybox, inv.args(), List.of(), stdin,
        Endianness.LITTLE, INSTRUCTION_LIMIT).in(scratch, scratch));
    List<String> problems = new ArrayList<>();
    Differential.mismatch(Differential.ofQemu(q), Differential.ofModel(model, INSTRUCTION_LIMIT), true)
        .ifPresent(problems::add);
    SortedMap<String, String> modelFiles = ScratchDirectory.contents(scratch);
    if (!qemuFiles.equals(modelFiles)) {
      problems.add("files left behind: qemu " + qemuFiles + "\n  model " + modelFiles);
    }
    if (!model.unknownCalls().isEmpty()) {
      problems.add("system calls not served: " + model.unknownCalls());
    }
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", problems));
  }

  /** The files every invocation starts with, their times fixed so that listings agree. */
  static void fixture(Path dir) throws Exception {
    Files.writeString(dir.resolve("words.txt"), WORDS);
    Files.writeString(dir.resolve("sorted.txt"), "apple\napple\nbanana\ncherry\ndate\nfig\npear\n");
    Files.writeString(dir.resolve("numbers.txt"), "10\n3\n25\n-4\n7\n100\n");
    Files.writeString(dir.resolve("table.csv"), "one,1\ntwo,2\nthree,3\n");
    byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(WORDS.getBytes(StandardCharsets.UTF_8));
    Files.writeString(dir.resolve("sums.txt"), java.util.HexFormat.of().formatHex(sha) + "  words.txt\n"
        + "0000000000000000000000000000000000000000000000000000000000000000  numbers.txt\n");
    Files.createDirectories(dir.resolve("dir/sub"));
    Files.createDirectories(dir.resolve("empty"));
    Files.writeString(dir.resolve("dir/deep.txt"), "a deep line\n");
    Files.writeString(dir.resolve("dir/sub/deeper.txt"), "deeper still\n");
    Files.createSymbolicLink(dir.resolve("link"), Path.of("words.txt"));
    try (GZIPOutputStream z = new GZIPOutputStream(Files.newOutputStream(dir.resolve("archive.gz")))) {
      z.write("compressed text\n".repeat(20).getBytes(StandardCharsets.US_ASCII));
    }
    Files.write(dir.resolve("fixture.tar"), Tar.of(Map.of("t/one.txt", "first\n", "t/two.txt", "second\n")));
    FileTime t = FileTime.from(Instant.parse("2024-01-01T12:00:00Z"));
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (!Files.isSymbolicLink(p) && !p.equals(dir)) {
          Files.setLastModifiedTime(p, t);
        }
      }
    }
  }

  /** Busybox, fetched by build/fetch-third-party.sh if it is not already there. */
  static Path busybox() throws Exception {
    Tools.require("qemu-mipsel");
    Path script = GuestPrograms.directory().resolve("../../build/fetch-third-party.sh").normalize();
    Process p = new ProcessBuilder("bash", script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
      Tools.missing("busybox for mipsel (build/fetch-third-party.sh failed)");
    }
    Path bb = Path.of(out);
    assertTrue(Files.isExecutable(bb), bb + " is not executable");
    return bb;
  }

  /** The table of docs/hw-model.md, written to target/busybox-table.md. */
  static void writeTable(Path busybox, List<String> matched, Map<String, String> differ) throws IOException {
    StringBuilder b = new StringBuilder();
    Path version = busybox.getParent().getParent().resolve("VERSION");
    String v = Files.exists(version) ? Files.readString(version).strip() : "?";
    b.append("busybox-static ").append(v).append(" (mipsel): ").append(matched.size()).append(" of ")
        .append(INVOCATIONS.size()).append(" invocations match\n\n");
    b.append("| invocation | arguments | result |\n|---|---|---|\n");
    for (Invocation inv : INVOCATIONS) {
      String result = matched.contains(inv.name()) ? "same"
          : "differs: " + KNOWN.getOrDefault(inv.name(), "(unexplained) " + differ.get(inv.name()))
              .replace("\n", " ").replace("|", "\\|");
      b.append("| ").append(inv.name()).append(" | `").append(String.join(" ", inv.args()).replace("|", "\\|"))
          .append(inv.stdin().isEmpty() ? "" : " < input").append("` | ").append(result).append(" |\n");
    }
    Files.writeString(Path.of("target", "busybox-table.md"), b.toString());
  }

  /** A ustar archive (POSIX.1-1988) of text files, fixed owner and time, built without tools. */
  static final class Tar {
    private Tar() {}

    static byte[] of(Map<String, String> files) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(files).entrySet()) {
        byte[] data = e.getValue().getBytes(StandardCharsets.US_ASCII);
        byte[] h = new byte[512];
        put(h, 0, e.getKey());
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", data.length));
        put(h, 136, String.format("%011o", 1_704_110_400L));
        h[156] = '0';
        put(h, 257, "ustar");
        put(h, 263, "00");
        java.util.Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte c : h) {
          sum += c & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        out.write(h);
        out.write(data);
        out.write(new byte[(512 - data.length % 512) % 512]);
      }
      out.write(new byte[1024]);
      return out.toByteArray();
    }

    private static void put(byte[] h, int at, String s) {
      byte[] b = s.getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(b, 0, h, at, b.length);
    }
  }
}
