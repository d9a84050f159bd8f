package dev.spillway.proxy.secrets;

/**
 * An open-addressing set of longs, for the scrubber's per-character lookups: a boxed
 * {@code HashSet<Long>} would allocate on every character of every upstream body.
 */
final class LongSet {
  private final long[] slots;
  private final boolean[] used;
  private final int mask;

  LongSet(long[] values) {
    int capacity = Integer.highestOneBit(Math.max(4, values.length * 4) - 1) << 1;
    slots = new long[capacity];
    used = new boolean[capacity];
    mask = capacity - 1;
    for (long value : values) {
      int i = index(value);
      while (used[i] && slots[i] != value) {
        i = (i + 1) & mask;
      }
      slots[i] = value;
      used[i] = true;
    }
  }

  boolean contains(long value) {
    int i = index(value);
    while (used[i]) {
      if (slots[i] == value) {
        return true;
      }
      i = (i + 1) & mask;
    }
    return false;
  }

  private int index(long value) {
    long h = value * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
