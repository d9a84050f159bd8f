package dev.spillway.proxy.stats;

import dev.spillway.proxy.config.RuntimeConfig;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.http.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import dev.spillway.stats.StatsView;
import java.util.Map;
import java.util.function.Supplier;

/** {@code GET /v1/spillway/stats}: the counters of this replica as a {@link dev.spillway.stats.StatsView}. */
public final class StatsHandler implements HttpHandler {
  private final StatsRegistry stats;
  private final RuntimeConfig runtime;
  private final Supplier<Map<String, StatsView.LiveStats>> live;
  private final Supplier<Map<String, StatsView.ConsumerStats>> consumers;
  private final Supplier<StatsView.SharedStateStats> sharedState;

  /**
   * @param live each target's live state by target id, read on every scrape (the operator scrapes
   *     on an interval, never per request)
   * @param consumers each consumer's calls and spend on this replica
   * @param sharedState this replica's shared state now, null without one
   */
  public StatsHandler(StatsRegistry stats, RuntimeConfig runtime, Supplier<Map<String, StatsView.LiveStats>> live,
      Supplier<Map<String, StatsView.ConsumerStats>> consumers, Supplier<StatsView.SharedStateStats> sharedState) {
    this.stats = stats;
    this.runtime = runtime;
    this.live = live;
    this.consumers = consumers;
    this.sharedState = sharedState;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    String version = runtime.current().map(snapshot -> snapshot.config().version()).orElse(null);
    Responses.json(exchange, 200, Map.of("cache-control", "no-store"), 
        Json.MAPPER.valueToTree(stats.view(version, live.get()).withConsumers(consumers.get())
            .withSharedState(sharedState.get())));
  }
}
