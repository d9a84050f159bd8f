package dev.spillway.bench.mock;

import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * An SSE completion that trickles: the first content chunk at once (so time to first token is the
 * proxies' cost, not the mock's), then one chunk per interval on the IO thread's own timer, so
 * thousands of open streams cost the mock no threads; a one-chunk stream ends at once.
 */
final class SlowStream {
  private static final byte[] CHUNK = MockUpstream.bytes(
      "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
          + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tok \"},"
          + "\"finish_reason\":null}]}\n\n");
  private static final byte[] LAST = MockUpstream.bytes(
      "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
          + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
          + "data: [DONE]\n\n");
  private static final byte[] CHUNK_AND_LAST =
      ByteBuffer.allocate(CHUNK.length + LAST.length).put(CHUNK).put(LAST).array();

  private final long intervalMs;

  SlowStream(Duration interval) {
    this.intervalMs = interval.toMillis();
  }

  /** Streams {@code chunks} content chunks, then the stop chunk and [DONE] right after the last. */
  void start(HttpServerExchange exchange, int chunks) {
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream");
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
    send(exchange, 1, chunks);
  }

  private void send(HttpServerExchange exchange, int sent, int chunks) {
    Sender sender = exchange.getResponseSender();
    if (sent >= chunks) {
      sender.send(ByteBuffer.wrap(CHUNK_AND_LAST));
      return;
    }
    sender.send(ByteBuffer.wrap(CHUNK), new IoCallback() {
      @Override
      public void onComplete(HttpServerExchange ex, Sender s) {
        ex.getIoThread().executeAfter(() -> send(ex, sent + 1, chunks), intervalMs, TimeUnit.MILLISECONDS);
      }

      @Override
      public void onException(HttpServerExchange ex, Sender s, IOException e) {
        ex.endExchange();
      }
    });
  }
}
