package dev.spillway.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.MatchConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.config.TimeoutOverrides;
import dev.spillway.config.TriggersConfig;
import dev.spillway.proxy.routing.CandidatePlanner;
import dev.spillway.proxy.routing.CandidateScore;
import dev.spillway.proxy.routing.Plan;
import dev.spillway.proxy.routing.PolicyMatcher;
import dev.spillway.proxy.routing.RequestFacts;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.MutableClock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The decision asks each target's health for the ages of only the calls in flight longer than the
 * policy's latency trigger: a target whose calls hang past it is demoted while they hang, one whose
 * calls are in flight for less is not, and without a latency trigger nothing is read.
 */
class StuckCallsTriggerTest {
  private final MutableClock clock = new MutableClock();
  private final ResilienceEngine engine = new ResilienceEngine(clock);

  @Test
  void callsInFlightPastTheThresholdDemoteTheTargetWhileTheyHang() {
    RouterConfig config = primaryStuckFor5s(new TriggersConfig(200, null, null));

    CandidateScore primary = decide(config).decision().score("primary/a");

    assertThat(primary.standing()).isEqualTo(CandidateScore.Standing.DEMOTED);
    assertThat(primary.reason()).contains("1 calls in flight for more than 200 ms");
    assertThat(decide(config).decision().chosen()).isEqualTo("backup/b");
  }

  @Test
  void callsInFlightForLessThanTheThresholdDoNot() {
    RouterConfig config = primaryStuckFor5s(new TriggersConfig(10_000, null, null));

    assertThat(decide(config).decision().score("primary/a").standing()).isEqualTo(CandidateScore.Standing.ELIGIBLE);
    assertThat(decide(config).decision().chosen()).isEqualTo("primary/a");
  }

  /** The config in force, with one call to the primary in flight for 5 s. */
  private RouterConfig primaryStuckFor5s(TriggersConfig triggers) {
    RouterConfig config = config(triggers);
    engine.accept(config);
    engine.started(decide(config), primary(config), System.nanoTime() - TimeUnit.SECONDS.toNanos(5));
    return config;
  }

  private static RouterConfig config(TriggersConfig triggers) {
    return ConfigBuilder.create()
        .account("primary", "http://127.0.0.1:1")
        .account("backup", "http://127.0.0.1:2")
        .model("chat", m -> m.target("primary", "a").target("backup", "b"))
        .policy(new PolicyConfig("slow", 10, MatchConfig.ANY, List.of(), null, 0, TimeoutOverrides.NONE, triggers,
            null, null, null, null, null, null))
        .build();
  }

  private Plan decide(RouterConfig config) {
    RequestFacts facts = new RequestFacts("chat", false, null, null, null, false, false, false, false, 10, Map.of());
    PolicyConfig policy = PolicyMatcher.match(config, facts);
    return engine.arrange(CandidatePlanner.plan(config, policy, facts), facts, null);
  }

  private static TargetConfig primary(RouterConfig config) {
    return config.model("chat").orElseThrow().targets().get(0);
  }
}
