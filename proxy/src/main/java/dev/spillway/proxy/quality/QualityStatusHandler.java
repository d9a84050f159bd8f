package dev.spillway.proxy.quality;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.http.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Map;

/**
 * {@code GET /v1/spillway/quality}: each watched target's drift state and its reason, for the
 * operator's status and for people. Reads published snapshots only: never blocks routing.
 */
public final class QualityStatusHandler implements HttpHandler {
  private final DriftMonitor drift;

  public QualityStatusHandler(DriftMonitor drift) {
    this.drift = drift;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ObjectNode targets = body.putObject("targets");
    drift.states().forEach((id, state) -> {
      ObjectNode target = targets.putObject(id)
          .put("drifting", state.drifting())
          .put("driftSigma", state.sigma())
          .put("score", state.score())
          .put("baselineFailureRate", state.baselineFailureRate())
          .put("recentFailureRate", state.recentFailureRate())
          .put("answers", state.answers())
          .put("lastFailure", state.lastFailure())
          .put("formDrifting", state.formDrifting())
          .put("formSigma", state.formSigma())
          .put("formStatistic", state.formStatistic());
      if (state.drifting()) {
        target.put("reason", state.reason());
      }
    });
    Responses.json(exchange, 200, Map.of(), body);
  }
}
