package dev.spillway.bench.systems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One target's figures from Spillway's {@code GET /v1/spillway/stats}: the harness's check of what a case measured. */
public record SpillwayStats(long calls, long errors, String circuit) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The target's figures now; calls 0 and circuit "unknown" when the proxy has not seen it yet.
   *
   * @param port the proxy's admin port (the public one answers 404 for stats)
   */
  public static SpillwayStats of(int port, String targetId) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> response = client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/spillway/stats"))
            .timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET /v1/spillway/stats answered " + response.statusCode());
    }
    JsonNode target = JSON.readTree(response.body()).path("targets").path(targetId);
    return new SpillwayStats(target.path("calls").asLong(), target.path("errors").asLong(),
        target.path("live").path("circuit").asText("unknown"));
  }
}
