package disco.hw.cpu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The qemu-mips vectors made by {@code fpu_vectors.c} (see its header for the format), and their
 * replay through {@link Fpu}.
 */
final class FpuVectors {
  private FpuVectors() {}

  static final String SOURCE = "fpu_vectors.c";
  static final String FR0 = "fpu_vectors_fr0.txt";
  static final String FR1 = "fpu_vectors_fr1.txt";

  /** One vector: what went in and what qemu-mips made of it. */
  record Vector(
      int line,
      boolean fr,
      int insn,
      int gpr,
      int fcsrIn,
      Map<Integer, Long> in,
      String status,
      int gprOut,
      int fcsrOut,
      Map<Integer, Long> out) {

    Vector withOut(Map<Integer, Long> newOut) {
      return new Vector(line, fr, insn, gpr, fcsrIn, in, status, gprOut, fcsrOut, newOut);
    }

    Vector withFcsrIn(int f) {
      return new Vector(line, fr, insn, gpr, f, in, status, gprOut, fcsrOut, out);
    }

    Vector withFcsrOut(int f) {
      return new Vector(line, fr, insn, gpr, fcsrIn, in, status, gprOut, f, out);
    }

    Vector withStatus(String s) {
      return new Vector(line, fr, insn, gpr, fcsrIn, in, s, gprOut, fcsrOut, out);
    }

    @Override
    public String toString() {
      return String.format(
          "line %d FR=%d insn %08x gpr %08x fcsr %08x in %s -> %s gpr %08x fcsr %08x out %s",
          line, fr ? 1 : 0, insn, gpr, fcsrIn, hex(in), status, gprOut, fcsrOut, hex(out));
    }
  }

  static String hex(Map<Integer, Long> m) {
    StringBuilder b = new StringBuilder("{");
    m.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append(k).append('=').append(Long.toHexString(v)));
    return b.append('}').toString();
  }

  static String resource(String name) {
    try (InputStream s = FpuVectors.class.getResourceAsStream(name)) {
      if (s == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(s.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Vector> load(String name) {
    return parse(resource(name));
  }

  static List<Vector> parse(String text) {
    List<Vector> out = new ArrayList<>();
    Boolean fr = null;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] p = l.split(" ");
      if (p[0].equals("fr")) {
        fr = p[1].equals("1");
        continue;
      }
      if (fr == null || p.length != 9 || !p[4].equals(":")) {
        throw new IllegalArgumentException("line " + (i + 1) + ": not a vector: " + l);
      }
      out.add(
          new Vector(
              i + 1,
              fr,
              (int) Long.parseLong(p[0], 16),
              (int) Long.parseLong(p[1], 16),
              (int) Long.parseLong(p[2], 16),
              regs(p[3]),
              p[5],
              (int) Long.parseLong(p[6], 16),
              (int) Long.parseLong(p[7], 16),
              regs(p[8])));
    }
    return out;
  }

  private static Map<Integer, Long> regs(String s) {
    Map<Integer, Long> m = new TreeMap<>();
    if (s.equals("-")) {
      return m;
    }
    for (String kv : s.split(",")) {
      int eq = kv.indexOf('=');
      m.put(Integer.parseInt(kv.substring(0, eq)), Long.parseUnsignedLong(kv.substring(eq + 1), 16));
    }
    return m;
  }

  // The register fill of fpu_vectors.c.
  static int fill32(int r) {
    return 0xA500_0000 | (r << 16) | 0x5A00 | r;
  }

  static long fill64(int r) {
    return ((long) (0xC300_0000 | (r << 16) | 0x3C00 | r) << 32) | (fill32(r) & 0xffff_ffffL);
  }

  static String statusName(int s) {
    return switch (s) {
      case Fpu.OK -> "OK";
      case Fpu.EXC_FPE -> "FPE";
      case Fpu.EXC_RI -> "RI";
      default -> "status " + s;
    };
  }

  /** Replays v on a fresh Fpu; null if it agrees with QEMU, otherwise what differs. */
  static String check(Vector v) {
    Fpu f = new Fpu();
    f.setFr(v.fr());
    for (int r = 0; r < 32; r++) {
      if (v.fr()) {
        f.writeDouble(r, fill64(r));
      } else {
        f.writeWord(r, fill32(r));
      }
    }
    v.in()
        .forEach(
            (r, x) -> {
              if (v.fr()) {
                f.writeDouble(r, x);
              } else {
                f.writeWord(r, (int) (long) x);
              }
            });
    if (f.writeControl(31, v.fcsrIn()) != Fpu.OK) {
      return "setting FCSR " + Integer.toHexString(v.fcsrIn()) + " trapped";
    }
    long[] before = f.snapshotRegisters();
    int insn = v.insn();
    int rs = (insn >>> 21) & 31;
    int fs = (insn >>> 11) & 31;
    int status = Fpu.OK;
    Integer gprOut = null; // only the moves to a GPR have one worth comparing
    if ((insn >>> 26) == 0x11 && rs < 8) {
      switch (rs) {
        case 0 -> gprOut = f.readWord(fs);
        case 2 -> gprOut = f.readControl(fs);
        case 3 -> gprOut = f.readHighWord(fs);
        case 4 -> f.writeWord(fs, v.gpr());
        case 6 -> status = f.writeControl(fs, v.gpr());
        case 7 -> f.writeHighWord(fs, v.gpr());
        default -> {
          return "not a vector this replay knows: rs " + rs;
        }
      }
    } else {
      status = f.execute(insn, v.gpr());
    }
    StringBuilder err = new StringBuilder();
    if (!statusName(status).equals(v.status())) {
      err.append(" status ").append(statusName(status));
    }
    int fcsr = f.readControl(31);
    if (fcsr != v.fcsrOut()) {
      err.append(String.format(" fcsr %08x", fcsr));
    }
    if (gprOut != null && gprOut != v.gprOut()) {
      err.append(String.format(" gpr %08x", gprOut));
    }
    long[] after = f.snapshotRegisters();
    Map<Integer, Long> changed = new TreeMap<>();
    for (int r = 0; r < 32; r++) {
      long b = v.fr() ? before[r] : before[r] & 0xffff_ffffL;
      long a = v.fr() ? after[r] : after[r] & 0xffff_ffffL;
      if (a != b) {
        changed.put(r, a);
      }
    }
    if (!changed.equals(v.out())) {
      err.append(" out ").append(hex(changed));
    }
    return err.length() == 0 ? null : "got" + err;
  }

  /** Every disagreement, "vector: what differs", in file order. */
  static List<String> failures(List<Vector> vs) {
    List<String> bad = new ArrayList<>();
    for (Vector v : vs) {
      String e;
      try {
        e = check(v);
      } catch (RuntimeException ex) {
        e = "threw " + ex;
      }
      if (e != null) {
        bad.add(v + "\n    " + e);
      }
    }
    return bad;
  }
}
