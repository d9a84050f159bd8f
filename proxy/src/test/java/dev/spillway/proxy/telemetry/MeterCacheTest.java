package dev.spillway.proxy.telemetry;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The proxy resolves its meters once per label combination and records into the cached ones: many
 * concurrent calls sharing a combination, then calls splitting off into new ones, must still add up
 * exactly, and a meter appears only once something was recorded into it.
 */
class MeterCacheTest extends TelemetryTestBase {
  private static final int THREADS = 8;
  private static final int CALLS_PER_THREAD = 25;
  private static final String BACKUP_BODY = "{\"id\":\"x\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
      + "\"message\":{\"role\":\"assistant\",\"content\":\"b\"},\"finish_reason\":\"stop\"}],"
      + "\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":500}}";

  @Override
  TelemetryOptions telemetry(String otlpEndpoint) {
    // Metrics only: the cache is on the untraced path too.
    return TelemetryOptions.DEFAULTS;
  }

  @Test
  void concurrentCallsAddUpOnSharedAndNewLabelSets() throws Exception {
    loadTwoTargetsWithoutHedging();
    primary.always(Reply.json(200, ProxyClient.completion("a")));
    backup.always(Reply.json(200, BACKUP_BODY));
    int served = callConcurrently();
    assertThat(served).isEqualTo(THREADS * CALLS_PER_THREAD);
    await().until(() -> scrape().sum("spillway_requests_total") == served);

    PrometheusText metrics = scrape();
    Map<String, String> primaryOk = Map.of("target", "primary/gpt-4o", "outcome", "success");
    assertThat(metrics.sum("spillway_target_attempts_total", primaryOk)).isEqualTo(served);
    assertThat(metrics.sum("spillway_target_duration_seconds_count", primaryOk)).isEqualTo(served);
    assertThat(metrics.sum("spillway_request_duration_seconds_count")).isEqualTo(served);
    assertThat(metrics.sum("gen_ai_client_operation_duration_seconds_count",
        Map.of("gen_ai_request_model", "gpt-4o", "error_type", ""))).isEqualTo(served);
    // completion(): 3 prompt and 2 completion tokens per call.
    assertThat(metrics.sum("gen_ai_client_token_usage_sum",
        Map.of("gen_ai_request_model", "gpt-4o", "gen_ai_token_type", "input"))).isEqualTo(3.0 * served);
    assertThat(metrics.sum("gen_ai_client_token_usage_sum",
        Map.of("gen_ai_request_model", "gpt-4o", "gen_ai_token_type", "output"))).isEqualTo(2.0 * served);
    // Plain calls have no first token; its timer must not have been registered ahead of use.
    assertThat(metrics.has("spillway_time_to_first_token_seconds_count")).isFalse();

    // The primary now fails: new label sets (error.type 503, served by the backup, a failover).
    primary.always(Reply.json(503, "{\"error\":{\"message\":\"overloaded\"}}"));
    int failedOver = callConcurrently();
    await().until(() -> scrape().sum("spillway_requests_total") == served + failedOver);

    metrics = scrape();
    assertThat(metrics.sum("spillway_requests_total", Map.of("status", "200", "served_by", "primary/gpt-4o")))
        .isEqualTo(served);
    assertThat(metrics.sum("spillway_requests_total", Map.of("status", "200", "served_by", "backup/gpt-4o-mini")))
        .isEqualTo(failedOver);
    // Once the primary looks unhealthy the resilience engine skips it without a call, so only
    // some calls fail over; every meter must agree on how many did.
    double failovers = metrics.sum("spillway_failovers_total", Map.of("from", "primary/gpt-4o", "reason", "503"));
    assertThat(failovers).isPositive();
    assertThat(metrics.sum("spillway_target_attempts_total",
        Map.of("target", "primary/gpt-4o", "outcome", "failure", "error_type", "503"))).isEqualTo(failovers);
    assertThat(metrics.sum("spillway_target_attempts_total", primaryOk)).isEqualTo(served);
    assertThat(metrics.sum("gen_ai_client_operation_duration_seconds_count",
        Map.of("gen_ai_request_model", "gpt-4o", "error_type", "503"))).isEqualTo(failovers);
    assertThat(metrics.sum("spillway_target_attempts_total",
        Map.of("target", "backup/gpt-4o-mini", "outcome", "success"))).isEqualTo(failedOver);
    // Failed attempts record no tokens, so no token series with their (empty) response model exists.
    assertThat(metrics.has("gen_ai_client_token_usage_count",
        Map.of("gen_ai_request_model", "gpt-4o", "gen_ai_response_model", ""))).isFalse();
    assertThat(metrics.has("gen_ai_client_operation_duration_seconds_count",
        Map.of("gen_ai_request_model", "gpt-4o", "gen_ai_response_model", ""))).isTrue();
    // Each backup call: 1000 × $2/M + 500 × $8/M = $0.006.
    assertThat(metrics.sum("spillway_spend_usd_total", Map.of("target", "backup/gpt-4o-mini")))
        .isCloseTo(0.006 * failedOver, within(1e-9));
  }

  /** THREADS × CALLS_PER_THREAD calls from parallel clients; returns how many answered 200. */
  private int callConcurrently() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        results.add(pool.submit(() -> {
          int ok = 0;
          for (int i = 0; i < CALLS_PER_THREAD; i++) {
            if (client.chat(chatBody("chat")).statusCode() == 200) {
              ok++;
            }
          }
          return ok;
        }));
      }
      int ok = 0;
      for (Future<Integer> result : results) {
        ok += result.get();
      }
      return ok;
    } finally {
      pool.shutdownNow();
    }
  }

  private PrometheusText scrape() throws Exception {
    return new PrometheusText(admin.get("/metrics").body());
  }
}
