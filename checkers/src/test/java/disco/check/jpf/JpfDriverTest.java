package disco.check.jpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.check.engine.Counterexample;
import disco.check.engine.Explorer;
import disco.check.engine.Harness;
import disco.check.engine.Options;
import disco.check.engine.Result;
import disco.check.refmodel.MonitorConfig;
import disco.check.refmodel.MonitorFault;
import disco.check.refmodel.MonitorHarness;
import disco.check.refmodel.MonitorOp;
import disco.check.refmodel.MonitorState;
import disco.check.wiring.ReferenceHarness;
import disco.testing.Tools;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Java PathFinder driver against the {@link Explorer}, on the abstract monitor: at the same
 * depth both pass the unfaulted model, and for every seeded fault both report a violation of the
 * same check (the depth being the length of the Explorer's shortest counterexample). JPF runs as
 * a process ({@code build/jpf.sh run}) on the driver's entry point, which is compiled here against
 * the JPF build found ({@code JPF_HOME}, {@code ../shared/jpf}, or {@code build/jpf-home}); without
 * one these tests skip, except under {@code ./test.sh} or CI, where they fail. Each run's verdict,
 * states and time are printed beside the Explorer's (the table of docs/checkers.md).
 *
 * <p>Faults whose shortest counterexample takes three steps cost JPF 30 to 60 s each, so they run
 * in the {@code long} suite; the others and the unfaulted model at depth 2 run in the fast build.
 */
class JpfDriverTest {
  /** The unfaulted model's depth in the fast build (depth 3 takes JPF several minutes). */
  private static final int UNFAULTED_DEPTH = 2;
  /** Faults with a counterexample longer than this run in the long suite. */
  private static final int FAST_FAULT_DEPTH = 2;

  private static final Pattern VIOLATION = Pattern.compile("java\\.lang\\.AssertionError: (\\S+) violated after \\[([^\\]]*)\\]");
  private static final Pattern NEW_STATES = Pattern.compile("states:\\s+new=([\\d,]+)");

  // --- the driver alone, no JPF: a chooser that answers from a list

  @Test
  void replayingTheExplorersCounterexampleViolatesTheSameCheck() {
    for (MonitorFault fault : MonitorFault.values()) {
      MonitorHarness h = harness(Optional.of(fault));
      Counterexample c = Explorer.explore(h, Options.DEFAULT.withMaxDepth(4)).counterexample().orElseThrow();
      AssertionError e = assertThrows(AssertionError.class,
          () -> JpfDriver.walk(h, c.steps().size(), new ListChooser(choices(h, c.labels()))));
      assertTrue(e.getMessage().startsWith(c.checkId() + " violated after [" + String.join(", ", c.labels()) + "]"),
          e.getMessage());
    }
  }

  @Test
  void theUnfaultedMonitorPassesOnThePathsOfFirstAndLastChoices() {
    MonitorHarness h = harness(Optional.empty());
    JpfDriver.walk(h, 6, new ListChooser(List.of()));
    JpfDriver.walk(h, 6, new Chooser() {
      @Override
      public int choose(int count) {
        return count - 1;
      }

      @Override
      public void took(String label) {}

      @Override
      public String path() {
        return "";
      }
    });
  }

  // --- JPF beside the Explorer

  @Test
  void jpfAndTheExplorerAgreeOnTheUnfaultedMonitorAndOnTheShallowFaults() throws Exception {
    Jpf jpf = Jpf.find();
    compare(jpf, Optional.empty(), UNFAULTED_DEPTH);
    for (MonitorFault fault : MonitorFault.values()) {
      int depth = shortest(fault);
      if (depth <= FAST_FAULT_DEPTH) {
        compare(jpf, Optional.of(fault), depth);
      }
    }
  }

  @Tag("long")
  @Test
  void jpfAndTheExplorerAgreeOnTheDeepFaults() throws Exception {
    Jpf jpf = Jpf.find();
    for (MonitorFault fault : MonitorFault.values()) {
      int depth = shortest(fault);
      if (depth > FAST_FAULT_DEPTH) {
        compare(jpf, Optional.of(fault), depth);
      }
    }
  }

  // --- the reference monitor itself, driven through its operation-level API

  /**
   * JPF runs the reference monitor's own code (the machine model, the dispatcher, the pmap, the
   * invariants over its view), live, without the disk (JPF models no file system). At depth 1 it
   * agrees with the Explorer unfaulted and on the faults that show in one step.
   */
  @Test
  void jpfAndTheExplorerAgreeOnTheReferenceMonitorAtDepth1() throws Exception {
    Jpf jpf = Jpf.find();
    compareReference(jpf, Optional.empty(), 1);
    compareReference(jpf, Optional.of("PRIVILEGED_PAGE_WRITABLE"), 1);
    compareReference(jpf, Optional.of("GUEST_PROTECTION_DROPPED"), 1);
  }

  /** Depth 2 (about 100 s unfaulted): the reference passes, and the accepted duplicate is caught. */
  @Tag("long")
  @Test
  void jpfAndTheExplorerAgreeOnTheReferenceMonitorAtDepth2() throws Exception {
    Jpf jpf = Jpf.find();
    compareReference(jpf, Optional.empty(), 2);
    compareReference(jpf, Optional.of("DUPLICATE_TLB_ENTRY_ACCEPTED"), 2);
  }

  private static void compareReference(Jpf jpf, Optional<String> fault, int depth) throws Exception {
    agree(jpf, JpfDriver.REFERENCE, ReferenceHarness.withoutDisk(fault), fault, depth);
  }

  /** Both checkers at {@code depth}: the same verdict, and for a violation the same check. */
  private static void compare(Jpf jpf, Optional<MonitorFault> fault, int depth) throws Exception {
    agree(jpf, "monitor", harness(fault), fault.map(Enum::name), depth);
  }

  private static void agree(Jpf jpf, String configuration, Harness<?, ?> h, Optional<String> fault, int depth)
      throws Exception {
    // without symmetry reduction, which JPF does not have
    Result ours = Explorer.explore(h, Options.DEFAULT.withSymmetry(false).withMaxDepth(depth));
    Jpf.Run theirs = jpf.run(configuration, fault, depth);
    String name = fault.orElse("(none)");
    Optional<String> ourCheck = ours.counterexample().map(Counterexample::checkId);
    System.out.printf("JPF vs Explorer, %s, depth %d, fault %-28s JPF: %-8s new=%,d %.1f s | Explorer: %-8s states=%,d %.3f s%n",
        configuration, depth, name, theirs.check().orElse("pass"), theirs.newStates(), theirs.seconds(),
        ourCheck.orElse("pass"), ours.statistics().states(), ours.statistics().elapsedNanos() / 1e9);
    assertEquals(fault.isPresent() ? 1 : 0, theirs.status(), theirs.output());
    assertEquals(fault.isPresent(), ourCheck.isPresent(), () -> name + ": " + ours);
    assertEquals(ourCheck, theirs.check(), theirs.output());
  }

  private static int shortest(MonitorFault fault) {
    return Explorer.explore(harness(Optional.of(fault)), Options.DEFAULT.withMaxDepth(8))
        .counterexample().orElseThrow().steps().size();
  }

  private static MonitorHarness harness(Optional<MonitorFault> fault) {
    return new MonitorHarness(MonitorConfig.small(), fault.map(Set::of).orElse(Set.of()));
  }

  /** The index of each label among the operations enabled where it is taken. */
  private static List<Integer> choices(MonitorHarness h, List<String> labels) {
    List<Integer> out = new ArrayList<>();
    MonitorState s = h.initial();
    for (String label : labels) {
      List<MonitorOp> ops = h.enabled(s);
      int i = ops.stream().map(h::label).toList().indexOf(label);
      out.add(i);
      s = h.step(s, ops.get(i));
    }
    return out;
  }

  /** Answers from a list, then 0. */
  private static final class ListChooser implements Chooser {
    private final List<Integer> answers;
    private final List<String> taken = new ArrayList<>();

    ListChooser(List<Integer> answers) {
      this.answers = answers;
    }

    @Override
    public int choose(int count) {
      return taken.size() < answers.size() ? answers.get(taken.size()) : 0;
    }

    @Override
    public void took(String label) {
      taken.add(label);
    }

    @Override
    public String path() {
      return String.join(", ", taken);
    }
  }

  /** A JPF build, and the driver compiled against it. */
  private record Jpf(Path root, Path home, Path hostClasses, Path classes) {
    record Run(int status, String output, Optional<String> check, long newStates, double seconds) {}

    static Jpf find() throws IOException {
      Path root = Path.of("").toAbsolutePath();
      while (!Files.isRegularFile(root.resolve("build/jpf.sh"))) {
        root = root.getParent();
      }
      Path home = Stream.of(Optional.ofNullable(System.getenv("JPF_HOME")).map(Path::of),
              Optional.of(root.resolve("../shared/jpf")), Optional.of(root.resolve("build/jpf-home")))
          .flatMap(Optional::stream)
          .filter(p -> Files.isRegularFile(p.resolve("RunJPF.jar")) && Files.isRegularFile(p.resolve("jpf-classes.jar")))
          .findFirst().orElse(null);
      if (home == null) {
        Tools.missing("no Java PathFinder build: JPF_HOME unset, no ../shared/jpf, no build/jpf-home;"
            + " build/jpf.sh builds one (docs/checkers.md, Java PathFinder)");
      }
      Path target = root.resolve("checkers/target/jpf");
      Path sources = root.resolve("checkers/src/jpf/java/disco/check/jpf");
      Path host = target.resolve("host");
      Path classes = target.resolve("classes");
      // PatchedInstructions runs inside JPF's own JVM (its class path is jpf.jar); the others under JPF.
      compile(host, home.resolve("jpf.jar").toString(), sources.resolve("PatchedInstructions.java"));
      compile(classes, home.resolve("jpf-classes.jar") + File.pathSeparator + testClassPath(),
          sources.resolve("JpfMain.java"), sources.resolve("Patches.java"));
      return new Jpf(root, home.toRealPath(), host, classes);
    }

    /** The test's class path; Surefire runs tests from a jar whose manifest names it, and says so here. */
    private static String testClassPath() {
      String surefire = System.getProperty("surefire.test.class.path");
      return surefire != null && !surefire.isEmpty() ? surefire : System.getProperty("java.class.path");
    }

    private static void compile(Path out, String classpath, Path... sources) throws IOException {
      Files.createDirectories(out);
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      List<String> args = new ArrayList<>(List.of("--release", "17", "-nowarn", "-d", out.toString(), "-cp", classpath));
      Arrays.stream(sources).map(Path::toString).forEach(args::add);
      assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)), "compiling " + Arrays.toString(sources));
    }

    Run run(String configuration, Optional<String> fault, int depth) throws IOException, InterruptedException {
      List<String> command = new ArrayList<>(List.of(root.resolve("build/jpf.sh").toString(), "run",
          "+native_classpath=" + hostClasses,
          "+jvm.insn_factory.class=disco.check.jpf.PatchedInstructions",
          "+classpath=" + classes + File.pathSeparator + testClassPath()));
      if (configuration.equals(JpfDriver.REFERENCE)) {
        // This jpf-core's heap loses an object on the reference's deeper paths (a null element in
        // its garbage collector's marking, then in its exposure check): both are switched off; the
        // program is single-threaded, so exposure decides nothing, and the runs are short.
        command.add("+vm.gc=false");
        command.add("+vm.shared.break_on_exposure=false");
      }
      command.addAll(List.of("disco.check.jpf.JpfMain", configuration, Integer.toString(depth)));
      fault.ifPresent(command::add);
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      pb.environment().put("JPF_HOME", home.toString());
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      if (System.getProperty("java.specification.version").equals("17")) {
        pb.environment().put("JPF_JAVA", java.toString());
      }
      long start = System.nanoTime();
      Process p = pb.start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = p.waitFor();
      double seconds = (System.nanoTime() - start) / 1e9;
      if (status == 3) {
        Tools.missing("Java PathFinder needs a Java 17 JVM (set JPF_JAVA): " + output.strip());
      }
      Matcher v = VIOLATION.matcher(output);
      Matcher n = NEW_STATES.matcher(output);
      long states = n.find() ? Long.parseLong(n.group(1).replace(",", "")) : -1;
      return new Run(status, output, v.find() ? Optional.of(v.group(1)) : Optional.empty(), states, seconds);
    }
  }
}
