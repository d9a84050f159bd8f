package dev.spillway.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthServerTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void liveAtOnceReadyWhenTheOperatorIsAndMetricsInPrometheusText() throws Exception {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    metrics.counter("spillway_test_reconciles").increment();
    AtomicBoolean ready = new AtomicBoolean(false);
    try (HealthServer server = new HealthServer(0, ready::get, metrics)) {
      assertThat(get(server.port(), "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(server.port(), "/readyz").statusCode()).isEqualTo(503);

      ready.set(true);

      assertThat(get(server.port(), "/readyz").statusCode()).isEqualTo(200);
      assertThat(get(server.port(), "/metrics").body()).contains("spillway_test_reconciles_total 1.0");
    }
  }
}
