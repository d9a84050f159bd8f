package dev.spillway.proxy.http;

import java.util.Arrays;

/**
 * A request body gathered from its chunks into one array. Sized from the declared length, so a
 * body that arrives as declared is copied once, into the array it is kept in (a
 * {@code ByteArrayOutputStream} grows by doubling and copies the whole again at the end: three
 * copies of a 1 MB prompt). The first allocation is bounded, so a client that declares a large
 * body and sends nothing holds no more than {@link #FIRST_ALLOCATION_MAX}.
 */
final class BodyBytes {
  static final int FIRST_ALLOCATION_MAX = 1 << 20;
  private static final int UNDECLARED_START = 256;
  private byte[] bytes;
  private int size;

  /** @param declared the declared length, -1 when none (already checked against the limit) */
  BodyBytes(long declared) {
    this.bytes = new byte[(int) Math.min(declared >= 0 ? declared : UNDECLARED_START, FIRST_ALLOCATION_MAX)];
  }

  int size() {
    return size;
  }

  void add(byte[] chunk) {
    if (size + chunk.length > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(size + chunk.length, bytes.length * 2));
    }
    System.arraycopy(chunk, 0, bytes, size, chunk.length);
    size += chunk.length;
  }

  /** The body: the array itself when it is exactly full (the declared length arrived). */
  byte[] whole() {
    return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
  }
}
