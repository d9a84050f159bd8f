package dev.spillway.proxy.telemetry;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;

/**
 * Opens a call's telemetry when the request arrives — its server span continues the caller's
 * {@code traceparent}, and the response carries ours and the trace id from the start, whatever
 * answers — and closes it when the exchange completes, with the status actually sent.
 */
final class TelemetryHandler implements HttpHandler {
  static final HttpString TRACEPARENT = HttpString.tryFromString("traceparent");
  static final HttpString TRACE_ID = HttpString.tryFromString("x-spillway-trace-id");

  private final Telemetry telemetry;
  private final HttpHandler next;

  TelemetryHandler(Telemetry telemetry, HttpHandler next) {
    this.telemetry = telemetry;
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    RequestTelemetry call = telemetry.begin(exchange);
    exchange.putAttachment(CallObserver.KEY, call);
    String traceparent = call.traceparent();
    if (traceparent != null) {
      exchange.getResponseHeaders().put(TRACEPARENT, traceparent);
      exchange.getResponseHeaders().put(TRACE_ID, call.traceId());
    }
    // Registered first, so this listener runs last, and its proceed() hands the connection back
    // (reads resume for the client's next request). The response is already sent; the call's
    // telemetry (metrics, spans, access log) is recorded after that hand-back, so it never sits
    // between one response and the next request on the connection. The call's latency stops
    // before it.
    exchange.addExchangeCompleteListener((ex, nextListener) -> {
      long endNanos = System.nanoTime();
      int status = ex.getStatusCode();
      try {
        nextListener.proceed();
      } finally {
        call.finish(status, endNanos);
      }
    });
    next.handleRequest(exchange);
  }
}
