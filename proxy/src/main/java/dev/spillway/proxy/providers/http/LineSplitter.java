package dev.spillway.proxy.providers.http;

import java.nio.ByteBuffer;

/**
 * Splits a byte stream into lines as SSE defines them: {@code \n}, {@code \r\n} and {@code \r}
 * all end a line, also when a {@code \r\n} is split across reads. Lines stay bytes (no multi-byte
 * UTF-8 sequence contains those two bytes, so splitting before any decoding is safe): an event's
 * data goes to the client as the bytes the upstream sent. A line longer than the limit (an
 * upstream that never sends a newline) fails as oversized. Not thread-safe.
 */
final class LineSplitter {
  /** Receives each line's bytes; the array is reused after the call returns. */
  @FunctionalInterface
  interface Lines {
    void line(byte[] bytes, int from, int to);
  }

  private final Lines onLine;
  /**
   * Each thread's scratch array for one read's bytes, taken while in use (a splitter called back
   * into from a line handler allocates its own), so open streams hold no read-sized array each.
   */
  private static final ThreadLocal<byte[]> SCRATCH = new ThreadLocal<>();
  /** A line that began in an earlier read, until its end arrives. */
  private final BoundedBytes line;
  private boolean afterCarriageReturn;

  LineSplitter(int maxLine, Lines onLine) {
    this.line = new BoundedBytes(maxLine, "upstream stream line");
    this.onLine = onLine;
  }

  /**
   * Why a bulk copy first: reads come in pooled direct buffers, and a get() per byte of a direct
   * buffer (a bounds check and an off-heap load each) was 40 % of the IO threads' samples with
   * thousands of streams open (docs/benchmarks.md, "Streams: first token and memory per stream").
   * A line whole within one read is handed on as a slice of the scratch array, with no copy.
   */
  void accept(ByteBuffer bytes) {
    int n = bytes.remaining();
    byte[] scratch = SCRATCH.get();
    SCRATCH.set(null);
    if (scratch == null || scratch.length < n) {
      scratch = new byte[Math.max(n, 16 * 1024)];
    }
    try {
      bytes.get(scratch, 0, n);
      split(scratch, n);
    } finally {
      SCRATCH.set(scratch);
    }
  }

  private void split(byte[] scratch, int n) {
    int at = 0;
    if (afterCarriageReturn && n > 0) {
      afterCarriageReturn = false;
      if (scratch[0] == '\n') {
        at = 1;
      }
    }
    while (at < n) {
      int end = at;
      while (end < n && scratch[end] != '\n' && scratch[end] != '\r') {
        end++;
      }
      if (end == n) {
        line.append(scratch, at, n);
        return;
      }
      if (line.length() == 0) {
        line.check(end - at);
        onLine.line(scratch, at, end);
      } else {
        line.append(scratch, at, end);
        emit();
      }
      if (scratch[end] == '\r') {
        if (end + 1 == n) {
          afterCarriageReturn = true;
        } else if (scratch[end + 1] == '\n') {
          end++;
        }
      }
      at = end + 1;
    }
  }

  /** The stream ended: a last line without its terminator still counts. */
  void end() {
    if (line.length() > 0) {
      emit();
    }
  }

  private void emit() {
    int n = line.length();
    line.clear();
    onLine.line(line.array(), 0, n);
  }
}
