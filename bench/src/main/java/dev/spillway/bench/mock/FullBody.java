package dev.spillway.bench.mock;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * Gathers a request body with one bulk copy per network read. Undertow's {@code receiveFullBytes}
 * appends every byte on its own to a synchronised {@code ByteArrayOutputStream}: 16–40 ms for a
 * 1 MB prompt, which hid the proxies' own cost of a long prompt (and charged the traced proxy's
 * OTLP exports to the mock's share of the two cores).
 */
final class FullBody {
  /** Far above the bench's largest body (1 MB), so a runaway sender is refused rather than buffered. */
  static final int MAX_BYTES = 64 << 20;
  private static final byte[] TOO_LARGE = "{\"error\":{\"message\":\"body over 64 MB\"}}".getBytes(StandardCharsets.UTF_8);

  private byte[] body;
  private int length;

  private FullBody(long contentLength) {
    this.body = new byte[(int) Math.max(0, Math.min(contentLength, MAX_BYTES))];
  }

  /** Calls {@code then} with the whole body on the IO thread; a body over {@link #MAX_BYTES} gets a 413. */
  static void read(HttpServerExchange exchange, BiConsumer<HttpServerExchange, byte[]> then) {
    String declared = exchange.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
    long contentLength = declared == null ? 4096 : Long.parseLong(declared);
    if (contentLength > MAX_BYTES) {
      tooLarge(exchange);
      return;
    }
    FullBody gathered = new FullBody(contentLength);
    exchange.getRequestReceiver().receivePartialBytes((ex, chunk, last) -> {
      if (!gathered.append(chunk)) {
        tooLarge(ex);
      } else if (last) {
        then.accept(ex, gathered.bytes());
      }
    });
  }

  private boolean append(byte[] chunk) {
    if (length + chunk.length > body.length) {
      if ((long) length + chunk.length > MAX_BYTES) {
        return false;
      }
      body = Arrays.copyOf(body, (int) Math.min(MAX_BYTES, Math.max(2L * body.length, length + chunk.length)));
    }
    System.arraycopy(chunk, 0, body, length, chunk.length);
    length += chunk.length;
    return true;
  }

  private byte[] bytes() {
    return length == body.length ? body : Arrays.copyOf(body, length);
  }

  private static void tooLarge(HttpServerExchange exchange) {
    if (!exchange.isResponseStarted()) {
      exchange.setStatusCode(413);
      exchange.setPersistent(false);
      exchange.getResponseSender().send(ByteBuffer.wrap(TOO_LARGE));
    }
  }
}
