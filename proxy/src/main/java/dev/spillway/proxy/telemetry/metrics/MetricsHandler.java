package dev.spillway.proxy.telemetry.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * {@code GET /metrics}: the Prometheus text format, on the proxy's own port (one port to expose and
 * to scrape; nothing here is secret). Scraping walks every meter, so it runs on a worker thread,
 * not the IO thread.
 */
public final class MetricsHandler implements HttpHandler {
  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private final PrometheusMeterRegistry registry;
  private final Runnable beforeScrape;

  /** @param beforeScrape refreshes gauges read from elsewhere (target state) */
  public MetricsHandler(PrometheusMeterRegistry registry, Runnable beforeScrape) {
    this.registry = registry;
    this.beforeScrape = beforeScrape;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    if (exchange.isInIoThread()) {
      exchange.dispatch(this);
      return;
    }
    beforeScrape.run();
    String body = registry.scrape();
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, CONTENT_TYPE);
    exchange.getResponseSender().send(body);
  }
}
