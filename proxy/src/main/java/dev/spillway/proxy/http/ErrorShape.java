package dev.spillway.proxy.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpHandler;
import io.undertow.util.AttachmentKey;

/**
 * How an endpoint spells its error bodies. OpenAI's shape unless the endpoint attaches another:
 * {@code /v1/messages} answers in Anthropic's, so its SDK raises its own error classes. Attached
 * before the body is read, every error of the exchange (413, a bad body, a 503 after failover)
 * takes the endpoint's shape.
 */
public interface ErrorShape {
  AttachmentKey<ErrorShape> KEY = AttachmentKey.create(ErrorShape.class);

  /** The body to send for this error (its status is kept). */
  ObjectNode body(ApiError error);

  /** {@code next}, with its errors in this shape. */
  static HttpHandler attach(ErrorShape shape, HttpHandler next) {
    return exchange -> {
      exchange.putAttachment(KEY, shape);
      next.handleRequest(exchange);
    };
  }
}
