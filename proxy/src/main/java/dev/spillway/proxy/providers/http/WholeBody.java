package dev.spillway.proxy.providers.http;

import io.undertow.client.ClientResponse;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import java.net.http.HttpHeaders;
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
    long max = exchange.client.limits().maxBodyBytes();
    long declared = declaredSize(response.getResponseHeaders().getFirst(Headers.CONTENT_LENGTH));
    if (declared > max) {
      throw ByteCollector.tooLarge(max); // refused before a byte is read
    }
    this.bytes = new ByteCollector(declared, max);
  }

  @Override
  public boolean more(ByteBuffer chunk) {
    if (exchange.finished()) {
      return false;
    }
    exchange.progressed();
    bytes.append(chunk); // throws past the limit: BodyReader hands it to failed()
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
      HeaderMap headers = response.getResponseHeaders();
      answered.accept(new UpstreamResponse(response.getResponseCode(), new UpstreamResponse.Headers() {
        @Override
        public HttpHeaders all() {
          return LoopExchange.headers(headers);
        }

        @Override
        public String first(String name) {
          return headers.getFirst(name); // Undertow's map is case-insensitive
        }
      }, bytes.toArray()));
    }
  }

  @Override
  public void failed(Exception e) {
    exchange.bodyFailed(e);
  }

  private static long declaredSize(String contentLength) {
    if (contentLength != null) {
      try {
        return Long.parseLong(contentLength.trim());
      } catch (NumberFormatException ignored) {
        // fall through
      }
    }
    return 8 * 1024;
  }
}
