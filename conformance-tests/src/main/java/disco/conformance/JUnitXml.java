package disco.conformance;

import java.util.List;
import java.util.Map;

/** A JUnit XML report (the format CI servers read): one test suite per vector kind, one test case per vector. */
public final class JUnitXml {
  private JUnitXml() {}

  public static String of(String implementation, Map<String, List<Outcome>> byKind) {
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"")
        .append(escape("conformance of " + implementation)).append("\">\n");
    for (Map.Entry<String, List<Outcome>> e : byKind.entrySet()) {
      int[] n = Runner.tally(e.getValue());
      b.append("  <testsuite name=\"").append(escape(e.getKey())).append("\" tests=\"").append(e.getValue().size())
          .append("\" failures=\"").append(n[1]).append("\" skipped=\"").append(n[2]).append("\">\n");
      for (Outcome o : e.getValue()) {
        b.append("    <testcase classname=\"conformance.").append(escape(e.getKey())).append("\" name=\"")
            .append(escape(o.vector().id())).append('"');
        switch (o.status()) {
          case PASSED -> b.append("/>\n");
          case SKIPPED -> b.append("><skipped message=\"").append(escape(o.reason())).append("\"/></testcase>\n");
          case FAILED -> {
            StringBuilder text = new StringBuilder(o.vector().purpose()).append(" (").append(o.vector().manual()).append(")\n");
            if (o.differences().isEmpty()) {
              text.append(o.reason()).append('\n');
            }
            o.differences().forEach(d -> text.append(d).append('\n'));
            b.append("><failure message=\"").append(escape(o.reason())).append("\">").append(escape(text.toString()))
                .append("</failure></testcase>\n");
          }
        }
      }
      b.append("  </testsuite>\n");
    }
    return b.append("</testsuites>\n").toString();
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') {
            b.append("&#x").append(Integer.toHexString(c)).append(';');
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
