package dev.spillway.proxy.providers.http;

import dev.spillway.proxy.providers.ProviderFailure;
import java.util.Arrays;

/**
 * Bytes kept across reads — a line not yet ended, an event's data not yet dispatched — up to a
 * limit: an upstream that never ends its line or event fails as oversized instead of growing the
 * array without bound. The array is allocated by the first append and doubles from 256 bytes. Not
 * thread-safe.
 */
final class BoundedBytes {
  private static final int FIRST_CAPACITY = 256;

  private final int max;
  /** What the bytes are, for the error: "upstream stream line", "upstream stream event". */
  private final String what;
  private byte[] bytes = new byte[0];
  private int length;

  BoundedBytes(int max, String what) {
    this.max = max;
    this.what = what;
  }

  /** Fails as oversized when {@code total} bytes would pass the limit. */
  void check(long total) {
    if (total > max) {
      throw ProviderFailure.oversized(what + " over " + max + " bytes");
    }
  }

  void append(byte[] from, int start, int end) {
    int more = end - start;
    room(more);
    System.arraycopy(from, start, bytes, length, more);
    length += more;
  }

  void append(byte b) {
    room(1);
    bytes[length++] = b;
  }

  private void room(int more) {
    check((long) length + more);
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, (int) Math.min(max, Math.max(length + more, Math.max(FIRST_CAPACITY, bytes.length * 2L))));
    }
  }

  int length() {
    return length;
  }

  /** The array the bytes are in ({@code [0, length)}), valid until the next append. */
  byte[] array() {
    return bytes;
  }

  /** The bytes in an array of their own. */
  byte[] copy() {
    return Arrays.copyOf(bytes, length);
  }

  void clear() {
    length = 0;
  }
}
