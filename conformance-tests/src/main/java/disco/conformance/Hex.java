package disco.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;

/** The number formats of the vectors: 32-bit values as "0x%08x", 64-bit as "0x%016x", bytes as plain hex. */
public final class Hex {
  private static final HexFormat BYTES = HexFormat.of();

  private Hex() {}

  public static String word(int v) {
    return String.format("0x%08x", v);
  }

  public static String dword(long v) {
    return String.format("0x%016x", v);
  }

  public static String bytes(byte[] b) {
    return BYTES.formatHex(b);
  }

  public static byte[] bytes(String s) {
    return BYTES.parseHex(s);
  }

  /** A 32-bit value written as "0x..." (or a JSON number); {@code what} names it in the message. */
  public static int word(JsonNode n, String what) {
    return (int) number(n, what, 0xffff_ffffL);
  }

  public static long dword(JsonNode n, String what) {
    return number(n, what, -1L);
  }

  private static long number(JsonNode n, String what, long mask) {
    if (n.isIntegralNumber()) {
      return n.longValue() & mask;
    }
    String s = n.asText();
    if (!s.startsWith("0x") || s.length() < 3 || s.length() > 18) {
      throw new IllegalArgumentException("field \"" + what + "\" must be a number or \"0x\" and hex digits, not " + n);
    }
    return Long.parseUnsignedLong(s.substring(2), 16) & mask;
  }
}
