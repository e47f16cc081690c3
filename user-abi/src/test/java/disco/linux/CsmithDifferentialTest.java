package disco.linux;

import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.hw.Endianness;
import disco.testing.MipsCompiler;
import disco.testing.Qemu;
import disco.testing.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Random C programs from csmith, run on qemu-mips and on the model: exit status, stdout (csmith
 * prints one checksum over all its globals) and stderr must be equal.
 *
 * <p>Seeds 1..225 by default (see DEFAULT_SEEDS); {@code -Ddisco.csmith.seeds=FIRST-LAST} picks others. A program
 * that qemu does not finish within {@link #QEMU_TIMEOUT} (csmith programs can loop for a very long
 * time) or that dies on qemu (a packed struct read through an aligned pointer gets SIGBUS, for
 * one) is skipped, and the skip is recorded as an aborted test with the reason.
 *
 * <p>Cost, measured on the 2-core machine: CPU seconds per seed with the options below, csmith
 * 0.04, gcc 0.12, qemu 0.03, and 13 of the 200 seeds run into the qemu time limit. Two worker
 * threads prepare the seeds (generate, compile, run on qemu) ahead of the model, which runs in the
 * test thread. The whole test took 70 s with nothing cached (wall time per seed in a worker:
 * csmith 161 ms, gcc 373 ms, qemu 167 ms of which 130 ms are the timeouts' share) while other
 * builds loaded the machine, and 16-20 s with the generated sources and binaries cached under
 * {@code target/}, when only qemu and the model run. The test prints these figures at the end.
 */
@Tag("long")
class CsmithDifferentialTest {
  /**
   * Smaller than csmith's defaults (10 functions, expression complexity 10) so that a program
   * takes about a third of the time to generate and compile (0.17 s of CPU against 0.45 s).
   */
  static final List<String> CSMITH_OPTIONS =
      List.of("--max-funcs", "4", "--max-expr-complexity", "6");

  static final List<String> GCC_OPTIONS = List.of("-static", "-O1", "-march=mips32r2", "-w");
  /**
   * Programs that finish do so in milliseconds (at most 1.7 million instructions); those that do
   * not finish in this time almost always loop forever. 5 s leaves room for a slow, loaded CI
   * machine, so that the skipped seeds, and with them the count of compared programs, do not
   * depend on the machine's speed.
   */
  static final Duration QEMU_TIMEOUT = Duration.ofSeconds(5);

  /**
   * Of seeds 1-60, every program qemu finishes ran fewer than 2 million instructions (counted from
   * qemu's translation-block log); those that do not finish within the qemu limit are effectively endless. So the limit is far above any program
   * compared, and a model that reaches it is looping where qemu did not.
   */
  static final long INSTRUCTION_LIMIT = 2_000_000_000L;

  private static final int THREADS = 2;

  private static ExecutorService pool; // null until the factory starts it
  private static final AtomicInteger compared = new AtomicInteger();
  private static final AtomicInteger equal = new AtomicInteger();
  private static final Map<Integer, String> skipped =
      Collections.synchronizedMap(new LinkedHashMap<>());
  private static final AtomicLong csmithNanos = new AtomicLong();
  private static final AtomicLong gccNanos = new AtomicLong();
  private static final AtomicLong qemuNanos = new AtomicLong();
  private static final AtomicInteger prepared = new AtomicInteger();
  private static long startNanos;

  /** What the worker threads hand to the test thread for one seed. */
  private record Prepared(int seed, Path executable, Qemu.Result qemu) {}

  @TestFactory
  Stream<DynamicTest> csmithProgramsBehaveAsUnderQemu() {
    Path csmith;
    Path include;
    try {
      csmith = Tools.require("csmith");
      Tools.require(MipsCompiler.COMPILER);
      Tools.require(Qemu.EXECUTABLE);
      include = csmithInclude();
    } catch (TestAbortedException | AssertionFailedError missing) {
      // Reported through one test, skipped (or failed under CI): an aborted factory would not
      // show up in the counts at all.
      return Stream.of(
          DynamicTest.dynamicTest(
              "csmith prerequisites",
              () -> {
                throw missing;
              }));
    }
    int[] range = seedRange();
    assertTrue(range[1] >= range[0], "empty seed range");

    startNanos = System.nanoTime();
    pool = Executors.newFixedThreadPool(THREADS);
    List<Future<Prepared>> futures = new ArrayList<>();
    for (int seed = range[0]; seed <= range[1]; seed++) {
      int s = seed;
      futures.add(pool.submit(() -> prepare(csmith, include, s)));
    }
    return IntStream.rangeClosed(range[0], range[1])
        .mapToObj(
            seed ->
                DynamicTest.dynamicTest(
                    "csmith seed " + seed, () -> check(futures.get(seed - range[0]))));
  }

  private static void check(Future<Prepared> future) throws Throwable {
    Prepared p;
    try {
      p = future.get();
    } catch (ExecutionException e) {
      throw e.getCause(); // a compile failure's message, say
    }
    Qemu.Result q = p.qemu();
    if (q.timedOut()) {
      skip(p.seed(), "qemu did not finish in " + QEMU_TIMEOUT.toSeconds() + " s");
    }
    if (q.guestStatus() != 0) {
      skip(p.seed(), "died on qemu with status " + q.guestStatus());
    }
    compared.incrementAndGet();
    ExecResult m =
        LinuxRunner.run(
            new ExecRequest(
                p.executable(), List.of(), List.of(), new byte[0], Endianness.BIG,
                INSTRUCTION_LIMIT));
    Differential.assertSame(
        Differential.ofQemu(q), Differential.ofModel(m, INSTRUCTION_LIMIT), true);
    equal.incrementAndGet();
  }

  private static void skip(int seed, String why) {
    skipped.put(seed, why);
    Assumptions.abort("seed " + seed + " skipped: " + why);
  }

  /** Generates (or reuses) the program for {@code seed}, compiles it, runs it on qemu. */
  private static Prepared prepare(Path csmith, Path include, int seed)
      throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    Path source = generate(csmith, seed);
    long t1 = System.nanoTime();
    List<String> options = new ArrayList<>(GCC_OPTIONS);
    options.add("-I" + include);
    Path exe = MipsCompiler.compile(source, options, MipsCompiler.DEFAULT_LIBS);
    long t2 = System.nanoTime();
    Qemu.Result q = Qemu.run(exe, List.of(), new byte[0], QEMU_TIMEOUT);
    long t3 = System.nanoTime();
    csmithNanos.addAndGet(t1 - t0);
    gccNanos.addAndGet(t2 - t1);
    qemuNanos.addAndGet(t3 - t2);
    prepared.incrementAndGet();
    return new Prepared(seed, exe, q);
  }

  /**
   * csmith's output for a seed and options never changes, so it is kept under {@code
   * target/csmith/<options>/} and made once.
   */
  private static Path generate(Path csmith, int seed) throws IOException, InterruptedException {
    String tag = Integer.toHexString(String.join(" ", CSMITH_OPTIONS).hashCode());
    Path dir = Path.of("target", "csmith", tag).toAbsolutePath();
    Files.createDirectories(dir);
    Path source = dir.resolve("seed-" + seed + ".c");
    if (Files.isRegularFile(source) && Files.size(source) > 0) {
      return source;
    }
    Path tmp = Files.createTempFile(dir, "seed-" + seed + "-", ".tmp");
    try {
      List<String> command = new ArrayList<>();
      command.add(csmith.toString());
      command.add("--seed");
      command.add(Integer.toString(seed));
      command.addAll(CSMITH_OPTIONS);
      command.add("-o");
      command.add(tmp.toString());
      // csmith writes and reads a platform.info file in its working directory: give each run its
      // own, or two generators running at once read each other's half-written file.
      Path work = Files.createTempDirectory(dir, "csmith-" + seed + "-");
      Process p =
          new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String messages = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("csmith failed for seed " + seed + ":\n" + messages);
      }
      Files.move(tmp, source, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      try (var files = Files.list(work)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(work);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return source;
  }

  /** The directory with csmith.h (Debian's libcsmith-dev puts it in /usr/include/csmith). */
  private static Path csmithInclude() {
    List<Path> candidates = new ArrayList<>();
    for (String root : List.of("/usr/include", "/usr/local/include")) {
      Path r = Path.of(root);
      candidates.add(r.resolve("csmith"));
      if (Files.isDirectory(r)) {
        try (Stream<Path> s = Files.list(r)) {
          s.filter(d -> d.getFileName().toString().startsWith("csmith-"))
              .sorted()
              .forEach(candidates::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    for (Path c : candidates) {
      if (Files.isRegularFile(c.resolve("csmith.h"))) {
        return c;
      }
    }
    Tools.missing("csmith's runtime headers (csmith.h, Debian package libcsmith-dev)");
    throw new AssertionError("unreachable");
  }

  /**
   * Seeds 1..225: about one in fifteen programs runs into the qemu time limit and is skipped, so
   * this range compares at least the 200 programs the suite promises (checked after the run).
   */
  static final String DEFAULT_SEEDS = "1-225";

  static final int MINIMUM_COMPARED = 200;

  private static int[] seedRange() {
    String spec = System.getProperty("disco.csmith.seeds", DEFAULT_SEEDS);
    String[] parts = spec.split("-");
    if (parts.length != 2) {
      throw new IllegalArgumentException("disco.csmith.seeds must be FIRST-LAST, not " + spec);
    }
    return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
  }

  @AfterAll
  static void report() throws InterruptedException {
    if (pool == null) {
      return; // skipped before starting
    }
    pool.shutdownNow();
    pool.awaitTermination(30, TimeUnit.SECONDS);
    int n = Math.max(1, prepared.get());
    System.out.printf(
        "csmith: %d compared, %d equal, %d skipped %s%n"
            + "csmith: per seed (wall, %d worker threads): csmith %d ms, gcc %d ms, qemu %d ms;"
            + " whole test %d s%n",
        compared.get(), equal.get(), skipped.size(), skipped, THREADS,
        csmithNanos.get() / n / 1_000_000, gccNanos.get() / n / 1_000_000,
        qemuNanos.get() / n / 1_000_000, (System.nanoTime() - startNanos) / 1_000_000_000);
    boolean defaultRange = System.getProperty("disco.csmith.seeds") == null;
    if (defaultRange && compared.get() < MINIMUM_COMPARED) {
      throw new AssertionError("only " + compared.get() + " csmith programs were compared; the suite promises "
          + MINIMUM_COMPARED + " (" + skipped.size() + " seeds skipped)");
    }
  }
}
