package dev.spillway.proxy.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.Locale;

/**
 * Refuses a browser's cross-origin "simple" request: a page on another site may POST
 * {@code text/plain} (or a form) to a proxy on the user's machine or network without a CORS
 * preflight, and the proxy would spend the user's provider credit on it. The proxy serves no web
 * pages, so a request carrying an {@code Origin} header comes from someone else's page; it is
 * served only as JSON, which a browser sends cross-origin only after a preflight the proxy never
 * grants. Clients that are not browsers send no Origin and are not affected.
 */
public final class CrossOriginGuard implements HttpHandler {
  private static final HttpString ORIGIN = new HttpString("Origin");
  private final HttpHandler next;

  public CrossOriginGuard(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String origin = exchange.getRequestHeaders().getFirst(ORIGIN);
    if (origin != null && !isJson(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE))) {
      exchange.setPersistent(false);
      Responses.error(exchange, ApiError.of(403, "invalid_request_error", "cross_origin_request_refused", null,
          "a browser request from another origin must be application/json; this proxy grants no cross-origin access"));
      return;
    }
    next.handleRequest(exchange);
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.toLowerCase(Locale.ROOT);
    int semicolon = type.indexOf(';');
    return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().equals("application/json");
  }
}
