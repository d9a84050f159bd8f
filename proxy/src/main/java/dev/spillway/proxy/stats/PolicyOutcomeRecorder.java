package dev.spillway.proxy.stats;

import dev.spillway.proxy.http.RoutingHeaders;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * Counts each finished request against the policy that matched it, read from the response's
 * {@code x-spillway-policy} header: the routing code already says which policy it used, so this
 * handler wraps it without a hook inside. Requests refused before a policy matched (bad JSON, no
 * config) carry no such header and are not counted.
 */
public final class PolicyOutcomeRecorder implements HttpHandler {
  private final StatsRegistry stats;
  private final HttpHandler next;

  public PolicyOutcomeRecorder(StatsRegistry stats, HttpHandler next) {
    this.stats = stats;
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    exchange.addExchangeCompleteListener((done, proceed) -> {
      String policy = done.getResponseHeaders().getFirst(RoutingHeaders.POLICY);
      if (policy != null) {
        int status = done.getStatusCode();
        stats.policyOutcome(policy, status >= 200 && status < 300);
      }
      proceed.proceed();
    });
    next.handleRequest(exchange);
  }
}
