package disco.check.jpf;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@link PatchedInstructions} calls instead of what jpf-core cannot run; plain Java, run under
 * JPF. A record's {@code equals}, {@code hashCode} and {@code toString} follow {@code
 * java.lang.Record} over its components (its non-static fields, in declaration order); components
 * of primitive type are compared boxed, which for {@code float} and {@code double} is the record's
 * own {@code compare}-based rule.
 */
public final class Patches {
  private Patches() {}

  public static String join(CharSequence separator, Iterable<? extends CharSequence> parts) {
    StringBuilder b = new StringBuilder();
    CharSequence sep = "";
    for (CharSequence part : parts) {
      b.append(sep).append(part);
      sep = separator;
    }
    return b.toString();
  }

  public static String join(CharSequence separator, CharSequence... parts) {
    return join(separator, java.util.Arrays.asList(parts));
  }

  /** {@code stream.toList()}: its elements in order, in a list that cannot be changed. */
  public static <T> java.util.List<T> streamToList(java.util.stream.Stream<T> stream) {
    java.util.List<T> out = new java.util.ArrayList<>();
    for (java.util.Iterator<T> i = stream.iterator(); i.hasNext(); ) {
      out.add(i.next());
    }
    return java.util.Collections.unmodifiableList(out);
  }

  public static boolean recordEquals(Object self, Object other) {
    if (self == other) {
      return true;
    }
    if (other == null || other.getClass() != self.getClass()) {
      return false;
    }
    for (Field f : components(self.getClass())) {
      if (!Objects.equals(value(f, self), value(f, other))) {
        return false;
      }
    }
    return true;
  }

  public static int recordHashCode(Object self) {
    int h = 0;
    for (Field f : components(self.getClass())) {
      h = 31 * h + Objects.hashCode(value(f, self));
    }
    return h;
  }

  public static String recordToString(Object self) {
    StringBuilder b = new StringBuilder(self.getClass().getSimpleName()).append('[');
    String sep = "";
    for (Field f : components(self.getClass())) {
      b.append(sep).append(f.getName()).append('=').append(value(f, self));
      sep = ", ";
    }
    return b.append(']').toString();
  }

  private static List<Field> components(Class<?> c) {
    List<Field> out = new ArrayList<>();
    for (Field f : c.getDeclaredFields()) {
      if (!Modifier.isStatic(f.getModifiers())) {
        f.setAccessible(true);
        out.add(f);
      }
    }
    return out;
  }

  private static Object value(Field f, Object o) {
    try {
      return f.get(o);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
