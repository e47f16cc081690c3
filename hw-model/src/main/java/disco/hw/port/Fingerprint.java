package disco.hw.port;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A SHA-256 hash of a canonical serialization of a state record tree: every component of every
 * record, in declaration order, each value tagged with its kind and every array, list and string
 * prefixed with its length, so that the encoding is injective and equal states have equal
 * fingerprints. Being generic over records, it cannot forget a field a state record declares.
 */
public final class Fingerprint {
  private static final ClassValue<Method[]> ACCESSORS = new ClassValue<>() {
    @Override
    protected Method[] computeValue(Class<?> type) {
      RecordComponent[] rc = type.getRecordComponents();
      Method[] m = new Method[rc.length];
      for (int i = 0; i < rc.length; i++) {
        m[i] = rc[i].getAccessor();
        m[i].setAccessible(true);
      }
      return m;
    }
  };

  private Fingerprint() {}

  /** The fingerprint of {@code state}, a tree of records, lists, arrays and scalars, as hex. */
  public static String of(Object state) {
    return of(state, Set.of());
  }

  /**
   * The fingerprint with the components named in {@code omitted} ({@code "Record.component"}, the
   * record's simple name) left out: only to show that a check depends on a component.
   */
  public static String of(Object state, Set<String> omitted) {
    Encoder e = new Encoder(omitted);
    e.value(state);
    return HexFormat.of().formatHex(e.digest());
  }

  private static final class Encoder {
    private final MessageDigest md;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    private final Set<String> omitted;

    Encoder(Set<String> omitted) {
      this.omitted = omitted;
      try {
        md = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java platform has SHA-256", e);
      }
    }

    byte[] digest() {
      flush();
      return md.digest();
    }

    private void flush() {
      md.update(buf.array(), 0, buf.position());
      buf.clear();
    }

    private void room(int bytes) {
      if (buf.remaining() < bytes) {
        flush();
      }
    }

    private void tag(int t, int length) {
      room(5);
      buf.put((byte) t).putInt(length);
    }

    void value(@Nullable Object o) {
      if (o == null) {
        tag('0', 0);
      } else if (o instanceof Record r) {
        record(r);
      } else if (o instanceof Integer v) {
        tag('I', v);
      } else if (o instanceof Long v) {
        tag('J', 8);
        room(8);
        buf.putLong(v);
      } else if (o instanceof Boolean v) {
        tag('Z', v ? 1 : 0);
      } else if (o instanceof Byte v) {
        tag('B', v);
      } else if (o instanceof String s) {
        bytes('S', s.getBytes(StandardCharsets.UTF_8));
      } else if (o instanceof Enum<?> e) {
        bytes('E', e.name().getBytes(StandardCharsets.UTF_8));
      } else if (o instanceof int[] a) {
        array('i', a.length, 4, (b, off, n) -> b.asIntBuffer().put(a, off, n));
      } else if (o instanceof long[] a) {
        array('j', a.length, 8, (b, off, n) -> b.asLongBuffer().put(a, off, n));
      } else if (o instanceof boolean[] a) {
        tag('z', a.length);
        for (boolean v : a) {
          room(1);
          buf.put((byte) (v ? 1 : 0));
        }
      } else if (o instanceof byte[] a) {
        bytes('b', a);
      } else if (o instanceof List<?> l) {
        tag('L', l.size());
        for (Object x : l) {
          value(x);
        }
      } else {
        throw new IllegalArgumentException("no canonical form for a " + o.getClass().getName());
      }
    }

    private void bytes(int t, byte[] a) {
      array(t, a.length, 1, (b, off, n) -> b.put(a, off, n));
    }

    /** Puts {@code n} elements from {@code off} at the start of {@code b} (its position untouched). */
    private interface Chunk {
      void put(ByteBuffer b, int off, int n);
    }

    /** An array of {@code length} elements of {@code width} bytes, in chunks as the buffer allows. */
    private void array(int t, int length, int width, Chunk chunk) {
      tag(t, length);
      for (int off = 0; off < length; ) {
        room(width);
        int n = Math.min(buf.remaining() / width, length - off);
        chunk.put(buf.slice(), off, n);
        buf.position(buf.position() + width * n);
        off += n;
      }
    }

    private void record(Record r) {
      Class<?> type = r.getClass();
      bytes('R', type.getName().getBytes(StandardCharsets.UTF_8));
      Method[] accessors = ACCESSORS.get(type);
      for (Method m : accessors) {
        if (!omitted.isEmpty() && omitted.contains(type.getSimpleName() + "." + m.getName())) {
          tag('-', 0);
          continue;
        }
        try {
          value(m.invoke(r));
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new IllegalStateException("cannot read " + type.getName() + "." + m.getName(), e);
        }
      }
    }
  }
}
