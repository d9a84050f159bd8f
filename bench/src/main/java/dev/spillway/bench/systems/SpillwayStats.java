package dev.spillway.bench.systems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** One target's figures from Spillway's {@code GET /v1/spillway/stats}: the harness's check of what a case measured. */
public record SpillwayStats(long calls, long errors, String circuit) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The target's figures now; calls 0 and circuit "unknown" when the proxy has not seen it yet.
   *
   * @param port the proxy's admin port (the public one answers 404 for stats)
   */
  public static SpillwayStats of(int port, String targetId) throws IOException, InterruptedException {
    JsonNode target = JSON.readTree(AdminEndpoint.get(port, "/v1/spillway/stats")).path("targets").path(targetId);
    return new SpillwayStats(target.path("calls").asLong(), target.path("errors").asLong(),
        target.path("live").path("circuit").asText("unknown"));
  }
}
