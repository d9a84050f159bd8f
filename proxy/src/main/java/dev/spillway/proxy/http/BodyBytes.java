package dev.spillway.proxy.http;

import dev.spillway.proxy.passthrough.DirectTwin;
import dev.spillway.proxy.passthrough.StringSpans;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;

/**
 * A request body read straight into one array. Sized from the declared length, so a body that
 * arrives as declared is copied once from the socket, into the array it is kept in (Undertow's
 * receiver copies each network read into a new array of its own first, and a
 * {@code ByteArrayOutputStream} grows by doubling and copies the whole again at the end). The
 * first allocation is bounded, so a client that declares a large body and sends nothing holds no
 * more than {@link #FIRST_ALLOCATION_MAX}. A long body is read through this IO thread's
 * {@link DirectTwin}, which keeps a copy the upstream write can send without the JDK's.
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
  /** This IO thread's direct twin while this body owns it; null for a short, undeclared or too long body. */
  private DirectTwin twin;

  /** @param declared the declared length, -1 when none (already checked against the limit) */
  BodyBytes(long declared) {
    this.declared = declared;
    this.bytes = new byte[(int) Math.min(declared >= 0 ? declared : UNDECLARED_START, FIRST_ALLOCATION_MAX)];
    this.twin = declared >= 0 ? DirectTwin.claim(this, declared) : null;
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
    grow();
    return ByteBuffer.wrap(bytes, size, Math.min(Math.min(most, READ_MAX), bytes.length - size));
  }

  private void grow() {
    if (size == bytes.length && (declared < 0 || size < declared)) {
      long grown = Math.max(bytes.length * 2L, UNDECLARED_START);
      bytes = Arrays.copyOf(bytes, (int) Math.min(grown, declared >= 0 ? declared : Integer.MAX_VALUE - 8));
    }
  }

  /**
   * Reads what has arrived, at most {@code most} bytes: through the direct twin while this body
   * owns it (no {@link #READ_MAX}: no temporary buffer is involved), else into {@link #room}.
   *
   * @return the count read, -1 at the end
   */
  int readFrom(ReadableByteChannel channel, int most) throws IOException {
    if (twin != null) {
      grow();
      int read = twin.read(this, channel, bytes, size, Math.min(most, bytes.length - size));
      if (read != Integer.MIN_VALUE) {
        return read;
      }
      twin = null; // another body took it: this one goes on in its array alone
    }
    return channel.read(room(most));
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

  /**
   * The body: the array itself when it is exactly full (the declared length arrived), and then also
   * what the twin holds, if this body still owns it.
   */
  byte[] whole() {
    if (size != bytes.length) {
      return Arrays.copyOf(bytes, size);
    }
    if (twin != null) {
      twin.finished(this, bytes);
    }
    return bytes;
  }
}
