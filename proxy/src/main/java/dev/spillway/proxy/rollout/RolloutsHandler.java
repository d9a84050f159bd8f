package dev.spillway.proxy.rollout;

import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.http.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Map;

/** {@code GET /v1/spillway/rollouts}: each active rollout on this replica, its arms and any rollback. */
public final class RolloutsHandler implements HttpHandler {
  private final RolloutArms arms;

  public RolloutsHandler(RolloutArms arms) {
    this.arms = arms;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    Responses.json(exchange, 200, Map.of("cache-control", "no-store"),
        Json.MAPPER.valueToTree(Map.of("rollouts", arms.reports())));
  }
}
