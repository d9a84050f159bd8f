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
 *
 * <p>The text is prose, not one word repeated: Spillway's repetition check (on by default) fails a
 * looping answer, and its drift monitor demotes a target whose answers keep failing, which would
 * turn a long benchmark stream into 503s. The first chunk carries the answer's first eight words,
 * as many as the check's opening hold waits for (it judges a stream's opening before releasing
 * it): the figure measured is then the proxy's own cost; how long the hold waits for a slow model's
 * words is the model's pace, not the proxy's work (docs/benchmarks.md, "Streams: first token and
 * memory per stream").
 */
final class SlowStream {
  /**
   * Two paragraphs of 54 and 53 words (none in both): chunk i carries word i of each, so the pairs
   * only repeat after 54 × 53 chunks and no word trigram repeats within any benchmark stream.
   */
  private static final String[] FIRST = (
      "Streams arrive via many providers while the router keeps every connection moving along steady "
          + "paths; each answer carries plain words that a reader would expect from one helpful assistant "
          + "explaining routing choices calmly with examples about latency budgets, retries, failover, "
          + "quotas, caching, tracing, metrics and careful limits so nothing waits longer than needed "
          + "today").split(" ");
  private static final String[] SECOND = (
      "Operators watch dashboards showing healthy targets, rising demand, quiet regions, busy evenings, "
          + "cheaper fallbacks, warm pools, fresh deployments, slow disks, noisy neighbours, patient "
          + "queues, small batches, big prompts, short replies, long contexts, honest estimates, clear "
          + "alerts, tidy runbooks, calm handovers, sharp graphs, brief outages, swift recoveries, "
          + "useful traces, kind reviews, proud teams, good").split(" ");
  private static final int OPENING_WORDS = 8;
  private static final byte[] OPENING = chunk(String.join(" ", java.util.Arrays.copyOf(FIRST, OPENING_WORDS)) + " ");
  private static final byte[][] NEXT = new byte[FIRST.length * SECOND.length][];
  private static final byte[] LAST = MockUpstream.bytes(
      "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
          + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
          + "data: [DONE]\n\n");

  static {
    for (int i = 0; i < NEXT.length; i++) {
      NEXT[i] = chunk(FIRST[(OPENING_WORDS + i) % FIRST.length] + " " + SECOND[i % SECOND.length] + " ");
    }
  }

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

  /** The {@code sent}-th content chunk (1 = the opening). */
  static byte[] content(int sent) {
    return sent == 1 ? OPENING : NEXT[(sent - 2) % NEXT.length];
  }

  private void send(HttpServerExchange exchange, int sent, int chunks) {
    Sender sender = exchange.getResponseSender();
    byte[] content = content(sent);
    if (sent >= chunks) {
      sender.send(ByteBuffer.wrap(ByteBuffer.allocate(content.length + LAST.length).put(content).put(LAST).array()));
      return;
    }
    sender.send(ByteBuffer.wrap(content), new IoCallback() {
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

  private static byte[] chunk(String text) {
    return MockUpstream.bytes(
        "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
            + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},"
            + "\"finish_reason\":null}]}\n\n");
  }
}
