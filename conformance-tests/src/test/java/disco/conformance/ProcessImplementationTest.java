package disco.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The external-process protocol against adapters that answer, crash, hang or print garbage. */
class ProcessImplementationTest {
  @TempDir static Path dir;
  static Path script;
  static Path file;
  static List<Vector> vectors;

  @BeforeAll
  static void setUp() throws Exception {
    script = dir.resolve("fake_adapter.py");
    try (InputStream in = ProcessImplementationTest.class.getResourceAsStream("fake_adapter.py")) {
      Files.write(script, in.readAllBytes());
    }
    String lines = VectorSuite.builtIn("instruction").stream().limit(4)
        .map(v -> line(v)).collect(Collectors.joining("\n", "", "\n"));
    file = dir.resolve("four.jsonl");
    Files.writeString(file, lines, StandardCharsets.UTF_8);
    vectors = VectorSuite.read(file);
  }

  private static String line(Vector v) {
    var o = v.request().deepCopy();
    o.set("expect", v.expect());
    return o.toString();
  }

  private static String victim() {
    return vectors.get(1).id();
  }

  private static List<Outcome> run(String mode, Duration timeout) throws ImplementationException {
    try (ProcessImplementation p = ProcessImplementation.start(
        "python3 " + script + " " + mode + " " + victim() + " " + file, timeout)) {
      return Runner.run(p, vectors);
    }
  }

  private static void onlyTheVictimFails(List<Outcome> o, String reason) {
    assertEquals(Outcome.Status.PASSED, o.get(0).status(), o.get(0).reason());
    assertEquals(Outcome.Status.FAILED, o.get(1).status());
    assertTrue(o.get(1).reason().contains(reason), o.get(1).reason());
    assertEquals(Outcome.Status.PASSED, o.get(2).status(), o.get(2).reason());
    assertEquals(Outcome.Status.PASSED, o.get(3).status(), o.get(3).reason());
  }

  @Test
  void anAdapterThatAnswersPassesEveryVector() throws Exception {
    List<Outcome> o = run("none", Duration.ofSeconds(10));
    assertEquals(4, Runner.tally(o)[0]);
  }

  @Test
  void aWrongAnswerNamesTheField() throws Exception {
    List<Outcome> o = run("wrong", Duration.ofSeconds(10));
    onlyTheVictimFails(o, "pc: expected");
    assertEquals("pc", o.get(1).differences().get(0).field());
    assertEquals("\"0xdeadbeef\"", o.get(1).differences().get(0).got());
  }

  @Test
  void aCrashFailsThatVectorWithStderrAndTheRunGoesOn() throws Exception {
    onlyTheVictimFails(run("crash", Duration.ofSeconds(10)), "exited without answering (status 3); stderr: \"boom\"");
  }

  @Test
  void aHangIsTimedOutAndTheRunGoesOn() throws Exception {
    long t0 = System.nanoTime();
    onlyTheVictimFails(run("hang", Duration.ofMillis(1500)), "no answer within 1500 ms");
    assertTrue(System.nanoTime() - t0 < 30_000_000_000L);
  }

  @Test
  void garbageIsReportedWithTheRawText() throws Exception {
    onlyTheVictimFails(run("garbage", Duration.ofSeconds(10)), "not a JSON object: \"hello, I am not JSON\"");
  }

  @Test
  void anAnswerForAnotherVectorIsRefused() throws Exception {
    onlyTheVictimFails(run("wrongid", Duration.ofSeconds(10)), "someone-else");
  }

  @Test
  void anErrorAnswerFailsTheVector() throws Exception {
    onlyTheVictimFails(run("error", Duration.ofSeconds(10)), "cannot run this");
  }

  @Test
  void aBadHandshakeIsOneMessage() {
    ImplementationException e = assertThrows(ImplementationException.class,
        () -> ProcessImplementation.start("python3 " + script + " badversion x " + file, Duration.ofSeconds(10)));
    assertTrue(e.getMessage().contains("\"protocol\" is 99"), e.getMessage());
    e = assertThrows(ImplementationException.class,
        () -> ProcessImplementation.start("python3 " + script + " nohandshake x " + file, Duration.ofSeconds(10)));
    assertTrue(e.getMessage().startsWith("exited before its handshake (status 4)"), e.getMessage());
  }

  @Test
  void anUnsupportedKindIsSkipped() throws IOException, ImplementationException {
    Vector program = new Vector("program", "p", "x", "y", vectors.get(0).request(), vectors.get(0).expect());
    try (ProcessImplementation p = ProcessImplementation.start(
        "python3 " + script + " none x " + file, Duration.ofSeconds(10))) {
      assertEquals(Outcome.Status.SKIPPED, Runner.runOne(p, program).status());
    }
  }

  /** The first built-in vector that requires exactly {@code choice}, in the fake's file format. */
  private static Vector requiring(String choice) throws Exception {
    return VectorSuite.builtIn("instruction").stream().filter(v -> v.requires().equals(Set.of(choice)))
        .findFirst().orElseThrow();
  }

  @Test
  void aVectorRunsOnlyWhereItsChoicesAreDeclared() throws Exception {
    Vector count = requiring(Choices.COUNT_PER_INSTRUCTION);
    Vector reserved = requiring(Choices.RESERVED_AS_QEMU);
    Path two = dir.resolve("choices.jsonl");
    Files.writeString(two, line(count) + "\n" + line(reserved) + "\n", StandardCharsets.UTF_8);
    List<Vector> vs = VectorSuite.read(two);
    try (ProcessImplementation p = ProcessImplementation.start(
        "python3 " + script + " choices x " + two, Duration.ofSeconds(10))) {
      assertEquals(Set.of(Choices.COUNT_PER_INSTRUCTION), p.choices());
      List<Outcome> o = Runner.run(p, vs);
      assertEquals(Outcome.Status.PASSED, o.get(0).status(), o.get(0).reason());
      assertEquals(Outcome.Status.SKIPPED, o.get(1).status());
      assertEquals("requires choices not declared: reserved-as-qemu", o.get(1).reason());
    }
    try (ProcessImplementation p = ProcessImplementation.start(
        "python3 " + script + " none x " + two, Duration.ofSeconds(10))) {
      assertEquals(Set.of(), p.choices());
      assertEquals(List.of(Outcome.Status.SKIPPED, Outcome.Status.SKIPPED),
          Runner.run(p, vs).stream().map(Outcome::status).toList());
    }
  }

  @Test
  void choicesThatAreNotAListAreOneMessage() {
    ImplementationException e = assertThrows(ImplementationException.class,
        () -> ProcessImplementation.start("python3 " + script + " badchoices x " + file, Duration.ofSeconds(10)));
    assertTrue(e.getMessage().startsWith("handshake field \"choices\" must be an array of names"), e.getMessage());
  }
}
