package dev.spillway.proxy.providers.http;

import dev.spillway.proxy.providers.ProviderFailure;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a byte stream into UTF-8 lines as SSE defines them: {@code \n}, {@code \r\n} and {@code \r}
 * all end a line, also when a {@code \r\n} is split across reads. Bytes are split before decoding,
 * which is safe because no multi-byte UTF-8 sequence contains those two bytes. A line longer than
 * the limit (an upstream that never sends a newline) fails as oversized. Not thread-safe.
 */
final class LineSplitter {
  private final Consumer<String> onLine;
  private final int maxLine;
  private byte[] line = new byte[256];
  private int length;
  private boolean afterCarriageReturn;

  LineSplitter(int maxLine, Consumer<String> onLine) {
    this.maxLine = maxLine;
    this.onLine = onLine;
  }

  void accept(ByteBuffer bytes) {
    while (bytes.hasRemaining()) {
      byte b = bytes.get();
      if (afterCarriageReturn) {
        afterCarriageReturn = false;
        if (b == '\n') {
          continue;
        }
      }
      if (b == '\n' || b == '\r') {
        afterCarriageReturn = b == '\r';
        emit();
      } else {
        if (length == line.length) {
          if (length >= maxLine) {
            throw ProviderFailure.oversized("upstream stream line over " + maxLine + " bytes");
          }
          line = Arrays.copyOf(line, (int) Math.min(maxLine, line.length * 2L));
        }
        line[length++] = b;
      }
    }
  }

  /** The stream ended: a last line without its terminator still counts. */
  void end() {
    if (length > 0) {
      emit();
    }
  }

  private void emit() {
    String text = new String(line, 0, length, StandardCharsets.UTF_8);
    length = 0;
    onLine.accept(text);
  }
}
