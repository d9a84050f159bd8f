package dev.spillway.proxy.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spillway.config.RouterConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.config.rollout.ActiveRollout;
import dev.spillway.config.rollout.RolloutConfig;
import dev.spillway.config.rollout.RolloutPhase;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.Reply;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rollout traffic in traces: canary calls carry the arm; mirrored calls get root spans of their own. */
class RolloutTraceTest extends TelemetryTestBase {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  @BeforeEach
  void answers() {
    primary.always(Reply.json(200, ProxyClient.completion("from the incumbent")));
    backup.always(Reply.json(200, ProxyClient.completion("from the candidate")));
  }

  @Test
  void aCanaryCallIsMarkedWithItsRolloutAndArm() throws Exception {
    load(RolloutPhase.CANARY, 100);

    HttpResponse<String> response = client.chat(ProxyClient.chatBody("chat"),
        Map.of("traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01"));

    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue("backup/gpt-4o-mini");
    Span server = named(exportedTrace(TRACE), "POST /v1/chat/completions");
    assertThat(attr(server, "spillway.rollout")).isEqualTo("swap");
    assertThat(attr(server, "spillway.rollout.arm")).isEqualTo("candidate");
  }

  @Test
  void aMirroredCallIsARootSpanMarkedShadowAndNotPartOfTheUsersTrace() throws Exception {
    load(RolloutPhase.SHADOWING, 100);

    HttpResponse<String> response = client.chat(ProxyClient.chatBody("chat"),
        Map.of("traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01"));

    assertThat(response.body()).contains("from the incumbent");
    Span shadow = await().atMost(Duration.ofSeconds(20)).until(() -> {
      proxy.telemetry().flushTraces();
      return receiver.spans().stream().filter(s -> s.getName().equals("rollout shadow backup/gpt-4o-mini")).findFirst();
    }, found -> found.isPresent()).orElseThrow();
    assertThat(attr(shadow, "spillway.rollout")).isEqualTo("swap");
    assertThat(attr(shadow, "spillway.rollout.arm")).isEqualTo("candidate");
    assertThat(attr(shadow, "spillway.rollout.kind")).isEqualTo("shadow");
    assertThat(shadow.getParentSpanId().isEmpty()).isTrue();
    assertThat(exportedTrace(TRACE)).noneMatch(span -> span.getName().startsWith("rollout "));
  }

  private void load(RolloutPhase phase, double percent) {
    RouterConfig base = ConfigBuilder.create()
        .version("cfg-rollout")
        .account("primary", primary.baseUrl(), dev.spillway.config.TimeoutConfig.DEFAULTS, PRIMARY_KEY)
        .account("backup", backup.baseUrl())
        .model("chat", m -> m.target("primary", "gpt-4o").target("backup", "gpt-4o-mini", BACKUP_PRICES))
        .build();
    TargetConfig candidate = base.models().get("chat").targets().get(1);
    RolloutConfig rollout = new RolloutConfig("swap", "chat", candidate, "primary/gpt-4o", "primary/gpt-4o", "evals",
        RolloutConfig.GateConfig.DEFAULT, new RolloutConfig.ShadowConfig(percent, 60_000, null),
        new RolloutConfig.CanaryConfig(List.of(new RolloutConfig.StepConfig(percent, 60_000)),
            RolloutConfig.GuardsConfig.DEFAULT));
    proxy.configSink().accept(new RouterConfig(base.version(), base.source(), base.accounts(), base.models(),
        base.policies(), base.defaultPolicy(), Map.of("swap", new ActiveRollout(rollout, "r1", phase, percent))));
  }
}
