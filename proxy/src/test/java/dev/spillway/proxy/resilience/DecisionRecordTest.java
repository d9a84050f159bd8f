package dev.spillway.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.CircuitBreakerConfig;
import dev.spillway.config.MatchConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.StickinessConfig;
import dev.spillway.config.TimeoutOverrides;
import dev.spillway.proxy.failover.FailureClass;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.routing.CandidatePlanner;
import dev.spillway.proxy.routing.CandidateScore;
import dev.spillway.proxy.routing.Plan;
import dev.spillway.proxy.routing.PolicyMatcher;
import dev.spillway.proxy.routing.RequestFacts;
import dev.spillway.proxy.routing.RoutingDecision;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.MutableClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The routing decision record telemetry puts on the routing span. */
class DecisionRecordTest {
  private final MutableClock clock = new MutableClock();
  private final ResilienceEngine engine = new ResilienceEngine(clock);
  private final RouterConfig config =
      ConfigBuilder.create()
          .account("primary", "http://127.0.0.1:1")
          .account("backup", "http://127.0.0.1:2")
          .model("chat", m -> m.target("primary", "a").target("backup", "b"))
          .policy(new PolicyConfig("sticky", 10, MatchConfig.ANY, List.of(), null, 0, TimeoutOverrides.NONE, null,
              new CircuitBreakerConfig(0.5, 20, 2, 10_000, 5_000, 1, List.of(100)), null, null,
              new StickinessConfig("header", "x-user"), null, null))
          .build();

  @Test
  void recordsEveryCandidatesScoreTheChoiceAndWhy() {
    engine.accept(config);
    RoutingDecision decision = decide(null).decision();

    assertThat(decision.policy()).isEqualTo("sticky");
    assertThat(decision.candidates()).extracting(CandidateScore::target).containsExactly("primary/a", "backup/b");
    assertThat(decision.candidates()).allSatisfy(c -> {
      assertThat(c.score()).isBetween(0.0, 1.0);
      assertThat(c.standing()).isEqualTo(CandidateScore.Standing.ELIGIBLE);
      assertThat(c.circuit()).isEqualTo("CLOSED");
    });
    assertThat(decision.chosen()).isEqualTo("primary/a");
    assertThat(decision.reason()).isEqualTo("primary, best score");
    assertThat(decision.sticky()).isNull();
  }

  @Test
  void anOpenCircuitIsRefusedWithItsReasonAndStickyUsersFollowHealth() {
    engine.accept(config);
    Plan first = decide(null);
    for (int i = 0; i < 2; i++) {
      engine.failed(first, first.candidates().get(0).target(), 1_000, FailureClass.RETRYABLE, ProviderFailure.connect("refused"));
    }

    RoutingDecision decision = decide("user-7").decision();

    CandidateScore primary = decision.score("primary/a");
    assertThat(primary.standing()).isEqualTo(CandidateScore.Standing.REFUSED);
    assertThat(primary.reason()).startsWith("circuit open, next probe in 5000 ms");
    assertThat(decision.chosen()).isEqualTo("backup/b");
    assertThat(decision.sticky()).as("the only healthy target is every user's").isEqualTo("backup/b");
    assertThat(decision.reason()).isEqualTo("sticky user");
    assertThat(engine.admit(decide(null), primary(config)).orElseThrow().reason()).startsWith("circuit open");
  }

  private Plan decide(String user) {
    RequestFacts facts = new RequestFacts("chat", false, null, null, null, false, false, false, false, 10,
        user == null ? Map.of() : Map.of("x-user", user));
    PolicyConfig policy = PolicyMatcher.match(config, facts);
    return engine.arrange(CandidatePlanner.plan(config, policy, facts), facts, null);
  }

  private static dev.spillway.config.TargetConfig primary(RouterConfig config) {
    return config.model("chat").orElseThrow().targets().get(0);
  }
}
