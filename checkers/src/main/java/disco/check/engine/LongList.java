package disco.check.engine;

import java.util.Arrays;

/** A growable list of longs: how a harness builds a state's encoding. */
public final class LongList {
  private long[] data = new long[256];
  private int size;

  public void add(long v) {
    if (size == data.length) {
      data = Arrays.copyOf(data, size * 2);
    }
    data[size++] = v;
  }

  public long[] toArray() {
    return Arrays.copyOf(data, size);
  }
}
