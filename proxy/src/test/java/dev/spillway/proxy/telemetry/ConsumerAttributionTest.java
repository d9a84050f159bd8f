package dev.spillway.proxy.telemetry;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.config.ConsumerConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.OtlpReceiver;
import dev.spillway.proxy.testing.Reply;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every call says whose it was: the consumer on its trace, its access-log line and its spend; and
 * a client's key reaches none of them, nor the upstream.
 */
class ConsumerAttributionTest extends TelemetryTestBase {
  private static final String TEAM_KEY = "sk-team-a-0123456789abcdefCANARY";
  private static final String STRANGER_KEY = "sk-proj-STRANGER0123456789abcdef";
  private static final String SERVED = "{\"id\":\"c\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
      + "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],"
      + "\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":500}}";

  private void loadWithTeamA() {
    proxy.configSink().accept(ConfigBuilder.create()
        .version("cfg-7")
        .account("primary", primary.baseUrl(), TimeoutConfig.DEFAULTS, PRIMARY_KEY)
        .account("backup", backup.baseUrl())
        .model("chat", m -> m.target("primary", "gpt-4o").target("backup", "gpt-4o-mini", BACKUP_PRICES))
        .consumer(new ConsumerConfig("team-a", List.of(ConfigBuilder.key("team-a", TEAM_KEY, null)),
            null, null, null, null, Map.of("cost-center", "cc-42")))
        .build());
  }

  @Test
  void theConsumerIsOnTheTraceTheAccessLineAndItsSpend() throws Exception {
    loadWithTeamA();
    primary.always(Reply.json(503, "{}"));
    backup.always(Reply.json(200, SERVED));

    try (AccessLogCapture access = new AccessLogCapture()) {
      HttpResponse<String> response = client.chat(chatBody("chat"), Map.of("authorization", "Bearer " + TEAM_KEY));
      assertThat(response.statusCode()).isEqualTo(200);

      await().until(() -> access.lines().size() == 1);
      JsonNode line = access.json().get(0);
      assertThat(line.get("consumer").asText()).isEqualTo("team-a");
      assertThat(line.get("consumer_key").asText()).isEqualTo("keys/team-a");
      assertThat(line.at("/consumer_attributes/cost-center").asText()).isEqualTo("cc-42");
      Span server = exportedTrace(response.headers().firstValue("x-spillway-trace-id").orElseThrow()).stream()
          .filter(s -> s.getKind() == Span.SpanKind.SPAN_KIND_SERVER).findFirst().orElseThrow();
      assertThat(attr(server, "spillway.consumer")).isEqualTo("team-a");
      assertThat(attr(server, "spillway.consumer.key")).isEqualTo("keys/team-a");
      assertThat(attr(server, "spillway.consumer.attribute.cost-center")).isEqualTo("cc-42");
    }
    PrometheusText metrics = new PrometheusText(admin.get("/metrics").body());
    // 1000 input tokens at $2 and 500 output tokens at $8 per million
    assertThat(metrics.sum("spillway_spend_usd_total", Map.of("consumer", "team-a"))).isCloseTo(0.006, within(1e-9));
    assertThat(metrics.sum("spillway_requests_total", Map.of("consumer", "team-a", "status", "200"))).isEqualTo(1);
    JsonNode stats = new ObjectMapper().readTree(admin.get("/v1/spillway/stats").body());
    assertThat(stats.at("/consumers/team-a/monthSpentUsd").asDouble()).isCloseTo(0.006, within(1e-9));
  }

  @Test
  void aClientKeyReachesNoUpstreamNoSpanNoLogLineNoMetricAndNoResponse() throws Exception {
    loadWithTeamA();
    primary.always(Reply.json(200, SERVED));

    try (AccessLogCapture access = new AccessLogCapture()) {
      // A consumer's key, and a stranger's (open mode serves it anonymously), in both headers.
      HttpResponse<String> team = client.chat(chatBody("chat"), Map.of("authorization", "Bearer " + TEAM_KEY));
      HttpResponse<String> stranger = client.chat(chatBody("chat"),
          Map.of("authorization", "Bearer " + STRANGER_KEY, "x-api-key", STRANGER_KEY));

      assertThat(team.statusCode()).isEqualTo(200);
      assertThat(stranger.statusCode()).isEqualTo(200);
      assertThat(primary.requests()).hasSize(2).allSatisfy(request -> {
        assertThat(request.headers().toString()).doesNotContain("CANARY").doesNotContain("STRANGER");
        assertThat(request.header("authorization")).isEqualTo("Bearer " + SECRET); // the account's own key
      });
      for (HttpResponse<String> response : List.of(team, stranger)) {
        assertThat(response.body() + response.headers().map()).doesNotContain("CANARY").doesNotContain("STRANGER");
        for (Span span : exportedTrace(response.headers().firstValue("x-spillway-trace-id").orElseThrow())) {
          assertThat(span.toString()).doesNotContain("CANARY").doesNotContain("STRANGER");
          span.getAttributesList().forEach(kv ->
              assertThat(OtlpReceiver.text(kv.getValue())).doesNotContain("CANARY").doesNotContain("STRANGER"));
        }
      }
      await().until(() -> access.lines().size() == 2);
      assertThat(access.lines()).allSatisfy(line -> assertThat(line).doesNotContain("CANARY").doesNotContain("STRANGER"));
      assertThat(access.json().get(1).get("consumer").isNull()).isTrue();
    }
    assertThat(admin.get("/metrics").body() + admin.get("/v1/spillway/stats").body())
        .doesNotContain("CANARY").doesNotContain("STRANGER");
  }

}
