package dev.spillway.proxy.providers.http;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** A body gathered from reads into one growing array. Not thread-safe: one per answer. */
final class ByteCollector {
  private byte[] bytes;
  private int length;

  /** @param expected the size to start with (e.g. a declared Content-Length, bounded by the caller) */
  ByteCollector(int expected) {
    this.bytes = new byte[Math.max(expected, 0)];
  }

  void append(ByteBuffer chunk) {
    int n = chunk.remaining();
    if (length + n > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
    }
    chunk.get(bytes, length, n);
    length += n;
  }

  byte[] toArray() {
    return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
  }
}
