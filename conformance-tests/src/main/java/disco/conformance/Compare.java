package disco.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compares a result with a vector's {@code expect}: every field the expectation names must be in the
 * result with an equal value; fields it leaves out (UNPREDICTABLE ones) are not looked at. Objects
 * compare field by field, arrays element by element, so a difference names the exact place. An
 * expected field {@code NAME~} holds a regular expression that the result's field {@code NAME}, a
 * string, must match in full (for output whose lines may come in another order, or that holds
 * numbers that vary). A long string that differs is shown from its first differing line.
 */
public final class Compare {
  private Compare() {}

  public static List<Difference> differences(JsonNode expect, JsonNode got) {
    List<Difference> out = new ArrayList<>();
    walk("", expect, got, out);
    return out;
  }

  private static void walk(String path, JsonNode expect, JsonNode got, List<Difference> out) {
    if (got == null || got.isMissingNode()) {
      out.add(new Difference(name(path), expect.toString(), "nothing"));
    } else if (expect.isObject()) {
      if (!got.isObject()) {
        out.add(new Difference(name(path), expect.toString(), got.toString()));
        return;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = expect.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = e.getKey();
        if (key.endsWith("~") && e.getValue().isTextual()) {
          String field = key.substring(0, key.length() - 1);
          matches(path.isEmpty() ? field : path + "." + field, e.getValue().textValue(), got.get(field), out);
        } else {
          walk(path.isEmpty() ? key : path + "." + key, e.getValue(), got.get(key), out);
        }
      }
    } else if (expect.isArray()) {
      if (!got.isArray() || got.size() != expect.size()) {
        out.add(new Difference(name(path), expect.toString(), got.toString()));
        return;
      }
      for (int i = 0; i < expect.size(); i++) {
        walk(path + "[" + i + "]", expect.get(i), got.get(i), out);
      }
    } else if (expect.isTextual() && got.isTextual() && !expect.equals(got)
        && Math.max(expect.textValue().length(), got.textValue().length()) > LONG) {
      out.add(textDifference(name(path), expect.textValue(), got.textValue()));
    } else if (!expect.equals(got)) {
      out.add(new Difference(name(path), expect.toString(), got.toString()));
    }
  }

  /** Strings longer than this are shown from their first differing line, not whole. */
  static final int LONG = 120;

  private static void matches(String path, String regex, JsonNode got, List<Difference> out) {
    if (got == null || !got.isTextual()) {
      out.add(new Difference(path, "a string matching /" + regex + "/", got == null ? "nothing" : got.toString()));
      return;
    }
    boolean ok;
    try {
      ok = Pattern.compile(regex).matcher(got.textValue()).matches();
    } catch (PatternSyntaxException e) {
      out.add(new Difference(path + "~", "a regular expression", "/" + regex + "/ (" + e.getDescription() + ")"));
      return;
    }
    if (!ok) {
      out.add(new Difference(path, "a string matching /" + shorten(regex) + "/", quote(shorten(got.textValue()))));
    }
  }

  /** The first line at which two long strings differ, with its number, each side quoted. */
  static Difference textDifference(String path, String expect, String got) {
    int at = 0;
    int line = 1;
    int start = 0;
    while (at < expect.length() && at < got.length() && expect.charAt(at) == got.charAt(at)) {
      if (expect.charAt(at) == '\n') {
        line++;
        start = at + 1;
      }
      at++;
    }
    return new Difference(path + " (line " + line + ", byte " + at + ")",
        quote(shorten(rest(expect, start))), quote(shorten(rest(got, start))));
  }

  private static String rest(String s, int start) {
    if (start >= s.length()) {
      return "";
    }
    int nl = s.indexOf('\n', start);
    return nl < 0 ? s.substring(start) : s.substring(start, nl + 1);
  }

  private static String shorten(String s) {
    return s.length() <= LONG ? s : s.substring(0, LONG) + "...";
  }

  private static String quote(String s) {
    return JsonNodeFactory.instance.textNode(s).toString();
  }

  private static String name(String path) {
    return path.isEmpty() ? "(result)" : path;
  }
}
