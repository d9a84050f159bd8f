package dev.spillway.proxy.providers.http;

import io.undertow.client.ClientResponse;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Gathers one answer's body whole (sized by Content-Length when given) and hands the answer over
 * at the end, unless the exchange was cancelled: plain calls, and streams answered with an error.
 */
final class WholeBody implements BodyReader.Sink {
  private final LoopExchange exchange;
  private final ClientResponse response;
  private final Consumer<UpstreamResponse> answered;
  private final ByteCollector bytes;

  WholeBody(LoopExchange exchange, ClientResponse response, Consumer<UpstreamResponse> answered) {
    this.exchange = exchange;
    this.response = response;
    this.answered = answered;
    this.bytes = new ByteCollector(initialSize(response.getResponseHeaders().getFirst(Headers.CONTENT_LENGTH)));
  }

  @Override
  public boolean more(ByteBuffer chunk) {
    if (exchange.finished()) {
      return false;
    }
    bytes.append(chunk);
    return true;
  }

  @Override
  public void end() {
    if (exchange.finished()) {
      return;
    }
    // Give the connection back before the answer is handled: a failover it causes can reuse it.
    exchange.done();
    if (!exchange.cancelled()) {
      answered.accept(new UpstreamResponse(
          response.getResponseCode(), () -> LoopExchange.headers(response.getResponseHeaders()), bytes.toArray()));
    }
  }

  @Override
  public void failed(Exception e) {
    exchange.bodyFailed(e);
  }

  private static int initialSize(String contentLength) {
    if (contentLength != null) {
      try {
        // Bounded: the header is the peer's word, the array is our memory.
        return (int) Math.min(Math.max(0, Long.parseLong(contentLength.trim())), 1 << 20);
      } catch (NumberFormatException ignored) {
        // fall through
      }
    }
    return 8 * 1024;
  }
}
