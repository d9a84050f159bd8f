package dev.spillway.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Where one HTTP/1.1 answer ends, found in bytes fed as they arrive (a non-blocking reader cannot
 * block for the next line): status line, headers, then a Content-Length body, a chunked body or, with
 * neither, a body up to the connection's close. Bodies are skipped, never copied. Hand-written for the
 * open-loop generator, whose own CPU per call must stay far below the systems' (an HTTP client library
 * allocates and dispatches per call what this does in a few comparisons).
 */
final class ResponseFraming {
  /** The longest status, header or chunk-size line accepted: the answer's head is bounded. */
  static final int MAX_LINE = 8 * 1024;

  private enum State { STATUS, HEADERS, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE, DONE }

  private final byte[] line = new byte[MAX_LINE];
  private int lineLength;
  private State state = State.STATUS;
  private int status;
  private HeadFields head = new HeadFields();
  private long remaining;

  /** Ready for the next answer on the same connection. */
  void reset() {
    state = State.STATUS;
    lineLength = 0;
    status = 0;
    head = new HeadFields();
  }

  ResponseFraming() {
    reset();
  }

  /**
   * Consumes the bytes of this answer from {@code in}; true once it is complete (bytes after its end
   * stay in the buffer).
   */
  boolean feed(ByteBuffer in) throws IOException {
    while (state != State.DONE && in.hasRemaining()) {
      switch (state) {
        case BODY, CHUNK_DATA -> skip(in);
        case UNTIL_CLOSE -> in.position(in.limit());
        default -> {
          if (readLine(in)) {
            onLine(new String(line, 0, lineLength, StandardCharsets.ISO_8859_1));
            lineLength = 0;
          }
        }
      }
    }
    return state == State.DONE;
  }

  /** The peer closed the connection: true when that ends this answer (a body up to the close). */
  boolean endsAtClose() {
    if (state == State.UNTIL_CLOSE) {
      state = State.DONE;
      return true;
    }
    return false;
  }

  /** True while no byte of the next answer has arrived. */
  boolean idle() {
    return state == State.STATUS && lineLength == 0;
  }

  int status() {
    return status;
  }

  /** The answer asked for the connection to be closed after it. */
  boolean close() {
    return head.close;
  }

  private void skip(ByteBuffer in) {
    int n = (int) Math.min(remaining, in.remaining());
    in.position(in.position() + n);
    remaining -= n;
    if (remaining == 0) {
      state = state == State.BODY ? State.DONE : State.CHUNK_END;
    }
  }

  private boolean readLine(ByteBuffer in) throws IOException {
    while (in.hasRemaining()) {
      byte b = in.get();
      if (b == '\n') {
        if (lineLength > 0 && line[lineLength - 1] == '\r') {
          lineLength--;
        }
        return true;
      }
      if (lineLength == MAX_LINE) {
        throw new IOException("answer line over " + MAX_LINE + " bytes");
      }
      line[lineLength++] = b;
    }
    return false;
  }

  private void onLine(String text) throws IOException {
    switch (state) {
      case STATUS -> {
        if (!text.startsWith("HTTP/1.") || text.length() < 12) {
          throw new IOException("not an HTTP/1.x status line: " + text);
        }
        status = Integer.parseInt(text.substring(9, 12));
        state = State.HEADERS;
      }
      case HEADERS -> {
        if (text.isEmpty()) {
          state = bodyState();
          return;
        }
        head.header(text);
      }
      case CHUNK_SIZE -> {
        int end = text.indexOf(';');
        remaining = Long.parseLong((end < 0 ? text : text.substring(0, end)).trim(), 16);
        state = remaining == 0 ? State.TRAILERS : State.CHUNK_DATA;
      }
      case CHUNK_END -> {
        if (!text.isEmpty()) {
          throw new IOException("chunk not followed by CRLF");
        }
        state = State.CHUNK_SIZE;
      }
      case TRAILERS -> state = text.isEmpty() ? State.DONE : State.TRAILERS;
      default -> throw new IllegalStateException("no line expected in " + state);
    }
  }

  private State bodyState() {
    if (status == 204 || status == 304) {
      return State.DONE;
    }
    if (head.chunked) {
      return State.CHUNK_SIZE;
    }
    if (head.length >= 0) {
      remaining = head.length;
      return head.length == 0 ? State.DONE : State.BODY;
    }
    head.close = true;
    return State.UNTIL_CLOSE;
  }
}
