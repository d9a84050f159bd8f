package dev.spillway.proxy.auth;

import dev.spillway.proxy.http.Responses;
import dev.spillway.proxy.telemetry.CallObserver;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * The door of the public API: takes the client's key off the request, and either attaches the
 * {@link Caller} (and tells telemetry who it is) or answers 401 (in the endpoint's error shape,
 * see {@link dev.spillway.proxy.http.ErrorShape}), before the body is even read.
 */
public final class AuthHandler implements HttpHandler {
  private final Authenticator authenticator;
  private final HttpHandler next;

  public AuthHandler(Authenticator authenticator, HttpHandler next) {
    this.authenticator = authenticator;
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    Authenticator.Outcome outcome = authenticator.authenticate(ClientKeys.take(exchange.getRequestHeaders()));
    if (outcome.rejection() != null) {
      exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer");
      Responses.error(exchange, outcome.rejection().error(message(outcome.rejection())));
      return;
    }
    Caller caller = outcome.caller();
    if (caller != null) {
      exchange.putAttachment(Caller.KEY, caller);
      CallObserver.of(exchange).authenticated(caller.name(), caller.keyId(), caller.consumer().attributes());
    }
    next.handleRequest(exchange);
  }

  private static String message(Rejection rejection) {
    return switch (rejection) {
      case MISSING_KEY -> "No API key provided: send it as 'Authorization: Bearer <key>' or 'x-api-key: <key>'";
      case EXPIRED_KEY -> "This API key has expired: use your consumer's current key";
      default -> "Incorrect API key provided";
    };
  }
}
