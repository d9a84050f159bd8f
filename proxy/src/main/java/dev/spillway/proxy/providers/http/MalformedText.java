package dev.spillway.proxy.providers.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads an event's bytes as JSON, and when that fails on malformed UTF-8, reads them again with
 * the malformed sequences replaced by U+FFFD, as a text decoder does. Events reach their handlers
 * as the upstream's bytes, never decoded (see {@link SseHandler#onEvent}), and a JSON parser
 * refuses bytes that are not UTF-8 where the decoder the proxy used before replaced them: an
 * upstream that cuts a character in half (some open-model servers stream a token's bytes as they
 * come) still gets its answer through, with the replacement character where the bytes were. The
 * second read costs nothing on well-formed events, which are read once.
 */
public final class MalformedText {
  /** One reading of an event's bytes. */
  @FunctionalInterface
  public interface Reader<T> {
    T read(byte[] data) throws IOException;
  }

  private MalformedText() {}

  /** @throws IOException when the bytes are not what the reader takes even with malformed UTF-8 replaced */
  public static <T> T read(byte[] data, Reader<T> reader) throws IOException {
    try {
      return reader.read(data);
    } catch (IOException malformed) {
      byte[] replaced = new String(data, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
      if (Arrays.equals(replaced, data)) {
        throw malformed; // well-formed UTF-8: the reader's own verdict stands
      }
      return reader.read(replaced);
    }
  }
}
