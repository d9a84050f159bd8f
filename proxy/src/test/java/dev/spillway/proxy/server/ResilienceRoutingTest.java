package dev.spillway.proxy.server;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static dev.spillway.proxy.testing.ProxyClient.completion;
import static dev.spillway.proxy.testing.ProxyClient.streamBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.config.BudgetConfig;
import dev.spillway.config.CircuitBreakerConfig;
import dev.spillway.config.ExperimentConfig;
import dev.spillway.config.HedgeConfig;
import dev.spillway.config.LimitsConfig;
import dev.spillway.config.MatchConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.PricingConfig;
import dev.spillway.config.StickinessConfig;
import dev.spillway.config.TimeoutOverrides;
import dev.spillway.config.TriggersConfig;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The resilience engine through the real proxy, against fault-injecting loopback providers. */
class ResilienceRoutingTest extends ProxyTestBase {
  private static final CircuitBreakerConfig BREAKER =
      new CircuitBreakerConfig(0.5, 100, 3, 10_000, 1_000, 2, List.of(50, 100));

  @Test
  void theBreakerOpensHalfOpensRampsBackAndReopensWithALongerCoolDown() throws Exception {
    load(config(policy(null, null, null)).build());
    primary.always(Reply.json(503, "{}"));
    backup.always(Reply.json(200, completion("from backup")));

    for (int i = 0; i < 3; i++) {
      assertThat(servedBy(client.chat(chatBody("chat")))).isEqualTo("backup/b");
    }
    assertThat(circuit("primary/a")).isEqualTo("OPEN");
    assertThat(servedBy(client.chat(chatBody("chat")))).isEqualTo("backup/b");
    assertThat(primary.requestCount()).as("an open breaker sends nothing").isEqualTo(3);

    primary.always(Reply.json(200, completion("primary back")));
    clock.advance(Duration.ofSeconds(1));
    assertThat(List.of(servedBy(client.chat(chatBody("chat"))), servedBy(client.chat(chatBody("chat")))))
        .as("two probes").containsOnly("primary/a");
    assertThat(circuit("primary/a")).isEqualTo("RECOVERING");
    List<String> ramp = List.of(
        servedBy(client.chat(chatBody("chat"))), servedBy(client.chat(chatBody("chat"))), servedBy(client.chat(chatBody("chat"))));
    assertThat(ramp).as("the 50 % stage: every other call until two succeed").containsExactly("primary/a", "backup/b", "primary/a");
    assertThat(circuit("primary/a")).isEqualTo("CLOSED");
    assertThat(servedBy(client.chat(chatBody("chat")))).isEqualTo("primary/a");

    primary.always(Reply.json(503, "{}"));
    for (int i = 0; i < 3; i++) {
      assertThat(servedBy(client.chat(chatBody("chat")))).isEqualTo("backup/b");
    }
    assertThat(circuit("primary/a")).isEqualTo("OPEN");
    int calls = primary.requestCount();
    clock.advance(Duration.ofSeconds(1));
    client.chat(chatBody("chat"));
    assertThat(primary.requestCount()).as("a repeated trip cools down for 2 s, not 1").isEqualTo(calls);
    clock.advance(Duration.ofMillis(1_100));
    client.chat(chatBody("chat"));
    assertThat(primary.requestCount()).as("then probes").isEqualTo(calls + 1);
  }

