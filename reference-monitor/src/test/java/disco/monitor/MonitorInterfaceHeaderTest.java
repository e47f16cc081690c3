package disco.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link MonitorInterface} is the Java copy of guests/include/disco_monitor.h, the header the
 * guests are built with: every constant of the header (its #defines, and the errno values its
 * comment gives) has a field of the same name and value, and every field has its constant.
 */
class MonitorInterfaceHeaderTest {
  private static final Pattern DEFINE = Pattern.compile(
      "^#define\\s+DISCO_([A-Z0-9_]+)\\s+(0[xX][0-9A-Fa-f]+|[0-9]+)[uU]?\\b", Pattern.MULTILINE);
  private static final Pattern ERRNO = Pattern.compile("-E([A-Z]+) \\((\\d+)\\)");

  static String header() throws IOException {
    return Files.readString(GuestRuns.root().resolve("guests/include/disco_monitor.h"), StandardCharsets.UTF_8);
  }

  /** The header's constants by Java name (DISCO_MC_PUTC: MC_PUTC), errno values by name (EIO). */
  static Map<String, Integer> constants(String header) {
    Map<String, Integer> c = new TreeMap<>();
    Matcher d = DEFINE.matcher(header);
    while (d.find()) {
      String v = d.group(2);
      long value = v.startsWith("0x") || v.startsWith("0X") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
      if (c.put(d.group(1), (int) value) != null) {
        throw new IllegalStateException("DISCO_" + d.group(1) + " defined twice");
      }
    }
    Matcher e = ERRNO.matcher(header);
    while (e.find()) {
      Integer was = c.put("E" + e.group(1), Integer.parseInt(e.group(2)));
      if (was != null && was != Integer.parseInt(e.group(2))) {
        throw new IllegalStateException("E" + e.group(1) + " given two values");
      }
    }
    return c;
  }

  /** MonitorInterface's public static final int fields. */
  static Map<String, Integer> javaConstants() throws IllegalAccessException {
    Map<String, Integer> c = new TreeMap<>();
    for (Field f : MonitorInterface.class.getDeclaredFields()) {
      int m = f.getModifiers();
      if (Modifier.isPublic(m) && Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == int.class) {
        c.put(f.getName(), f.getInt(null));
      }
    }
    return c;
  }

  /** Every difference between the header's constants and the Java ones. */
  static List<String> mismatches(Map<String, Integer> header, Map<String, Integer> java) {
    List<String> out = new ArrayList<>();
    header.forEach((name, value) -> {
      Integer j = java.get(name);
      if (j == null) {
        out.add(name + ": in the header (" + hex(value) + "), not in MonitorInterface");
      } else if (j.intValue() != value) {
        out.add(name + ": header " + hex(value) + ", MonitorInterface " + hex(j));
      }
    });
    java.forEach((name, value) -> {
      if (!header.containsKey(name)) {
        out.add(name + ": in MonitorInterface (" + hex(value) + "), not in the header");
      }
    });
    return out;
  }

  private static String hex(int v) {
    return String.format("0x%x", v);
  }

  @Test
  void everyConstantAgreesWithTheHeader() throws Exception {
    Map<String, Integer> h = constants(header());
    List<String> diff = mismatches(h, javaConstants());
    assertTrue(diff.isEmpty(), () -> String.join("\n", diff));
    // The parse itself found what the header holds: 3 addresses, 16 page offsets, 13 calls,
    // 2 interrupt lines, 4 errno values.
    assertEquals(38, h.size(), h.toString());
    assertEquals(0xC000_0000, h.get("PHYS_BASE"));
    assertEquals(0xDFFF_F000, h.get("PRIV_PAGE"));
    assertEquals(13, h.get("MC_PAGE_FREED"));
    assertEquals(38, h.get("ENOSYS"));
  }

  @Test
  void aChangedValueOrAMissingConstantIsReported() throws Exception {
    String header = header();
    Map<String, Integer> java = javaConstants();
    String changed = header.replaceFirst("(?m)^#define DISCO_MC_HALT 7\\b", "#define DISCO_MC_HALT 8");
    assertEquals(List.of("MC_HALT: header 0x8, MonitorInterface 0x7"), mismatches(constants(changed), java));
    String wider = header.replace("0x1FF00000u", "0x20000000u");
    assertEquals(List.of("PHYS_MAX: header 0x20000000, MonitorInterface 0x1ff00000"),
        mismatches(constants(wider), java));
    String dropped = header.replaceFirst("(?m)^#define DISCO_IRQ_IPI 3\\n", "");
    assertEquals(List.of("IRQ_IPI: in MonitorInterface (0x3), not in the header"), mismatches(constants(dropped), java));
    String added = header.replace("#endif", "#define DISCO_MC_FOO 14\n#endif");
    assertEquals(List.of("MC_FOO: in the header (0xe), not in MonitorInterface"), mismatches(constants(added), java));
  }
}
