package dev.spillway.proxy.server;

import dev.spillway.proxy.telemetry.OtlpProtocol;
import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static dev.spillway.proxy.testing.ProxyClient.completion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.config.CircuitBreakerConfig;
import dev.spillway.config.HedgeConfig;
import dev.spillway.config.MatchConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.TimeoutOverrides;
import dev.spillway.config.TriggersConfig;
import dev.spillway.proxy.auth.AuthMode;
import dev.spillway.proxy.providers.http.UpstreamLimits;
import dev.spillway.proxy.telemetry.TelemetryOptions;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live feed's lines and panel, from real calls through the proxy to loopback providers. */
class LiveFeedThroughProxyTest extends ProxyTestBase {
  private static final String TRACE_UI = "http://traces.example/trace/{traceId}";
  private static final CircuitBreakerConfig BREAKER =
      new CircuitBreakerConfig(0.5, 100, 100, 10_000, 1_000, 2, List.of(50, 100));

  @Override
  ProxyOptions options() {
    return new ProxyOptions("127.0.0.1", 0, 0, 64 * 1024,
        new TelemetryOptions(null, OtlpProtocol.HTTP_PROTOBUF, 1.0, false, false, TRACE_UI), AuthMode.OPEN,
        ClientLimits.DEFAULTS, UpstreamLimits.DEFAULTS);
  }

  @Test
  void aHedgeWonIsALineAndSoIsTheMoveOffThePrimary() throws Exception {
    load(config(policy(null, new HedgeConfig(50L, 100))).build());
    primary.always(Reply.hang());
    backup.always(Reply.json(200, completion("hedged")));

    client.chat(chatBody("chat"));

    await().untilAsserted(() -> assertThat(lines("hedge-won")).containsExactly("hedge on backup/b answered before primary/a"));
    assertThat(lines("failover")).singleElement().asString().startsWith("failover → backup/b (primary/a: ");
  }

  @Test
  void aCallNoCandidateServedIsOneLinePerQuietWindowAndTheDecisionShowsEveryCandidate() throws Exception {
    load(config(policy(new TriggersConfig(2000, 0.2, null), new HedgeConfig(null, 0))).build());
    primary.always(Reply.json(503, "{\"error\":{\"message\":\"down\"}}"));
    backup.always(Reply.json(503, "{\"error\":{\"message\":\"down too\"}}"));

    assertThat(client.chat(chatBody("chat")).statusCode()).isEqualTo(503);
    client.chat(chatBody("chat"));

    await().untilAsserted(() -> assertThat(lines("call-failed")).singleElement().asString()
        .startsWith("chat: no candidate served (HTTP 503: primary/a: http 503"));
    clock.advance(Duration.ofSeconds(6)); // past the quiet window: the next failure is a line again
    client.chat(chatBody("chat"));
    await().untilAsserted(() -> assertThat(lines("call-failed")).hasSize(2).last().asString()
        .endsWith(" (+1 more since the last line)"));
    JsonNode panel = panel();
    JsonNode model = panel.path("models").get(0);
    assertThat(model.path("name").asText()).isEqualTo("chat");
    assertThat(model.path("policy").asText()).isEqualTo("live");
    assertThat(model.path("thresholds").path("errorRate").asDouble()).isEqualTo(0.2);
    JsonNode primaryRow = model.path("targets").get(0);
    assertThat(primaryRow.path("id").asText()).isEqualTo("primary/a");
    assertThat(primaryRow.path("primary").asBoolean()).isTrue();
    assertThat(primaryRow.path("errorRate").asDouble()).isEqualTo(1.0);
    assertThat(primaryRow.path("overErrorRate").asBoolean()).isTrue();
    assertThat(primaryRow.path("sharePercent").asDouble()).isEqualTo(50.0);
    JsonNode decision = model.path("lastDecision");
    assertThat(decision.path("status").asInt()).isEqualTo(503);
    assertThat(decision.path("servedBy").isNull()).isTrue();
    assertThat(decision.path("candidates").findValuesAsText("target")).containsExactlyInAnyOrder("primary/a", "backup/b");
    assertThat(decision.path("requestId").asText()).startsWith("req_");
    assertThat(panel.path("traceUrlTemplate").asText()).isEqualTo(TRACE_UI);
    assertThat(panel.path("replica").path("instance").asText()).isEqualTo(proxy.transitions().instance());
  }

  @Test
  void thePageIsServedFromTheJarOnTheAdminPortOnly() throws Exception {
    var page = admin.get("/live/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<title>Spillway live</title>", "<script src=\"live.js\" defer></script>");
    assertThat(page.headers().firstValue("content-security-policy").orElseThrow()).contains("default-src 'none'",
        "script-src 'self'", "connect-src 'self'");
    assertThat(admin.get("/live/live.js").body()).contains("new EventSource(EVENTS_URL)");
    assertThat(admin.get("/live").statusCode()).isEqualTo(302);
    assertThat(client.get("/live/").statusCode()).as("not on the public port").isEqualTo(404);
    assertThat(client.get("/v1/spillway/live").statusCode()).isEqualTo(404);
  }

  @Test
  void aTraceUrlTemplateWithoutThePlaceholderIsRefusedByName() {
    assertThatThrownBy(() -> new TelemetryOptions(null, null, 1.0, false, true, "http://jaeger:16686/trace/"))
        .hasMessage("trace URL template 'http://jaeger:16686/trace/': must be an http(s) URL holding {traceId},"
            + " e.g. http://jaeger:16686/trace/{traceId}");
  }

  private List<String> lines(String kind) throws Exception {
    List<String> messages = new ArrayList<>();
    for (JsonNode event : panel().path("events")) {
      if (event.path("kind").asText().equals(kind)) {
        messages.add(event.path("message").asText());
      }
    }
    return messages;
  }

  private JsonNode panel() throws Exception {
    return json(admin.get("/v1/spillway/live").body());
  }

  private ConfigBuilder config(PolicyConfig policy) {
    return ConfigBuilder.create()
        .account("primary", primary.baseUrl())
        .account("backup", backup.baseUrl())
        .model("chat", m -> m.target("primary", "a").target("backup", "b"))
        .policy(policy);
  }

  private static PolicyConfig policy(TriggersConfig triggers, HedgeConfig hedge) {
    return new PolicyConfig("live", 10, MatchConfig.ANY, List.of(), null, 0, TimeoutOverrides.NONE,
        triggers, BREAKER, null, hedge, null, null, null);
  }
}
