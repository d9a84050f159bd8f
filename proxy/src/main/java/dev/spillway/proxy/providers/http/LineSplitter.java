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
   * Each thread's scratch array for one read's bytes, so open streams hold no read-sized array
   * each. Marked busy while in use: a splitter called back into from a line handler uses an array
   * of its own. One thread-local lookup a read (a get and two sets before, at 5 % of the IO
   * threads' samples with thousands of streams open, session 8).
   */
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private static final class Scratch {
    byte[] bytes = new byte[16 * 1024];
    boolean busy;
  }

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
    Scratch scratch = SCRATCH.get();
    if (scratch.busy) {
      byte[] own = new byte[n];
      bytes.get(own, 0, n);
      split(own, n);
      return;
    }
    scratch.busy = true;
    try {
      if (scratch.bytes.length < n) {
        scratch.bytes = new byte[n];
      }
      bytes.get(scratch.bytes, 0, n);
      split(scratch.bytes, n);
    } finally {
      scratch.busy = false;
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
