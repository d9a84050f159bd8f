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
  /** The most {@link #scanAhead} scans before the channel is read again. */
  static final int SCAN_SLICE = 64 * 1024;
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

  /**
   * Scans up to {@link #SCAN_SLICE} more of the bytes arrived so far for their long strings
   * ({@link StringSpans}). Called when a read found nothing new, so the scan fills time the IO
   * thread would spend waiting: a body that arrives faster than it is read is never scanned ahead
   * (its parse scans it, as before), a slower one is scanned slice by slice between reads, and its
   * parse after the last byte jumps over what was found. A slice at a time, so bytes that come
   * meanwhile wait no longer than a slice's scan (~10 µs).
   *
   * @return whether anything was scanned (more may be left: read first, then scan again)
   */
  boolean scanAhead() {
    if (spans == null) {
      spans = new StringSpans();
    }
    int from = spans.scanned();
    spans.scan(bytes, (int) Math.min(size, (long) from + SCAN_SLICE));
    return spans.scanned() > from;
  }

  /** The spans found so far, null when nothing was scanned ahead. */
  StringSpans spans() {
    return spans;
  }

  /** Once the body is all in: the rest of a body scanned ahead is scanned now (the parse would scan it anyway). */
  void finishScan() {
    if (spans != null) {
      spans.scan(bytes, size);
    }
  }

  /** The body: the array itself when it is exactly full (the declared length arrived). */
  byte[] whole() {
    return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
  }
}
