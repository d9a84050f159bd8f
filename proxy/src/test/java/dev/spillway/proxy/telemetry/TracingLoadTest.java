package dev.spillway.proxy.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.Reply;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "Every call" measured, not assumed: after a few thousand calls the spans the receiver got equal
 * the spans kept (three per plain call), or the drop counter says exactly how many are missing.
 * The 60-second version, with tracing on vs off side by side, is {@link TracingBenchmark}.
 */
class TracingLoadTest extends TelemetryTestBase {
  private static final int CALLS = 2000;
  private static final int SPANS_PER_CALL = 3; // server, route, one attempt

  @Test
  void everyServedCallIsExportedOrCountedAsDropped() throws Exception {
    loadTwoTargetsWithoutHedging(); // a hedge on a busy machine would add a fourth span to a call
    primary.always(Reply.json(200, ProxyClient.completion("ok")));

    TracingLoad.Result result = TracingLoad.run(proxy.port(), 8, sent -> sent < CALLS);

    assertThat(result.served()).isEqualTo(CALLS);
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      proxy.telemetry().flushTraces();
      PrometheusText m = new PrometheusText(admin.get("/metrics").body());
      return m.sum("spillway_trace_spans_kept_total") == (double) CALLS * SPANS_PER_CALL;
    });
    proxy.telemetry().flushTraces();
    PrometheusText metrics = new PrometheusText(admin.get("/metrics").body());
    double exported = metrics.sum("spillway_trace_spans_exported_total");
    double dropped = metrics.sum("spillway_trace_spans_dropped_total");
    double failed = metrics.sum("spillway_trace_spans_export_failed_total");
    assertThat(metrics.sum("spillway_requests_total", Map.of("status", "200"))).isEqualTo(CALLS);
    assertThat(metrics.sum("spillway_trace_traces_total", Map.of("decision", "kept"))).isEqualTo(CALLS);
    assertThat(exported + dropped + failed).isEqualTo((double) CALLS * SPANS_PER_CALL);
    assertThat((double) receiver.spanCount()).isEqualTo(exported);
  }
}
