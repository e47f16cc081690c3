package disco.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The C programs under {@code guests/linux/} (and {@code guests/linux/bench/}) and how each is run.
 *
 * <p>A program says how to run it in lines of the form {@code //@run ARGS... [< FILE]}: one run
 * per line, with those arguments (split at white space), and standard input from FILE (relative
 * to the program's directory) when given, else empty. A program without such lines is run once
 * with no arguments.
 */
public final class GuestPrograms {
  private GuestPrograms() {}

  /** One way of running one program. */
  public record Run(Path source, List<String> args, @Nullable Path stdinFile) {
    public Run {
      args = List.copyOf(args);
    }

    public byte[] stdin() {
      if (stdinFile == null) {
        return new byte[0];
      }
      try {
        return Files.readAllBytes(stdinFile);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** E.g. {@code argv_exit.c exit 3} or {@code stdin_filter.c < stdin_filter.input.txt}. */
    public String displayName() {
      StringBuilder b = new StringBuilder(source.getFileName().toString());
      for (String a : args) {
        b.append(' ').append(a);
      }
      if (stdinFile != null) {
        b.append(" < ").append(stdinFile.getFileName());
      }
      return b.toString();
    }
  }

  /**
   * {@code guests/linux}, found from the working directory: surefire runs in the module's
   * directory ({@code hw-model/}), an IDE may run in the repository's root.
   */
  public static Path directory() {
    Path cwd = Path.of("").toAbsolutePath();
    for (Path candidate : List.of(cwd.resolve("../guests/linux"), cwd.resolve("guests/linux"))) {
      if (Files.isDirectory(candidate)) {
        return candidate.normalize();
      }
    }
    throw new IllegalStateException("no guests/linux beside or under " + cwd);
  }

  /** Every program: {@code guests/linux/*.c} then {@code guests/linux/bench/*.c}, by name. */
  public static List<Path> sources() {
    Path dir = directory();
    List<Path> all = new ArrayList<>(cFiles(dir));
    all.addAll(cFiles(dir.resolve("bench")));
    return all;
  }

  private static List<Path> cFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".c")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The runs a program asks for (see the class comment). */
  public static List<Run> runs(Path source) {
    List<String> lines;
    try {
      lines = Files.readAllLines(source, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Run> runs = new ArrayList<>();
    for (String line : lines) {
      if (!line.startsWith("//@")) {
        continue;
      }
      if (!line.startsWith("//@run") || (line.length() > 6 && line.charAt(6) != ' ')) {
        throw new IllegalArgumentException(source + ": unknown directive: " + line);
      }
      List<String> words =
          Arrays.stream(line.substring(6).trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
      int redirect = words.indexOf("<");
      Path stdin = null;
      if (redirect >= 0) {
        if (redirect != words.size() - 2) {
          throw new IllegalArgumentException(source + ": '< FILE' must end the line: " + line);
        }
        stdin = source.resolveSibling(words.get(redirect + 1));
        words = words.subList(0, redirect);
      }
      runs.add(new Run(source, words, stdin));
    }
    if (runs.isEmpty()) {
      runs.add(new Run(source, List.of(), null));
    }
    return runs;
  }
}
