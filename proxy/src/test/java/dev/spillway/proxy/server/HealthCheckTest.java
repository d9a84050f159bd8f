package dev.spillway.proxy.server;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static dev.spillway.proxy.testing.ProxyClient.completion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spillway.config.AccountConfig;
import dev.spillway.config.HealthCheckConfig;
import dev.spillway.config.HealthProbe;
import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.resilience.health.AccountProbes;
import dev.spillway.proxy.resilience.health.ProbeResults;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.RecordedRequest;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ProviderAccount.healthCheck}: a dead account is found by its probe and skipped before any
 * user call reaches it; it comes back after two passing probes. Probes never count as user traffic.
 */
class HealthCheckTest extends ProxyTestBase {
  private static final HealthCheckConfig EVERY_10S = new HealthCheckConfig(10_000, 2_000, HealthProbe.MODELS);

  @Test
  void aDeadAccountIsSkippedBeforeAUserCallReachesItAndReturnsAfterTwoPasses() throws Exception {
    AccountConfig plain = ConfigBuilder.account("primary", primary.baseUrl() + "/v1", TimeoutConfig.DEFAULTS, null,
        false, null, Map.of());
    load(ConfigBuilder.create()
        .account(new AccountConfig(plain.name(), ProviderKind.OPENAI_COMPATIBLE, plain.baseUrl(), null, null, null, false,
            Map.of(), plain.timeouts(), null, null, EVERY_10S, null))
        .account("backup", backup.baseUrl())
        .model("chat", m -> m.target("primary", "a").target("backup", "b"))
        .build());
    primary.always(Reply.json(503, "{\"error\":{\"message\":\"down\"}}"));
    backup.always(Reply.json(200, completion("from backup")));
    AccountProbes probes = proxy.accountProbes().orElseThrow();
    ProbeResults results = proxy.engine().orElseThrow().probes();

    probes.tick();
    await().atMost(Duration.ofSeconds(10)).until(() -> results.failing("primary").isPresent());
    HttpResponse<String> call = client.chat(chatBody("chat"));

    assertThat(call.statusCode()).isEqualTo(200);
    assertThat(call.headers().firstValue("x-spillway-served-by")).hasValue("backup/b");
    assertThat(primary.requests()).extracting(RecordedRequest::path).containsOnly("/v1/models");
    assertThat(results.failing("primary").orElseThrow()).contains("503");
    assertThat(proxy.transitions().after(0, 100).transitions())
        .as("the account's fall is a transition (an Event for the operator)")
        .anySatisfy(t -> assertThat(t.kind()).isEqualTo(dev.spillway.stats.TransitionKind.HEALTH_CHECK_FAILED));
    com.fasterxml.jackson.databind.JsonNode live =
        json(admin.get("/v1/spillway/stats").body()).path("targets").path("primary/a").path("live");
    assertThat(live.path("healthCheckPassing").asBoolean(true)).as("probe results in the live stats").isFalse();
    assertThat(live.path("healthCheckFailure").asText()).contains("503");

    primary.always(Reply.json(200, "{\"object\":\"list\",\"data\":[{\"id\":\"a\",\"object\":\"model\"}]}"));
    probes.tick(); // not due yet: the interval has not passed on the proxy's clock
    assertThat(primary.requests()).hasSize(1);
    clock.advance(Duration.ofSeconds(10));
    probes.tick();
    await().atMost(Duration.ofSeconds(10)).until(() -> primary.requests().size() == 2);
    assertThat(results.failing("primary")).as("one pass is not enough").isPresent();
    clock.advance(Duration.ofSeconds(10));
    probes.tick();
    await().atMost(Duration.ofSeconds(10)).until(() -> results.failing("primary").isEmpty());

    assertThat(json(admin.get("/v1/spillway/stats").body()).path("targets").path("primary/a").path("live")
        .path("healthCheckPassing").asBoolean(false)).isTrue();
    primary.always(Reply.json(200, completion("from primary")));
    assertThat(client.chat(chatBody("chat")).headers().firstValue("x-spillway-served-by")).hasValue("primary/a");
    String metrics = admin.get("/metrics").body();
    assertThat(metrics).contains("spillway_health_checks_total{account=\"primary\",result=\"fail\"} 1.0")
        .contains("spillway_health_checks_total{account=\"primary\",result=\"pass\"} 2.0");
  }
}
