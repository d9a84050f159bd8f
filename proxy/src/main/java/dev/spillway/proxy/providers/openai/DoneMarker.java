package dev.spillway.proxy.providers.openai;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * OpenAI's end of stream, the data {@code [DONE]}, read from an event's bytes (surrounding
 * whitespace allowed, as servers differ) so the event need not be decoded to text to be told apart.
 */
final class DoneMarker {
  private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

  private DoneMarker() {}

  static boolean is(byte[] data) {
    int from = 0;
    int to = data.length;
    while (from < to && blank(data[from])) {
      from++;
    }
    while (to > from && blank(data[to - 1])) {
      to--;
    }
    return Arrays.equals(data, from, to, DONE, 0, DONE.length);
  }

  /** What {@link String#trim()} took away before: ASCII controls and space. */
  private static boolean blank(byte b) {
    return b >= 0 && b <= ' ';
  }
}
