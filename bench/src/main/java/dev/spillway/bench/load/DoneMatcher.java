package dev.spillway.bench.load;

import java.nio.charset.StandardCharsets;

/** Watches a byte stream, fed in pieces of any size, for the SSE end marker {@code [DONE]}. */
final class DoneMatcher {
  private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);
  private int matched;
  private boolean seen;

  /** "[DONE]" repeats none of its own prefixes, so on a mismatch only its first byte can restart a match. */
  void feed(byte b) {
    if (seen) {
      return;
    }
    if (b == DONE[matched]) {
      matched++;
    } else {
      matched = b == DONE[0] ? 1 : 0;
    }
    seen = matched == DONE.length;
  }

  boolean seen() {
    return seen;
  }
}
