package dev.spillway.operator.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.spillway.api.v1alpha1.Consumer;
import dev.spillway.api.v1alpha1.ConsumerStatus;
import dev.spillway.compiler.CompileResult;
import dev.spillway.compiler.TestResources;
import dev.spillway.api.v1alpha1.ConsumerBudget;
import dev.spillway.config.RouterConfig;
import dev.spillway.operator.stats.LiveConsumers;
import dev.spillway.operator.stats.ReplicaSample;
import dev.spillway.operator.status.ResourceVerdicts;
import dev.spillway.stats.StatsView;
import dev.spillway.stats.StatsView.BudgetStats;
import dev.spillway.stats.StatsView.ConsumerStats;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Consumer's status sums its replicas' numbers, counts its live keys, and keeps figures no one reports. */
class ConsumerStatusBuilderTest {
  private final ConsumerStatusBuilder builder =
      new ConsumerStatusBuilder(Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));

  @Test
  void sumsTheReplicasAndCountsOnlyUnexpiredKeys() {
    TestResources resources = TestResources.valid().withTeamA()
        .clientKey("team-a-keys", "old", "sk-team-a-old-0123456789abcdefghij");
    resources.consumerSpec("team-a").keys.add(new dev.spillway.api.v1alpha1.ConsumerKey(
        new dev.spillway.api.v1alpha1.SecretKeyRef("team-a-keys", "old"), "2026-11-30T00:00:00Z"));
    ConsumerBudget daily = new ConsumerBudget();
    daily.amountUsd = 5.0;
    daily.period = "daily";
    resources.consumerSpec("team-a").budgets = List.of(daily);
    CompileResult result = resources.compile();
    RouterConfig config = result.config();
    Consumer consumer = new Consumer();
    consumer.getMetadata().setName("team-a");
    LiveConsumers live = LiveConsumers.sum(List.of(
        new ReplicaSample("a", stats(new ConsumerStats(10, 1, 1.5, List.of(new BudgetStats("daily", 5, 0.5))))),
        new ReplicaSample("b", stats(new ConsumerStats(4, 2, 0.25, List.of(new BudgetStats("daily", 5, 0.25))))),
        new ReplicaSample("c", null)));

    ConsumerStatus status = builder.build(consumer, new ResourceVerdicts(result, config.version()), live, config);

    assertThat(status.activeKeys).isEqualTo(1);
    assertThat(status.requests).isEqualTo(14);
    assertThat(status.throttled).isEqualTo(3);
    assertThat(status.spendThisMonthUsd).isCloseTo(1.75, within(1e-9));
    assertThat(status.budgets).singleElement().satisfies(budget -> {
      assertThat(budget.period).isEqualTo("daily");
      assertThat(budget.amountUsd).isEqualTo(5.0);
      assertThat(budget.spentUsd).isCloseTo(0.75, within(1e-9));
    });

    consumer.setStatus(status);
    ConsumerStatus quiet = builder.build(consumer, new ResourceVerdicts(result, config.version()),
        LiveConsumers.sum(List.of()), config);
    assertThat(quiet.requests).isEqualTo(14);
    assertThat(quiet.budgets.get(0).spentUsd).isCloseTo(0.75, within(1e-9));
  }

  private static StatsView stats(ConsumerStats consumer) {
    return new StatsView("v", Map.of(), Map.of(), Map.of("team-a", consumer));
  }
}
