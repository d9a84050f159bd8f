package dev.spillway.proxy.providers.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * Turns lines into events as the SSE specification says: {@code data:} lines accumulate, a blank
 * line dispatches, {@code :} lines are comments. Works on bytes: an event's data is handed on as
 * the UTF-8 bytes the upstream sent (its lines joined by {@code \n}), so a chunk relayed as it came
 * is never decoded to text and encoded back. Hand-written because it is thirty lines and the
 * libraries that do it bring their own HTTP stacks. An event whose data grows past the limit (an
 * upstream that never sends the blank line) fails as oversized. Not thread-safe: one per stream.
 */
public final class SseParser {
  private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);

  private final BiConsumer<String, byte[]> onEvent;
  /** The pending event's data; its array grown by the first event that needs it, kept for the stream's next events. */
  private final BoundedBytes data;
  private String event;
  private boolean hasData;

  /**
   * @param maxEventBytes the most bytes one event's data may have
   * @param onEvent gets the {@code event:} field (or null) and a fresh array of the data's bytes
   */
  public SseParser(int maxEventBytes, BiConsumer<String, byte[]> onEvent) {
    this.data = new BoundedBytes(maxEventBytes, "upstream stream event");
    this.onEvent = onEvent;
  }

  /** One line, without its terminator: {@code bytes[from, to)}, not kept after the call. */
  public void line(byte[] bytes, int from, int to) {
    if (from == to) {
      dispatch();
      return;
    }
    if (bytes[from] == ':') {
      return;
    }
    int colon = from;
    while (colon < to && bytes[colon] != ':') {
      colon++;
    }
    int value = Math.min(colon + 1, to);
    if (value < to && bytes[value] == ' ') {
      value++;
    }
    if (is(DATA, bytes, from, colon)) {
      append(bytes, value, to);
    } else if (is(EVENT, bytes, from, colon)) {
      event = new String(bytes, value, to - value, StandardCharsets.UTF_8);
    }
  }

  private static boolean is(byte[] name, byte[] bytes, int from, int to) {
    return Arrays.equals(name, 0, name.length, bytes, from, to);
  }

  private void append(byte[] bytes, int from, int to) {
    if (hasData) {
      data.append((byte) '\n');
    }
    data.append(bytes, from, to);
    hasData = true;
  }

  /** Dispatches an event left pending when the stream ends without a final blank line. */
  public void end() {
    dispatch();
  }

  private void dispatch() {
    if (hasData) {
      byte[] bytes = data.copy();
      String name = event;
      reset();
      onEvent.accept(name, bytes);
    } else {
      reset();
    }
  }

  private void reset() {
    data.clear();
    hasData = false;
    event = null;
  }
}
