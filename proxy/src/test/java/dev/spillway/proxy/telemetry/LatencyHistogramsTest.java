package dev.spillway.proxy.telemetry;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The two latency meters ({@code spillway_target_duration_seconds}, {@code
 * spillway_request_duration_seconds}) are Prometheus histograms on the conventions' duration
 * buckets, so quantiles come from {@code histogram_quantile} over any number of replicas — the
 * chart's dashboard asks for exactly that.
 */
class LatencyHistogramsTest extends TelemetryTestBase {
  private static final int CALLS = 3;
  /** Every answer takes at least this long, so no call can fall in a bucket below it. */
  private static final Duration UPSTREAM_DELAY = Duration.ofMillis(100);
  private static final Path DASHBOARD = Path.of("..", "charts", "spillway", "dashboards", "spillway.json");

  @Test
  void latencyIsBucketedAndTheDashboardFindsItsSeries() throws Exception {
    loadTwoTargetsWithoutHedging();
    primary.always(Reply.json(200, ProxyClient.completion("a")).after(UPSTREAM_DELAY));
    for (int i = 0; i < CALLS; i++) {
      assertThat(client.chat(chatBody("chat")).statusCode()).isEqualTo(200);
    }
    await().until(() -> scrape().sum("spillway_requests_total") == CALLS);
    PrometheusText metrics = scrape();

    assertBucketed(metrics, "spillway_target_duration_seconds", Map.of("target", "primary/gpt-4o", "outcome", "success"));
    assertBucketed(metrics, "spillway_request_duration_seconds", Map.of("policy", "no-hedging", "stream", "false"));

    for (String series : bucketSeriesOfTheDashboard()) {
      assertThat(metrics.has(series)).as("the dashboard's " + series + " is scraped").isTrue();
    }
  }

  /** Cumulative buckets: none under the upstream's delay, all calls by +Inf, no client-side quantiles. */
  private static void assertBucketed(PrometheusText metrics, String name, Map<String, String> labels) {
    List<PrometheusText.Sample> buckets = metrics.samples(name + "_bucket", labels);
    assertThat(buckets).as(name + " buckets").hasSizeGreaterThan(10);
    for (PrometheusText.Sample bucket : buckets) {
      double le = Double.parseDouble(bucket.labels().get("le").replace("+Inf", "Infinity"));
      if (le < UPSTREAM_DELAY.toMillis() / 1000.0) {
        assertThat(bucket.value()).as(name + " le=" + le).isZero();
      }
      if (Double.isInfinite(le)) {
        assertThat(bucket.value()).as(name + " le=+Inf").isEqualTo(CALLS);
      }
    }
    assertThat(metrics.sum(name + "_count", labels)).isEqualTo(CALLS);
    assertThat(metrics.sum(name + "_sum", labels)).isGreaterThanOrEqualTo(CALLS * UPSTREAM_DELAY.toMillis() / 1000.0);
    assertThat(metrics.samples(name, labels)).as(name + " quantiles").noneMatch(s -> s.labels().containsKey("quantile"));
  }

  /** The histogram series the chart's Grafana dashboard reads (its panels' queries). */
  private static Set<String> bucketSeriesOfTheDashboard() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    Set<String> series = new LinkedHashSet<>();
    Pattern bucket = Pattern.compile("spillway_[a-z_]+_bucket");
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        Matcher m = bucket.matcher(target.path("expr").asText());
        while (m.find()) {
          series.add(m.group());
        }
      }
    }
    assertThat(series).as("histograms on the dashboard").isNotEmpty();
    return series;
  }

  private PrometheusText scrape() throws Exception {
    return new PrometheusText(admin.get("/metrics").body());
  }
}
