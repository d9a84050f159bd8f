package dev.spillway.operator.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.compiler.TestResources;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.stats.StatsView;
import dev.spillway.stats.StatsView.PolicyStats;
import dev.spillway.stats.StatsView.TargetStats;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveNumbersTest {

  @Test
  void sumsReplicasAndSkipsOnesThatDidNotAnswer() {
    LiveNumbers live = LiveNumbers.sum(List.of(
        new ReplicaSample("a", new StatsView("v", Map.of("p", new PolicyStats(8, 6, 2)),
            Map.of("acct/m", new TargetStats("acct", 10, 0)))),
        new ReplicaSample("b", new StatsView("v", Map.of("p", new PolicyStats(2, 2, 0)),
            Map.of("acct/m", new TargetStats("acct", 10, 6)))),
        new ReplicaSample("c", null)));

    assertThat(live.policy("p")).hasValue(new LiveNumbers.PolicyNumbers(10, 0.8, 0.2));
    assertThat(live.policy("unseen")).isEmpty();
    assertThat(live.account("acct", null)).hasValue(numbers("Degraded", 0.3));
  }

  @Test
  void sinceKeepsPolicyTotalsButCountsAccountCallsAfterThePreviousScrapeOnly() {
    LiveNumbers before = LiveNumbers.sum(List.of(new ReplicaSample("a", new StatsView("v",
        Map.of("p", new PolicyStats(10, 5, 5)), Map.of("x/m", new TargetStats("x", 100, 90))))));
    LiveNumbers now = LiveNumbers.sum(List.of(new ReplicaSample("a", new StatsView("v",
        Map.of("p", new PolicyStats(20, 15, 5)), Map.of("x/m", new TargetStats("x", 200, 90))))));

    LiveNumbers recent = now.since(before);

    assertThat(recent.policy("p")).hasValue(new LiveNumbers.PolicyNumbers(20, 0.75, 0.25));
    assertThat(recent.account("x", null)).hasValue(numbers("Healthy", 0.0));
    assertThat(now.account("x", null).orElseThrow().health()).as("over the lifetime").isEqualTo("Degraded");
    assertThat(now.since(now).account("x", null)).as("no calls in the window").isEmpty();
    assertThat(before.since(now).account("x", null)).as("a restarted replica counts from zero")
        .hasValue(numbers("Unhealthy", 0.9));
  }

  @Test
  void healthFollowsTheErrorRate() {
    assertThat(accountWith(100, 1).health()).isEqualTo("Healthy");
    assertThat(accountWith(100, 5).health()).isEqualTo("Degraded");
    assertThat(accountWith(100, 50).health()).isEqualTo("Unhealthy");
  }

  private static LiveNumbers.AccountNumbers accountWith(long calls, long errors) {
    return LiveNumbers.sum(List.of(new ReplicaSample("a",
        new StatsView("v", Map.of(), Map.of("x/m", new TargetStats("x", calls, errors))))))
        .account("x", null).orElseThrow();
  }

  /** Figures of an account whose replicas report counters but no live state. */
  private static LiveNumbers.AccountNumbers numbers(String health, double errorRate) {
    return new LiveNumbers.AccountNumbers(health, errorRate, null, null, null, null, null);
  }

  @Test
  void servingTargetIsTheModelsTargetWithMostServedCalls() {
    RouterConfig config = TestResources.valid().compile().config();
    String model = config.models().keySet().iterator().next();
    List<TargetConfig> targets = config.models().get(model).targets();
    TargetConfig last = targets.get(targets.size() - 1);

    LiveNumbers live = LiveNumbers.sum(List.of(new ReplicaSample("a", new StatsView("v", Map.of(),
        Map.of(last.id(), new TargetStats(last.account(), 5, 1))))));

    assertThat(live.servingTarget(config, model)).hasValue(last.id());
    assertThat(live.servingTarget(config, "no-such-model")).isEmpty();
    assertThat(LiveNumbers.sum(List.of()).servingTarget(config, model)).isEmpty();
  }
}