  @Test
  void theOneTargetLeftKeepsItsConfiguredTimeoutWhileTheOtherOnesCircuitIsOpen() throws Exception {
    // A 100 ms latency trigger: a target with nothing learnt yet is cut at ten times that (1 s) when
    // another candidate could take over. With the primary's circuit open, none can: cutting the
    // backup short would only turn a slow answer into a 503 (seen on a loaded machine).
    load(config(policy(new TriggersConfig(100, null, null), new HedgeConfig(null, 0), null)).build());
    primary.always(Reply.json(503, "{}"));
    backup.always(Reply.json(200, completion("from backup")));
    for (int i = 0; i < 3; i++) {
      assertThat(servedBy(client.chat(chatBody("chat")))).isEqualTo("backup/b");
    }
    assertThat(circuit("primary/a")).isEqualTo("OPEN");
    backup.always(Reply.json(200, completion("slow backup")).after(Duration.ofMillis(1_500)));

    HttpResponse<String> response = client.chat(chatBody("chat"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("slow backup");
  }

  @Test
  void aP95BreachDemotesTheTarget() throws Exception {
    // Hedging off: this is about the trigger, not the race that would otherwise save the slow calls.
    load(config(policy(new TriggersConfig(50, null, null), new HedgeConfig(null, 0), null)).build());
    primary.always(Reply.json(200, completion("slow")).after(Duration.ofMillis(100)));
    backup.always(Reply.json(200, completion("quick")));
    for (int i = 0; i < 10; i++) {
      assertThat(servedBy(client.chat(chatBody("chat")))).isEqualTo("primary/a");
    }
    clock.advance(Duration.ofSeconds(1)); // the interval ends: percentiles now see the slow calls

    HttpResponse<String> demoted = client.chat(chatBody("chat"));
    assertThat(servedBy(demoted)).isEqualTo("backup/b");
    JsonNode stats = stats("primary/a");
    assertThat(stats.path("p95Ms").asDouble()).isGreaterThanOrEqualTo(100);
    assertThat(stats.path("windowCalls").asLong()).isEqualTo(10);
  }

  @Test
  void aHedgeFiresAndTheFirstGoodAnswerWinsWhileTheLoserIsCancelled() throws Exception {
    load(config(policy(null, new HedgeConfig(50L, 100), null)).build());
    primary.always(Reply.hang());
    backup.always(Reply.json(200, completion("hedged")));

    long started = System.nanoTime();
    HttpResponse<String> response = client.chat(chatBody("chat"));
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(servedBy(response)).isEqualTo("backup/b");
    assertThat(response.headers().firstValue("x-spillway-attempts")).hasValue("2");
    assertThat(response.headers().firstValue("x-spillway-fallback-reason").orElseThrow()).contains("overtaken by a hedge");
    assertThat(primary.requestCount()).as("the hedged call reached the primary").isEqualTo(1);
    assertThat(tookMs).as("far below the 30 s request timeout").isLessThan(10_000);
  }

  @Test
  void aHedgeNotNeededIsCancelledAndTheBudgetCapsHedges() throws Exception {
    load(config(policy(null, new HedgeConfig(30L, 1), null)).build());
    primary.always(Reply.json(200, completion("slow primary")).after(Duration.ofMillis(300)));
    backup.always(Reply.hang());

    for (int i = 0; i < 12; i++) {
      assertThat(servedBy(client.chat(chatBody("chat")))).isEqualTo("primary/a");
    }
    assertThat(backup.requestCount()).as("the burst of 10 hedges, then the 1 %% budget holds").isEqualTo(10);
  }

  @Test
  void maxPercentZeroTurnsHedgingOff() throws Exception {
    load(config(policy(null, new HedgeConfig(30L, 0), null)).build());
    primary.always(Reply.json(200, completion("slow primary")).after(Duration.ofMillis(100)));
    backup.always(Reply.json(200, completion("backup")));

    for (int i = 0; i < 3; i++) {
      assertThat(servedBy(client.chat(chatBody("chat")))).isEqualTo("primary/a");
    }
    assertThat(backup.requestCount()).as("no hedge at all").isZero();
  }

  @Test
  void withoutAHedgeBlockAHangingPrimaryIsRacedByDefault() throws Exception {
    // Only the trigger is set: the default hedge (auto delay, capped by the trigger) saves the call.
    load(config(policy(new TriggersConfig(200, null, null), null, null)).build());
    primary.always(Reply.hang());
    backup.always(Reply.json(200, completion("backup")));

    HttpResponse<String> response = client.chat(chatBody("chat"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(servedBy(response)).isEqualTo("backup/b");
    assertThat(response.headers().firstValue("x-spillway-fallback-reason").orElseThrow()).contains("overtaken by a hedge");
  }

  @Test
  void limitsShiftTrafficAndOnlyWhenNoneHasHeadroomTheClientGets429() throws Exception {
    load(ConfigBuilder.create()
        .account("primary", primary.baseUrl(), new LimitsConfig(1, 0), null)
        .account("backup", backup.baseUrl(), new LimitsConfig(1, 0), null)
        .model("chat", m -> m.target("primary", "a").target("backup", "b"))
        .build());
    primary.always(Reply.json(200, completion("p")));
    backup.always(Reply.json(200, completion("b")));

    assertThat(servedBy(client.chat(chatBody("chat")))).isEqualTo("primary/a");
    assertThat(servedBy(client.chat(chatBody("chat")))).isEqualTo("backup/b");
    HttpResponse<String> limited = client.chat(chatBody("chat"));
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("retry-after")).isPresent();
    assertThat(primary.requestCount() + backup.requestCount()).as("no call collected a 429 upstream").isEqualTo(2);
  }

  @Test
  void budgetsAlertAndBlock() throws Exception {
    PricingConfig dear = new PricingConfig(100_000, 100_000, 0); // 5 tokens a call: 0.50 USD
    load(ConfigBuilder.create()
        .account("primary", primary.baseUrl(), null, new BudgetConfig(1.0, "monthly", List.of(50), "block"))
        .account("backup", backup.baseUrl())
        .model("chat", m -> m.target("primary", "a", dear).target("backup", "b", dear))
        .build());
    List<Integer> alerts = new java.util.concurrent.CopyOnWriteArrayList<>();
    engine().addBudgetListener(alert -> alerts.add(alert.percent()));
    primary.always(Reply.json(200, completion("p")));
    backup.always(Reply.json(200, completion("b")));

    assertThat(servedBy(client.chat(chatBody("chat")))).isEqualTo("primary/a");
    assertThat(alerts).containsExactly(50);
    assertThat(servedBy(client.chat(chatBody("chat")))).isEqualTo("primary/a");
    assertThat(alerts).containsExactly(50, 100);
    HttpResponse<String> blocked = client.chat(chatBody("chat"));
    assertThat(servedBy(blocked)).isEqualTo("backup/b");
    assertThat(primary.requestCount()).isEqualTo(2);
    assertThat(stats("primary/a").path("spentUsd").asDouble()).isCloseTo(1.0, within(1e-9));
    assertThat(stats("primary/a").path("budgetRemainingUsd").asDouble()).isCloseTo(0, within(1e-9));
  }

  @Test
  void stakesFailLoudlyNamingThePolicyRule() throws Exception {
    load(ConfigBuilder.create()
        .account("primary", primary.baseUrl())
        .account("backup", backup.baseUrl())
        .model("chat", m -> m.target("primary", "a").target("backup", "b"))
        .policy(ConfigBuilder.policy("no-fallback", 10, MatchConfig.ANY, List.of(), 0))
        .build());
    primary.always(Reply.json(503, "{}"));
    backup.always(Reply.json(200, completion("worse")));

    HttpResponse<String> response = client.chat(chatBody("chat"));

    assertThat(response.statusCode()).isEqualTo(503);
    JsonNode error = json(response.body()).path("error");
    assertThat(error.path("code").asText()).isEqualTo("policy_stakes_not_met");
    assertThat(error.path("message").asText()).contains("policy 'no-fallback'").contains("maxFallbackDepth");
    assertThat(backup.requestCount()).isZero();
  }

  @Test
  void stickyUsersStayOnTheirTargetUntilItFails() throws Exception {
    load(config(policy(null, null, new StickinessConfig("header", "x-user"))).build());
    primary.always(Reply.json(200, completion("p")));
    backup.always(Reply.json(200, completion("b")));

    Map<String, String> first = new java.util.HashMap<>();
    for (int u = 0; u < 20; u++) {
      first.put("u" + u, servedBy(client.chat(chatBody("chat"), Map.of("x-user", "u" + u))));
    }
    assertThat(first.values()).as("users spread over both targets").contains("primary/a", "backup/b");
    for (int u = 0; u < 20; u++) {
      assertThat(servedBy(client.chat(chatBody("chat"), Map.of("x-user", "u" + u)))).isEqualTo(first.get("u" + u));
    }
  }

  @Test
  void streamsAskForUsageSettleSpendAndHideTheUsageChunkFromClientsThatDidNotAsk() throws Exception {
    PricingConfig priced = new PricingConfig(1_000_000, 1_000_000, 0); // a dollar a token
    load(ConfigBuilder.create()
        .account("primary", primary.baseUrl())
        .account("backup", backup.baseUrl())
        .model("chat", m -> m.target("primary", "a", priced).target("backup", "b"))
        .build());
    primary.always(Reply.sse(List.of(
        "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}",
        "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4,\"total_tokens\":7}}",
        "data: [DONE]")));

    HttpResponse<String> response = client.chat(streamBody("chat"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"hi\"").doesNotContain("usage");
    assertThat(json(primary.lastRequest().body()).at("/stream_options/include_usage").asBoolean()).isTrue();
    assertThat(stats("primary/a").path("spentUsd").asDouble()).isCloseTo(7.0, within(1e-9));
  }

  @Test
  void targetStateSurvivesReloadsAndGoesWithItsTarget() throws Exception {
    load(config(policy(null, null, null)).build());
    primary.always(Reply.json(503, "{}"));
    backup.always(Reply.json(200, completion("b")));
    for (int i = 0; i < 3; i++) {
      client.chat(chatBody("chat"));
    }
    assertThat(circuit("primary/a")).isEqualTo("OPEN");

    load(config(policy(null, null, null)).version("v2").build());
    assertThat(circuit("primary/a")).as("a reload keeps what was learnt").isEqualTo("OPEN");

    load(ConfigBuilder.create().account("backup", backup.baseUrl()).model("chat", m -> m.target("backup", "b")).build());
    load(config(policy(null, null, null)).version("v3").build());
    assertThat(circuit("primary/a")).as("a removed target's state is dropped").isEqualTo("CLOSED");
  }

  @Test
  void anExperimentSplitsUsersByWeightAndRecordsTheArm() throws Exception {
    PolicyConfig experiment = new PolicyConfig("ab", 10, MatchConfig.ANY, List.of(), null, 0, TimeoutOverrides.NONE,
        null, BREAKER, null, null, new StickinessConfig("body", "user"),
        new ExperimentConfig(Map.of("primary/a", 0, "backup/b", 100)), null);
    load(config(experiment).build());
    primary.always(Reply.json(200, completion("p")));
    backup.always(Reply.json(200, completion("b")));

    for (int u = 0; u < 10; u++) {
      String body = "{\"model\":\"chat\",\"user\":\"u" + u + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
      assertThat(servedBy(client.chat(body))).isEqualTo("backup/b");
    }
    assertThat(primary.requestCount()).isZero();
  }

  private ConfigBuilder config(PolicyConfig policy) {
    return ConfigBuilder.create()
        .account("primary", primary.baseUrl())
        .account("backup", backup.baseUrl())
        .model("chat", m -> m.target("primary", "a").target("backup", "b"))
        .policy(policy);
  }

  private static PolicyConfig policy(TriggersConfig triggers, HedgeConfig hedge, StickinessConfig stickiness) {
    return new PolicyConfig("resilient", 10, MatchConfig.ANY, List.of(), null, 0, TimeoutOverrides.NONE,
        triggers, BREAKER, null, hedge, stickiness, null, null);
  }

  private dev.spillway.proxy.resilience.ResilienceEngine engine() {
    return proxy.engine().orElseThrow();
  }

  private static String servedBy(HttpResponse<String> response) {
    return response.headers().firstValue("x-spillway-served-by").orElse("none: " + response.statusCode());
  }

  private String circuit(String target) throws Exception {
    return stats(target).path("circuit").asText();
  }

  private JsonNode stats(String target) throws Exception {
    JsonNode live = json(admin.get("/v1/spillway/stats").body()).path("targets").path(target).path("live");
    if (live.isMissingNode() || live.isNull()) {
      throw new AssertionError("no live stats for " + target);
    }
    return live;
  }
}
