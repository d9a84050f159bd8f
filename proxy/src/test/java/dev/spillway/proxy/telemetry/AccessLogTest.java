package dev.spillway.proxy.telemetry;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.proxy.telemetry.metrics.ProxyMetrics;
import dev.spillway.proxy.testing.Reply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One JSON line per call, with the routing story and no content unless opted in. */
class AccessLogTest extends TelemetryTestBase {

  @Test
  void aFailoverCallWritesOneLineWithWhoServedTokensCostAndWhy() throws Exception {
    loadTwoTargets();
    primary.always(Reply.json(503, "{\"error\":{\"message\":\"overloaded\"}}"));
    backup.always(Reply.json(200, "{\"id\":\"c\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":\"the answer\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":500}}"));

    try (AccessLogCapture access = new AccessLogCapture()) {
      HttpResponse<String> response = client.chat(chatBody("chat"));
      await().until(() -> access.lines().size() == 1);

      JsonNode line = access.json().get(0);
      assertThat(Instant.parse(line.get("time").asText())).isBefore(Instant.now().plusSeconds(1));
      assertThat(line.get("trace_id").asText()).isEqualTo(response.headers().firstValue("x-spillway-trace-id").orElseThrow());
      assertThat(line.get("model").asText()).isEqualTo("chat");
      assertThat(line.get("policy").asText()).isEqualTo("default");
      assertThat(line.get("config_version").asText()).isEqualTo("cfg-42");
      assertThat(line.get("served_by").asText()).isEqualTo("backup/gpt-4o-mini");
      assertThat(line.get("attempts").asInt()).isEqualTo(2);
      assertThat(line.get("status").asInt()).isEqualTo(200);
      assertThat(line.get("latency_ms").asDouble()).isPositive();
      assertThat(line.get("tokens_in").asLong()).isEqualTo(1000);
      assertThat(line.get("tokens_out").asLong()).isEqualTo(500);
      assertThat(line.get("cost_usd").asDouble()).isCloseTo(0.006, within(1e-9));
      assertThat(line.get("fallback_reason").asText()).isEqualTo("primary/gpt-4o: http 503");
      assertThat(access.lines().get(0)).doesNotContain("the answer").doesNotContain("\"hi\"");
      assertThat(line.has("request_messages")).isFalse();
    }
  }

  @Test
  void aCallThatNothingServedIsLoggedWithItsStatus() throws Exception {
    loadTwoTargets();
    primary.always(Reply.json(503, "{}"));
    backup.always(Reply.json(502, "{}"));

    try (AccessLogCapture access = new AccessLogCapture()) {
      assertThat(client.chat(chatBody("chat")).statusCode()).isEqualTo(503);
      await().until(() -> access.lines().size() == 1);

      JsonNode line = access.json().get(0);
      assertThat(line.get("status").asInt()).isEqualTo(503);
      assertThat(line.get("served_by").isNull()).isTrue();
      assertThat(line.get("attempts").asInt()).isEqualTo(2);
    }
  }

  @Test
  void turnedOffItWritesNothing() {
    RequestTelemetry call =
        new RequestTelemetry(Instant.now(), null, new ProxyMetrics(new SimpleMeterRegistry()), new AccessLog(false), false,
            null, summary -> {});

    try (AccessLogCapture access = new AccessLogCapture()) {
      call.finish(200, System.nanoTime());

      assertThat(access.lines()).isEmpty();
    }
  }
}
