package dev.spillway.proxy.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import java.util.Map;

/** Writes whole JSON answers. Undertow's Sender is safe from any thread, one writer at a time. */
public final class Responses {
  private Responses() {}

  public static void json(
      HttpServerExchange exchange, int status, Map<String, String> headers, JsonNode body) {
    exchange.setStatusCode(status);
    headers.forEach((name, value) -> exchange.getResponseHeaders().put(HttpString.tryFromString(name), value));
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    exchange.getResponseSender().send(ByteBuffer.wrap(Json.bytes(body)));
  }

  public static void error(HttpServerExchange exchange, ApiError error, Map<String, String> headers) {
    if (error.retryAfter() != null) {
      // Whole seconds, rounded up: a client that waits exactly this long finds capacity.
      long seconds = Math.max(1, (error.retryAfter().toMillis() + 999) / 1000);
      exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(seconds));
    }
    json(exchange, error.status(), headers, error.body());
  }

  public static void error(HttpServerExchange exchange, ApiError error) {
    error(exchange, error, Map.of());
  }
}
