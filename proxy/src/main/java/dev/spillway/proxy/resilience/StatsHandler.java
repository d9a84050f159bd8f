package dev.spillway.proxy.resilience;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.http.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Map;

/** {@code GET /v1/spillway/stats}: every target's live state as JSON ({@link TargetStatsView}). */
public final class StatsHandler implements HttpHandler {
  private final ResilienceEngine engine;

  public StatsHandler(ResilienceEngine engine) {
    this.engine = engine;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("targets", Json.MAPPER.valueToTree(engine.stats()));
    Responses.json(exchange, 200, Map.of("cache-control", "no-store"), body);
  }
}
