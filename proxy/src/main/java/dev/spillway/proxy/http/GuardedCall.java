package dev.spillway.proxy.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a handler from a callback, where an exception would otherwise leave the client hanging. */
final class GuardedCall {
  private static final Logger LOG = LoggerFactory.getLogger(GuardedCall.class);

  private GuardedCall() {}

  static void run(HttpHandler handler, HttpServerExchange exchange) {
    try {
      handler.handleRequest(exchange);
    } catch (ApiError error) {
      Responses.error(exchange, error);
    } catch (Exception | LinkageError e) {
      LOG.error("request failed", e);
      if (!exchange.isResponseStarted()) {
        Responses.error(exchange, ApiError.of(500, "server_error", null, null, "internal error"));
      } else {
        exchange.endExchange();
      }
    }
  }
}
