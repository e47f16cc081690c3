import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The end-of-build summary of what ran and, above all, what did not: every skipped test grouped by
 * its reason, and the tests that the build's tag filter left out. Reads the Surefire XML reports
 * that this build wrote (those modified since {@code --since}), so a skipped oracle is never
 * mistaken for a passed one.
 *
 * <pre>
 * java build/TestSummary.java ROOT [--since ISO-INSTANT|EPOCH-SECONDS] [--excluded-groups TAGS]
 *                                   [--strict ALLOWED-SKIPS-FILE]
 * </pre>
 *
 * <p>With {@code --strict}, a skip whose message matches none of the regular expressions in the
 * file is an error (exit status 1): the full test command, on a machine it has set up, skips
 * nothing else.
 */
public final class TestSummary {
  private record Skip(String module, String test, String reason) {}

  private record ModuleCounts(int tests, int failures, int errors, int skipped) {
    ModuleCounts plus(ModuleCounts o) {
      return new ModuleCounts(
          tests + o.tests, failures + o.failures, errors + o.errors, skipped + o.skipped);
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: TestSummary ROOT [--since T] [--excluded-groups TAGS] [--strict FILE]");
      System.exit(2);
    }
    Path root = Path.of(args[0]);
    Instant since = Instant.EPOCH;
    String excludedGroups = "";
    Path strict = null;
    for (int i = 1; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        System.err.println("TestSummary: " + args[i] + " needs a value");
        System.exit(2);
      }
      String value = args[i + 1];
      switch (args[i]) {
        case "--since" -> since = value.matches("\\d+") ? Instant.ofEpochSecond(Long.parseLong(value)) : Instant.parse(value);
        case "--excluded-groups" -> excludedGroups = value;
        case "--strict" -> strict = Path.of(value);
        default -> {
          System.err.println("TestSummary: unknown option " + args[i]);
          System.exit(2);
        }
      }
    }

    Map<String, ModuleCounts> counts = new TreeMap<>();
    List<Skip> skips = new ArrayList<>();
    for (Path report : reports(root, since)) {
      String module = root.relativize(report).getName(0).toString();
      readReport(report, module, counts, skips);
    }

    System.out.println();
    System.out.println("==== Test summary (Surefire reports written by this build) ====");
    if (counts.isEmpty()) {
      System.out.println("No test reports were written by this build (tests skipped with -DskipTests?).");
    } else {
      System.out.printf("%-20s %7s %7s %7s %7s%n", "module", "tests", "failed", "errors", "skipped");
      ModuleCounts total = new ModuleCounts(0, 0, 0, 0);
      for (Map.Entry<String, ModuleCounts> e : counts.entrySet()) {
        ModuleCounts c = e.getValue();
        System.out.printf("%-20s %7d %7d %7d %7d%n", e.getKey(), c.tests, c.failures, c.errors, c.skipped);
        total = total.plus(c);
      }
      System.out.printf("%-20s %7d %7d %7d %7d%n", "all", total.tests, total.failures, total.errors, total.skipped);
    }

    if (skips.isEmpty()) {
      System.out.println("Skipped: none.");
    } else {
      System.out.println("Skipped, by reason (a skipped test proves nothing):");
      Map<String, List<Skip>> byReason = new TreeMap<>();
      for (Skip s : skips) {
        byReason.computeIfAbsent(generalize(s.reason), k -> new ArrayList<>()).add(s);
      }
      for (Map.Entry<String, List<Skip>> e : byReason.entrySet()) {
        List<Skip> group = e.getValue();
        System.out.printf("  %4d  %s%n", group.size(), e.getKey());
        List<String> names = group.stream().map(s -> s.module + ": " + s.test).limit(6).toList();
        for (String n : names) {
          System.out.println("          " + n);
        }
        if (group.size() > names.size()) {
          System.out.println("          ... and " + (group.size() - names.size()) + " more");
        }
      }
    }

