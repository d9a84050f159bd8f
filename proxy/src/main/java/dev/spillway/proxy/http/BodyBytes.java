package dev.spillway.proxy.http;

import dev.spillway.proxy.passthrough.StringSpans;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A request body read straight into one array. Sized from the declared length, so a body that
 * arrives as declared is copied once from the socket, into the array it is kept in (Undertow's
 * receiver copies each network read into a new array of its own first, and a
 * {@code ByteArrayOutputStream} grows by doubling and copies the whole again at the end). The
 * first allocation is bounded, so a client that declares a large body and sends nothing holds no
 * more than {@link #FIRST_ALLOCATION_MAX}.
 */
final class BodyBytes {
  static final int FIRST_ALLOCATION_MAX = 1 << 20;
  /**
   * The most one read asks for: the JDK reads a socket into a heap array through a temporary
   * direct buffer of the read's size, which it keeps per thread, so this bounds that buffer.
   */
  static final int READ_MAX = 256 * 1024;
  private static final int UNDECLARED_START = 256;
  private final long declared;
  private byte[] bytes;
  private int size;
  private StringSpans spans;

  /** @param declared the declared length, -1 when none (already checked against the limit) */
  BodyBytes(long declared) {
    this.declared = declared;
    this.bytes = new byte[(int) Math.min(declared >= 0 ? declared : UNDECLARED_START, FIRST_ALLOCATION_MAX)];
  }

  int size() {
    return size;
  }

  /**
   * Where the next read goes: the array's free part, at most {@code most} bytes (and
   * {@link #READ_MAX}). The array grows when it is full and more may come; once the declared
   * length is all there the room is empty, and the read reports the body's end.
   */
  ByteBuffer room(int most) {
    if (size == bytes.length && (declared < 0 || size < declared)) {
      long grown = Math.max(bytes.length * 2L, UNDECLARED_START);
      bytes = Arrays.copyOf(bytes, (int) Math.min(grown, declared >= 0 ? declared : Integer.MAX_VALUE - 8));
    }
    return ByteBuffer.wrap(bytes, size, Math.min(Math.min(most, READ_MAX), bytes.length - size));
  }

  /** {@code count} bytes were read into the last {@link #room}. */
  void filled(int count) {
    size += count;
  }

  /** Whether the declared length is all there (a body without one is complete only at its end). */
  boolean complete() {
    return size == declared;
  }

  /**
   * Looks for the long strings of the bytes arrived so far ({@link StringSpans}). Called after a
   * read that left more to come: a body that arrives in one read is never scanned ahead (its parse
   * scans it once, as before); a long one is scanned part by part while the rest is on its way,
   * and its parse after the last byte jumps over what was found.
   */
  void scanArrived() {
    if (spans == null) {
      spans = new StringSpans();
    }
    spans.scan(bytes, size);
  }

  /** The spans of the whole body (the last part scanned now), null when nothing was scanned ahead. */
  StringSpans spans() {
    if (spans != null) {
      spans.scan(bytes, size);
    }
    return spans;
  }

  /** The body: the array itself when it is exactly full (the declared length arrived). */
  byte[] whole() {
    return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
  }
}
