package dev.spillway.proxy.telemetry;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spillway.config.HedgeConfig;
import dev.spillway.config.MatchConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.TimeoutOverrides;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.OtlpReceiver;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.Reply;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The resilience engine's decision in the trace: scores per candidate, the hedge, the overtaken attempt. */
class DecisionTraceTest extends TelemetryTestBase {

  @Test
  void aHedgedCallShowsScoresTheHedgeAndTheOvertakenAttempt() throws Exception {
    proxy.configSink().accept(ConfigBuilder.create()
        .account("primary", primary.baseUrl())
        .account("backup", backup.baseUrl())
        .model("chat", m -> m.target("primary", "gpt-4o").target("backup", "gpt-4o-mini"))
        .policy(new PolicyConfig("hedged", 10, MatchConfig.ANY, List.of(), null, 0, TimeoutOverrides.NONE,
            null, null, null, new HedgeConfig(50L, 100), null, null, null))
        .build());
    primary.always(Reply.hang());
    backup.always(Reply.json(200, ProxyClient.completion("hedged")));

    HttpResponse<String> response = client.chat(chatBody("chat"));

    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue("backup/gpt-4o-mini");
    List<Span> trace = exportedTrace(response.headers().firstValue("x-spillway-trace-id").orElseThrow());
    Span route = named(trace, "route hedged");
    assertThat(attr(route, "spillway.choice")).isEqualTo("primary/gpt-4o");
    assertThat(attr(route, "spillway.reason")).isNotBlank();
    List<Span.Event> candidates = route.getEventsList().stream().filter(e -> e.getName().equals("candidate")).toList();
    assertThat(candidates).hasSize(2).allSatisfy(event -> {
      assertThat(eventAttr(event, "spillway.score")).isNotNull();
      assertThat(eventAttr(event, "spillway.standing")).isEqualTo("eligible");
      assertThat(eventAttr(event, "spillway.circuit")).isNotBlank();
    });
    Span server = named(trace, "POST /v1/chat/completions");
    Span.Event hedge = server.getEventsList().stream().filter(e -> e.getName().equals("hedge")).findFirst().orElseThrow();
    assertThat(eventAttr(hedge, "spillway.target")).isEqualTo("primary/gpt-4o");
    assertThat(eventAttr(hedge, "spillway.hedge.after_ms")).isEqualTo("50");
    assertThat(eventAttr(hedge, "spillway.hedge.launched")).isEqualTo("true");
    assertThat(attr(named(trace, "chat gpt-4o"), "error.type")).isEqualTo("overtaken_by_hedge");
    assertThat(attr(named(trace, "chat gpt-4o-mini"), "spillway.fallback_depth")).isEqualTo("1");

    await().until(() -> new PrometheusText(admin.get("/metrics").body())
        .sum("spillway_hedges_total", Map.of("target", "primary/gpt-4o", "decision", "launched")) == 1);
    PrometheusText metrics = new PrometheusText(admin.get("/metrics").body());
    assertThat(metrics.sum("spillway_target_circuit_state", Map.of("target", "backup/gpt-4o-mini"))).isEqualTo(1);
    assertThat(metrics.sum("spillway_target_traffic_share", Map.of("target", "backup/gpt-4o-mini"))).isEqualTo(1);
    assertThat(metrics.has("spillway_target_limit_headroom")).isTrue();
  }

  private static String eventAttr(Span.Event event, String key) {
    return event.getAttributesList().stream().filter(kv -> kv.getKey().equals(key)).findFirst()
        .map(kv -> OtlpReceiver.text(kv.getValue())).orElse(null);
  }
}
