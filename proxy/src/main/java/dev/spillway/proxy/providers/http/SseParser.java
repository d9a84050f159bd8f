package dev.spillway.proxy.providers.http;

import dev.spillway.proxy.providers.ProviderFailure;
import java.util.function.BiConsumer;

/**
 * Turns lines into events as the SSE specification says: {@code data:} lines accumulate, a blank
 * line dispatches, {@code :} lines are comments. Hand-written because it is twenty lines and the
 * libraries that do it bring their own HTTP stacks. An event whose data grows past the limit (an
 * upstream that never sends the blank line) fails as oversized. Not thread-safe: one per stream.
 */
public final class SseParser {
  private final BiConsumer<String, String> onEvent;
  private final int maxEventChars;
  private final StringBuilder data = new StringBuilder();
  private String event;
  private boolean hasData;

  /** @param maxEventChars the most characters one event's data may have */
  public SseParser(int maxEventChars, BiConsumer<String, String> onEvent) {
    this.maxEventChars = maxEventChars;
    this.onEvent = onEvent;
  }

  public void line(String line) {
    if (line.isEmpty()) {
      dispatch();
      return;
    }
    if (line.charAt(0) == ':') {
      return;
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    if (field.equals("data")) {
      if (data.length() + (long) value.length() + 1 > maxEventChars) {
        throw ProviderFailure.oversized("upstream stream event over " + maxEventChars + " characters");
      }
      if (hasData) {
        data.append('\n');
      }
      data.append(value);
      hasData = true;
    } else if (field.equals("event")) {
      event = value;
    }
  }

  /** Dispatches an event left pending when the stream ends without a final blank line. */
  public void end() {
    dispatch();
  }

  private void dispatch() {
    if (hasData) {
      onEvent.accept(event, data.toString());
    }
    data.setLength(0);
    hasData = false;
    event = null;
  }
}
