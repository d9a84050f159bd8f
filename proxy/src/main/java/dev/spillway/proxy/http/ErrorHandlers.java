package dev.spillway.proxy.http;

import io.undertow.server.HttpHandler;

/** 404 and 405 in the OpenAI error shape, for clients that parse every error body. */
public final class ErrorHandlers {
  private ErrorHandlers() {}

  public static HttpHandler notFound() {
    return exchange -> Responses.error(exchange, ApiError.of(404, "invalid_request_error", "not_found", null,
        "Unknown path " + exchange.getRequestPath()));
  }

  public static HttpHandler methodNotAllowed() {
    return exchange -> Responses.error(exchange, ApiError.of(405, "invalid_request_error", "method_not_allowed", null,
        exchange.getRequestMethod() + " is not allowed on " + exchange.getRequestPath()));
  }
}
