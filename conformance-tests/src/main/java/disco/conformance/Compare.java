package disco.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Compares a result with a vector's {@code expect}: every field the expectation names must be in the
 * result with an equal value; fields it leaves out (UNPREDICTABLE ones) are not looked at. Objects
 * compare field by field, arrays element by element, so a difference names the exact place.
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
        walk(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), got.get(e.getKey()), out);
      }
    } else if (expect.isArray()) {
      if (!got.isArray() || got.size() != expect.size()) {
        out.add(new Difference(name(path), expect.toString(), got.toString()));
        return;
      }
      for (int i = 0; i < expect.size(); i++) {
        walk(path + "[" + i + "]", expect.get(i), got.get(i), out);
      }
    } else if (!expect.equals(got)) {
      out.add(new Difference(name(path), expect.toString(), got.toString()));
    }
  }

  private static String name(String path) {
    return path.isEmpty() ? "(result)" : path;
  }
}
