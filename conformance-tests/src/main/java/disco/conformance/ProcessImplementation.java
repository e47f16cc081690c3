package disco.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An implementation in another process, speaking the JSON Lines protocol of docs/conformance.md: it
 * writes a handshake line first, then answers one line per request line. A process that exits, hangs
 * past the timeout or writes something that is not an answer fails that vector with the reason and
 * the raw text, and is started afresh for the next one.
 */
public final class ProcessImplementation implements Implementation {
  /** The protocol version this runner speaks. */
  public static final int PROTOCOL = 1;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EOF = "\u0000eof";
  private static final int RAW_LIMIT = 200;

  private final List<String> command;
  private final Duration timeout;
  private final String name;
  private final Set<String> kinds;
  private final Set<String> choices;
  private @Nullable Process process;
  private BlockingQueue<String> lines;
  private StringBuilder stderr;

  private ProcessImplementation(List<String> command, Duration timeout, Started s) {
    this.command = command;
    this.timeout = timeout;
    this.name = s.name;
    this.kinds = s.kinds;
    this.choices = s.choices;
    this.process = s.process;
    this.lines = s.lines;
    this.stderr = s.stderr;
  }

  /**
   * Starts {@code shellCommand} with {@code sh -c} and reads its handshake.
   *
   * @throws ImplementationException when it does not start or its handshake is not valid
   */
  public static ProcessImplementation start(String shellCommand, Duration timeout) throws ImplementationException {
    List<String> command = List.of("sh", "-c", shellCommand);
    return new ProcessImplementation(command, timeout, launch(command, timeout));
  }

  private record Started(Process process, BlockingQueue<String> lines, StringBuilder stderr, String name, Set<String> kinds, Set<String> choices) {}

  private void adopt(Started s) {
    process = s.process;
    lines = s.lines;
    stderr = s.stderr;
  }

  private static Started launch(List<String> command, Duration timeout) throws ImplementationException {
    Process p;
    try {
      p = new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw new ImplementationException("cannot start " + String.join(" ", command) + ": " + e.getMessage());
    }
    BlockingQueue<String> q = new LinkedBlockingQueue<>();
    StringBuilder err = new StringBuilder();
    pump(p, q, err);
    String first = next(q, timeout);
    try {
      if (first == null) {
        throw new ImplementationException("no handshake within " + seconds(timeout));
      }
      if (first.equals(EOF)) {
        throw new ImplementationException("exited before its handshake" + tail(p, err));
      }
      JsonNode h = parseLine(first);
      if (h == null || !h.isObject()) {
        throw new ImplementationException("the handshake is not a JSON object: " + raw(first));
      }
      JsonNode version = h.get("protocol");
      if (version == null || !version.isInt() || version.intValue() != PROTOCOL) {
        throw new ImplementationException("handshake field \"protocol\" is " + version + ", this runner speaks " + PROTOCOL);
      }
      JsonNode n = h.get("name");
      if (n == null || !n.isTextual() || n.textValue().isBlank()) {
        throw new ImplementationException("handshake field \"name\" is missing: " + raw(first));
      }
      JsonNode k = h.get("kinds");
      if (k == null || !k.isArray()) {
        throw new ImplementationException("handshake field \"kinds\" is missing: " + raw(first));
      }
      Set<String> kinds = new TreeSet<>();
      k.forEach(e -> kinds.add(e.asText()));
      // "choices" is optional: an implementation that declares none runs no vector that requires one.
      JsonNode c = h.path("choices");
      if (!c.isMissingNode() && !c.isArray()) {
        throw new ImplementationException("handshake field \"choices\" must be an array of names: " + raw(first));
      }
      Set<String> choices = new TreeSet<>();
      c.forEach(e -> choices.add(e.asText()));
      return new Started(p, q, err, n.textValue(), kinds, choices);
    } catch (ImplementationException e) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw e;
    }
  }

  private static void pump(Process p, BlockingQueue<String> q, StringBuilder err) {
    Thread out = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String l; (l = r.readLine()) != null; ) {
          q.add(l);
        }
      } catch (IOException e) {
        // the process went away: EOF below says so
      }
      q.add(EOF);
    }, "conform-stdout");
    Thread errs = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String l; (l = r.readLine()) != null; ) {
          synchronized (err) {
            if (err.length() < 4000) {
              err.append(l).append('\n');
            }
          }
        }
      } catch (IOException e) {
        // nothing more to keep
      }
    }, "conform-stderr");
    out.setDaemon(true);
    errs.setDaemon(true);
    out.start();
    errs.start();
  }

  private static @Nullable String next(BlockingQueue<String> q, Duration timeout) {
    try {
      return q.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static @Nullable JsonNode parseLine(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<String> kinds() {
    return kinds;
  }

  @Override
  public Set<String> choices() {
    return choices;
  }

  @Override
  public ObjectNode run(ObjectNode request) throws ImplementationException {
    Process p = process;
    if (p == null) {
      Started s = launch(command, timeout);
      adopt(s);
      p = s.process;
    }
    String id = request.path("id").asText();
    ObjectNode line = JSON.createObjectNode();
    line.set("vector", request);
    try {
      OutputStream in = p.getOutputStream();
      in.write((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      throw lost("cannot send the vector (" + e.getMessage() + ")" + tail(p, stderr));
    }
    String answer = next(lines, timeout);
    if (answer == null) {
      throw lost("no answer within " + seconds(timeout));
    }
    if (answer.equals(EOF)) {
      throw lost("exited without answering" + tail(p, stderr));
    }
    JsonNode a = parseLine(answer);
    if (a == null || !a.isObject()) {
      throw lost("the answer is not a JSON object: " + raw(answer));
    }
    if (!id.equals(a.path("id").asText(""))) {
      throw lost("the answer is for id " + a.get("id") + ", not \"" + id + "\": " + raw(answer));
    }
    JsonNode error = a.get("error");
    if (error != null) {
      throw new ImplementationException("the implementation reports an error: " + raw(error.asText()));
    }
    JsonNode result = a.get("result");
    if (result == null || !result.isObject()) {
      throw lost("the answer has no \"result\" object: " + raw(answer));
    }
    return (ObjectNode) result;
  }

  /** Stops the process (its answers can no longer be trusted to line up) and builds the failure. */
  private ImplementationException lost(String reason) {
    stop();
    return new ImplementationException(reason);
  }

  private void stop() {
    if (process != null) {
      Process p = process;
      process = null;
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      try {
        p.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    Process p = process;
    if (p != null) {
      try {
        p.getOutputStream().close();
        if (!p.waitFor(2, TimeUnit.SECONDS)) {
          stop();
        }
      } catch (IOException e) {
        stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop();
      }
      process = null;
    }
  }

  private static String tail(Process p, StringBuilder err) {
    String status = "";
    try {
      if (p.waitFor(1, TimeUnit.SECONDS)) {
        status = " (status " + p.exitValue() + ")";
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String last;
    synchronized (err) {
      List<String> ls = new ArrayList<>(err.toString().strip().lines().toList());
      last = ls.isEmpty() ? "" : ls.get(ls.size() - 1);
    }
    return status + Optional.of(last).filter(s -> !s.isEmpty()).map(s -> "; stderr: " + raw(s)).orElse("");
  }

  private static String raw(String s) {
    String t = s.length() > RAW_LIMIT ? s.substring(0, RAW_LIMIT) + "..." : s;
    return JSON.getNodeFactory().textNode(t).toString();
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