    List<String> excluded = List.of(excludedGroups.trim().split("\\s*,\\s*"));
    if (excluded.contains("long")) {
      List<String> longTests = taggedLong(root);
      System.out.println(
          "Not run: tests tagged \"long\" (excluded by this build): " + longTests.size()
              + " test classes or methods in " + String.join(", ", longTests)
              + ". ./test.sh runs them.");
    }

    if (strict != null) {
      List<Pattern> allowed = new ArrayList<>();
      for (String line : Files.readAllLines(strict)) {
        String l = line.strip();
        if (!l.isEmpty() && !l.startsWith("#")) {
          allowed.add(Pattern.compile(l));
        }
      }
      List<Skip> unexpected =
          skips.stream().filter(s -> allowed.stream().noneMatch(p -> p.matcher(s.reason).find())).toList();
      if (!unexpected.isEmpty()) {
        System.out.println(
            "FAILED: " + unexpected.size() + " test(s) skipped for a reason not listed in " + strict
                + ": this command must skip nothing else on a machine it has set up.");
        for (Skip s : unexpected) {
          System.out.println("  " + s.module + ": " + s.test + ": " + s.reason);
        }
        System.exit(1);
      }
      System.out.println("Every skip is one of the documented exceptions in " + strict + ".");
    }
  }

  /** The Surefire XML reports under every module's target/, written at or after {@code since}. */
  private static List<Path> reports(Path root, Instant since) throws IOException {
    List<Path> found = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.sorted().toList()) {
        Path dir = module.resolve("target/surefire-reports");
        if (!Files.isDirectory(dir)) {
          continue;
        }
        try (Stream<Path> files = Files.list(dir)) {
          for (Path f : files.sorted().toList()) {
            String name = f.getFileName().toString();
            if (name.startsWith("TEST-") && name.endsWith(".xml")
                && !Files.getLastModifiedTime(f).toInstant().isBefore(since)) {
              found.add(f);
            }
          }
        }
      }
    }
    return found;
  }

  private static void readReport(
      Path report, String module, Map<String, ModuleCounts> counts, List<Skip> skips) throws Exception {
    Element suite =
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile()).getDocumentElement();
    ModuleCounts c =
        new ModuleCounts(
            intAttr(suite, "tests"), intAttr(suite, "failures"), intAttr(suite, "errors"), intAttr(suite, "skipped"));
    counts.merge(module, c, ModuleCounts::plus);
    NodeList cases = suite.getElementsByTagName("testcase");
    for (int i = 0; i < cases.getLength(); i++) {
      Element testcase = (Element) cases.item(i);
      NodeList skipped = testcase.getElementsByTagName("skipped");
      if (skipped.getLength() == 0) {
        continue;
      }
      Element s = (Element) skipped.item(0);
      String reason = s.getAttribute("message");
      if (reason.isBlank()) {
        reason = s.getTextContent().strip();
      }
      if (reason.isBlank()) {
        reason = "(no reason given: @Disabled?)";
      }
      // Surefire may prefix the reason with the exception's class name.
      reason = reason.replaceFirst("^[\\w.$]+(Exception|Error): ", "");
      String clazz = testcase.getAttribute("classname");
      String simple = clazz.substring(clazz.lastIndexOf('.') + 1);
      skips.add(new Skip(module, simple + "." + testcase.getAttribute("name"), reason.lines().findFirst().orElse("")));
    }
  }

  private static int intAttr(Element e, String name) {
    String v = e.getAttribute(name);
    return v.isEmpty() ? 0 : Integer.parseInt(v);
  }

  /** Groups reasons that differ only in a seed or a number ("seed 17 skipped: ..."). */
  private static String generalize(String reason) {
    return reason.replaceAll("^seed \\d+ skipped: ", "seed N skipped: ");
  }

  /** The test classes (or methods) carrying {@code @Tag("long")}, by source file. */
  private static List<String> taggedLong(Path root) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/test/"))
          .sorted().toList()) {
        String text = Files.readString(f);
        int n = text.split("Tag\\(\"long\"\\)", -1).length - 1;
        if (n > 0) {
          String name = f.getFileName().toString().replace(".java", "");
          names.add(n == 1 ? name : name + " (" + n + ")");
        }
      }
    }
    return names;
  }
}
