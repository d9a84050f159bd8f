package dev.spillway.proxy.telemetry;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Known traffic in, the same figures out of {@code GET /metrics}. */
class MetricsEndpointTest extends TelemetryTestBase {

  @Test
  void scrapedFiguresMatchTheTrafficSent() throws Exception {
    loadTwoTargets();
    // 3 calls served by the primary, then 2 that fail over to the backup.
    primary.enqueue(Reply.json(200, ProxyClient.completion("a")))
        .enqueue(Reply.json(200, ProxyClient.completion("b")))
        .enqueue(Reply.json(200, ProxyClient.completion("c")))
        .always(Reply.json(503, "{\"error\":{\"message\":\"overloaded\"}}"));
    backup.always(Reply.json(200, "{\"id\":\"x\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":\"b\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":100000,\"completion_tokens\":50000}}"));
    for (int i = 0; i < 5; i++) {
      assertThat(client.chat(chatBody("chat")).statusCode()).isEqualTo(200);
    }
    assertThat(client.chat(chatBody("no-such-model")).statusCode()).isEqualTo(404);

    HttpResponse<String> scrape = admin.get("/metrics");

    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain");
    // A call is counted when its exchange completes, just after the client has its answer.
    await().until(() -> new PrometheusText(admin.get("/metrics").body()).sum("spillway_requests_total") == 6);
    PrometheusText metrics = new PrometheusText(admin.get("/metrics").body());

    String duration = "gen_ai_client_operation_duration_seconds_count";
    assertThat(metrics.sum(duration, Map.of("gen_ai_request_model", "gpt-4o", "error_type", ""))).isEqualTo(3);
    assertThat(metrics.sum(duration, Map.of("gen_ai_request_model", "gpt-4o", "error_type", "503"))).isEqualTo(2);
    assertThat(metrics.sum(duration, Map.of("gen_ai_request_model", "gpt-4o-mini", "gen_ai_operation_name", "chat",
        "gen_ai_provider_name", "openai_compatible", "gen_ai_response_model", "gpt-4o-mini"))).isEqualTo(2);
    assertThat(metrics.has("gen_ai_client_operation_duration_seconds_bucket")).isTrue();

    // completion(): 3 prompt + 2 completion tokens per primary call; the backup 100k + 50k.
    String tokens = "gen_ai_client_token_usage_sum";
    assertThat(metrics.sum(tokens, Map.of("gen_ai_request_model", "gpt-4o", "gen_ai_token_type", "input"))).isEqualTo(9);
    assertThat(metrics.sum(tokens, Map.of("gen_ai_request_model", "gpt-4o", "gen_ai_token_type", "output"))).isEqualTo(6);
    assertThat(metrics.sum(tokens, Map.of("gen_ai_request_model", "gpt-4o-mini", "gen_ai_token_type", "input"))).isEqualTo(200_000);

    assertThat(metrics.sum("spillway_target_attempts_total", Map.of("target", "primary/gpt-4o", "outcome", "failure"))).isEqualTo(2);
    assertThat(metrics.sum("spillway_target_attempts_total", Map.of("target", "primary/gpt-4o", "outcome", "success"))).isEqualTo(3);
    assertThat(metrics.sum("spillway_failovers_total", Map.of("from", "primary/gpt-4o", "reason", "503"))).isEqualTo(2);
    assertThat(metrics.sum("spillway_requests_total", Map.of("status", "200", "served_by", "backup/gpt-4o-mini"))).isEqualTo(2);
    assertThat(metrics.sum("spillway_requests_total", Map.of("status", "404"))).isEqualTo(1);
    // 2 × (100k × $2/M + 50k × $8/M) = 2 × $0.60
    assertThat(metrics.sum("spillway_spend_usd_total", Map.of("target", "backup/gpt-4o-mini"))).isCloseTo(1.2, within(1e-9));
    assertThat(metrics.sum("spillway_config_info", Map.of("version", "cfg-42"))).isEqualTo(1);
    assertThat(metrics.has("spillway_trace_spans_dropped_total")).isTrue();
  }
}
