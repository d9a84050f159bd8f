package dev.spillway.operator.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.api.v1alpha1.Budget;
import dev.spillway.compiler.TestResources;
import dev.spillway.config.RouterConfig;
import dev.spillway.stats.StatsView;
import dev.spillway.stats.StatsView.LiveStats;
import dev.spillway.stats.StatsView.TargetStats;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The resilience engine's live state of an account, aggregated over targets and replicas. */
class LiveAccountTest {
  static final String M1 = "openai/m1";
  static final String M2 = "openai/m2";
  static final String M3 = "openai/m3";

  /** A target's live state; {@code remaining} is the account budget the replica reports left. */
  private static TargetStats target(double p95, long windowCalls, String circuit, double spent, Double remaining) {
    return new TargetStats("openai", windowCalls, 0,
        new LiveStats(p95 / 2, p95, p95 * 2, 0, 0, 0, windowCalls, circuit, 100, spent, remaining, 1, null, null));
  }

  private static ReplicaSample replica(String pod, Map<String, TargetStats> targets) {
    return new ReplicaSample(pod, new StatsView("v", Map.of(), new HashMap<>(targets)));
  }

  private static RouterConfig withBudget(double amountUsd) {
    TestResources set = TestResources.valid();
    set.accountSpec("openai").budget = new Budget();
    set.accountSpec("openai").budget.amountUsd = amountUsd;
    return set.compile().config();
  }

  @Test
  void p95IsTheCallsWeightedMeanOverReplicasAndTargetsThatHadCalls() {
    LiveNumbers live = LiveNumbers.sum(List.of(
        replica("a", Map.of(M1, target(100, 30, "CLOSED", 0, null), M2, target(999, 0, "CLOSED", 0, null))),
        replica("b", Map.of(M1, target(200, 10, "CLOSED", 0, null)))));

    LiveNumbers.AccountNumbers numbers = live.account("openai", null).orElseThrow();

    assertThat(numbers.latencyP95Ms()).isEqualTo(125.0);
    assertThat(numbers.circuit()).isEqualTo("closed");
    assertThat(numbers.health()).isEqualTo("Healthy");
  }

  @Test
  void aTargetsCircuitIsTheWorstAnyReplicaReportsAndHealthFollowsTheBreakers() {
    LiveNumbers live = LiveNumbers.sum(List.of(
        replica("a", Map.of(M1, target(1, 1, "CLOSED", 0, null), M2, target(1, 1, "CLOSED", 0, null),
            M3, target(1, 1, "HALF_OPEN", 0, null))),
        replica("b", Map.of(M1, target(1, 1, "OPEN", 0, null)))));

    LiveNumbers.AccountNumbers numbers = live.account("openai", null).orElseThrow();

    assertThat(numbers.circuit()).isEqualTo("open 1/3, half-open 1/3");
    assertThat(numbers.errorRate()).isEqualTo(0.0);
    assertThat(numbers.health()).as("no errors, but a breaker is open").isEqualTo("Degraded");

    LiveNumbers allOpen = LiveNumbers.sum(List.of(replica("a", Map.of(M1, target(1, 0, "OPEN", 0, null)))));
    assertThat(allOpen.account("openai", null).orElseThrow())
        .satisfies(n -> assertThat(n.health()).isEqualTo("Unhealthy"))
        .satisfies(n -> assertThat(n.circuit()).isEqualTo("open 1/1"))
        .satisfies(n -> assertThat(n.errorRate()).as("no calls in the window").isNull())
        .satisfies(n -> assertThat(n.latencyP95Ms()).isNull());
  }

  @Test
  void budgetSpendIsSummedOverReplicasAndWhatIsLeftIsTheBudgetMinusThatSum() {
    LiveNumbers live = LiveNumbers.sum(List.of(
        replica("a", Map.of(M1, target(1, 1, "CLOSED", 2.5, 7.0), M2, target(1, 1, "CLOSED", 0.5, 7.0))),
        replica("b", Map.of(M1, target(1, 1, "CLOSED", 4.0, 6.0)))));

    LiveNumbers.AccountNumbers numbers = live.account("openai", withBudget(10)).orElseThrow();

    assertThat(numbers.spendUsd()).isEqualTo(7.0); // (10 − 7) + (10 − 6)
    assertThat(numbers.budgetRemainingUsd()).isEqualTo(3.0);
    LiveNumbers overspent = LiveNumbers.sum(List.of(replica("a", Map.of(M1, target(1, 1, "CLOSED", 8, 2.0))),
        replica("b", Map.of(M1, target(1, 1, "CLOSED", 9, 1.0)))));
    assertThat(overspent.account("openai", withBudget(10)).orElseThrow())
        .satisfies(n -> assertThat(n.spendUsd()).isEqualTo(17.0))
        .satisfies(n -> assertThat(n.budgetRemainingUsd()).as("never below zero").isEqualTo(0.0));
  }

  @Test
  void withoutABudgetSpendIsWhatTheReplicasSpentSinceTheyStarted() {
    LiveNumbers live = LiveNumbers.sum(List.of(
        replica("a", Map.of(M1, target(1, 1, "CLOSED", 2.5, null))),
        replica("b", Map.of(M1, target(1, 1, "CLOSED", 1.25, null), M2, target(1, 1, "CLOSED", 0.25, null)))));

    LiveNumbers.AccountNumbers numbers = live.account("openai", TestResources.valid().compile().config())
        .orElseThrow();

    assertThat(numbers.spendUsd()).isEqualTo(4.0);
    assertThat(numbers.budgetRemainingUsd()).isNull();
  }

  @Test
  void aFailingHealthCheckOnAnyReplicaMakesTheAccountUnhealthyAndSaysWhy() {
    TargetStats passing = checked(true, null);
    TargetStats failing = checked(false, "GET /models answered 503");
    LiveNumbers live = LiveNumbers.sum(List.of(
        replica("a", Map.of(M1, passing)), replica("b", Map.of(M1, failing))));

    LiveNumbers.AccountNumbers numbers = live.account("openai", null).orElseThrow();

    assertThat(numbers.healthCheck()).isEqualTo("failing: GET /models answered 503");
    assertThat(numbers.health()).isEqualTo("Unhealthy");
    assertThat(numbers.circuit()).isEqualTo("closed");
  }

  @Test
  void passingHealthChecksAreShownAndUncheckedAccountsSayNothing() {
    LiveNumbers checkedLive = LiveNumbers.sum(List.of(replica("a", Map.of(M1, checked(true, null)))));
    assertThat(checkedLive.account("openai", null).orElseThrow().healthCheck()).isEqualTo("passing");
    assertThat(checkedLive.account("openai", null).orElseThrow().health()).isEqualTo("Healthy");

    LiveNumbers unchecked = LiveNumbers.sum(List.of(replica("a", Map.of(M1, target(1, 1, "CLOSED", 0, null)))));
    assertThat(unchecked.account("openai", null).orElseThrow().healthCheck()).isNull();
  }

  private static TargetStats checked(boolean passing, String failure) {
    return new TargetStats("openai", 1, 0,
        new LiveStats(1, 2, 3, 0, 0, 0, 1, "CLOSED", 100, 0, null, 1, passing, failure));
  }
}
