package dev.spillway.proxy.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import java.util.Map;

/** Writes whole JSON answers. Undertow's Sender is safe from any thread, one writer at a time. */
public final class Responses {
  /**
   * The names of the headers our answers carry, made once: Undertow knows only the standard names,
   * so any other would be copied into a new HttpString (and hashed) for every response.
   */
  private static final Map<String, HttpString> ROUTING_HEADERS = Map.of(
      RoutingHeaders.SERVED_BY, new HttpString(RoutingHeaders.SERVED_BY),
      RoutingHeaders.ATTEMPTS, new HttpString(RoutingHeaders.ATTEMPTS),
      RoutingHeaders.FALLBACK_REASON, new HttpString(RoutingHeaders.FALLBACK_REASON),
      RoutingHeaders.POLICY, new HttpString(RoutingHeaders.POLICY),
      RoutingHeaders.CONFIG_VERSION, new HttpString(RoutingHeaders.CONFIG_VERSION),
      RoutingHeaders.SERVED_REGION, new HttpString(RoutingHeaders.SERVED_REGION),
      RoutingHeaders.CALLER_FALLBACKS, new HttpString(RoutingHeaders.CALLER_FALLBACKS),
      RequestIds.HEADER, new HttpString(RequestIds.HEADER));

  private Responses() {}

  public static void json(
      HttpServerExchange exchange, int status, Map<String, String> headers, JsonNode body) {
    exchange.setStatusCode(status);
    headers.forEach((name, value) -> exchange.getResponseHeaders().put(headerName(name), value));
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    exchange.getResponseSender().send(ByteBuffer.wrap(Json.bytes(body)));
  }

  private static HttpString headerName(String name) {
    HttpString known = ROUTING_HEADERS.get(name);
    return known != null ? known : HttpString.tryFromString(name);
  }

  public static void error(HttpServerExchange exchange, ApiError error, Map<String, String> headers) {
    if (error.retryAfter() != null) {
      // Whole seconds, rounded up: a client that waits exactly this long finds capacity.
      long seconds = Math.max(1, (error.retryAfter().toMillis() + 999) / 1000);
      exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(seconds));
    }
    ErrorShape shape = exchange.getAttachment(ErrorShape.KEY);
    json(exchange, error.status(), headers, shape == null ? error.body() : shape.body(error));
  }

  public static void error(HttpServerExchange exchange, ApiError error) {
    error(exchange, error, Map.of());
  }
}
