package dev.spillway.proxy.providers.http;

import dev.spillway.proxy.providers.ProviderFailure;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A body gathered from reads into one growing array, never beyond its limit: an upstream that
 * sends more fails the attempt as oversized instead of filling the heap. Not thread-safe: one per answer.
 */
final class ByteCollector {
  private final long max;
  private byte[] bytes;
  private int length;

  /**
   * @param expected the size to start with (e.g. a declared Content-Length: the peer's word, so
   *     capped by the limit and 1 MiB here, the array is our memory)
   * @param max the most bytes accepted
   */
  ByteCollector(long expected, long max) {
    this.max = max;
    this.bytes = new byte[(int) Math.min(Math.max(expected, 0), Math.min(max, 1 << 20))];
  }

  void append(ByteBuffer chunk) {
    int n = chunk.remaining();
    if (length + (long) n > max) {
      throw tooLarge(max);
    }
    if (length + n > bytes.length) {
      bytes = Arrays.copyOf(bytes, (int) Math.min(max, Math.max(bytes.length * 2L, length + n)));
    }
    chunk.get(bytes, length, n);
    length += n;
  }

  byte[] toArray() {
    return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
  }

  static ProviderFailure tooLarge(long max) {
    return ProviderFailure.oversized("upstream body over " + max + " bytes");
  }
}
