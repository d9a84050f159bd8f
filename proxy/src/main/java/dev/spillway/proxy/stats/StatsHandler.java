package dev.spillway.proxy.stats;

import dev.spillway.proxy.config.RuntimeConfig;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.http.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Map;

/** {@code GET /v1/spillway/stats}: the counters of this replica as a {@link dev.spillway.stats.StatsView}. */
public final class StatsHandler implements HttpHandler {
  private final StatsRegistry stats;
  private final RuntimeConfig runtime;

  public StatsHandler(StatsRegistry stats, RuntimeConfig runtime) {
    this.stats = stats;
    this.runtime = runtime;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    String version = runtime.current().map(snapshot -> snapshot.config().version()).orElse(null);
    Responses.json(exchange, 200, Map.of(), Json.MAPPER.valueToTree(stats.view(version)));
  }
}
