package dev.spillway.proxy.resilience.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.spillway.config.BudgetConfig;
import dev.spillway.config.PricingConfig;
import dev.spillway.proxy.providers.Usage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountBudgetTest {
  private static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");

  @Test
  void spendComesFromUsageTimesPricesWithCachedInputAtItsOwnPrice() {
    PricingConfig pricing = new PricingConfig(2.0, 8.0, 0.5);
    double usd = Spend.of(new Usage(1_000_000, 500_000, 400_000), pricing);
    assertThat(usd).isCloseTo(0.6 * 2.0 + 0.4 * 0.5 + 0.5 * 8.0, within(1e-9));
  }

  @Test
  void cacheWritesHaveTheirOwnPriceAndDefaultToTheInputPrice() {
    Usage usage = new Usage(1_000_000, 0, 200_000, 300_000);

    assertThat(Spend.of(usage, new PricingConfig(2.0, 8.0, 0.5, 2.5, 0)))
        .isCloseTo(0.5 * 2.0 + 0.2 * 0.5 + 0.3 * 2.5, within(1e-9));
    assertThat(Spend.of(usage, new PricingConfig(2.0, 8.0, 0.5)))
        .isCloseTo(0.8 * 2.0 + 0.2 * 0.5, within(1e-9));
  }

  @Test
  void videoIsPricedBySecond() {
    assertThat(Spend.of(Usage.video(8), new PricingConfig(2.0, 8.0, 0.5, null, 0.10))).isCloseTo(0.8, within(1e-9));
    assertThat(Spend.of(Usage.video(8), new PricingConfig(2.0, 8.0, 0.5))).isZero();
  }

  @Test
  void reservationsKeepConcurrentCallsFromOvershootingABlockingBudget() {
    AccountBudget budget = new AccountBudget("acct", new BudgetConfig(1.0, "monthly", List.of(50), "block"), NOW);
    assertThat(budget.reserve(0.4, NOW)).isTrue();
    assertThat(budget.reserve(0.4, NOW)).isTrue();
    assertThat(budget.reserve(0.4, NOW)).as("1.2 reserved would pass 1.0").isFalse();
    budget.settle(0.4, 0.1, NOW);
    assertThat(budget.reserve(0.4, NOW)).isTrue();
  }

  @Test
  void alertsFireOncePerThresholdAndPeriod() {
    AccountBudget budget = new AccountBudget("acct", new BudgetConfig(1.0, "daily", List.of(50, 80), "deprioritize"), NOW);
    assertThat(budget.settle(0, 0.4, NOW)).isEmpty();
    assertThat(budget.settle(0, 0.2, NOW)).extracting(BudgetAlert::percent).containsExactly(50);
    assertThat(budget.settle(0, 0.5, NOW)).extracting(BudgetAlert::percent).containsExactly(80, 100);
    assertThat(budget.exhausted(NOW)).isTrue();
    assertThat(budget.settle(0, 0.5, NOW)).isEmpty();

    Instant tomorrow = NOW.plusSeconds(86_400);
    assertThat(budget.exhausted(tomorrow)).as("a new period starts from zero").isFalse();
    assertThat(budget.settle(0, 0.6, tomorrow)).extracting(BudgetAlert::percent).containsExactly(50);
  }

  @Test
  void periodsStartOnTheDayWeekAndMonthInUtc() {
    assertThat(BudgetPeriod.start("daily", NOW)).isEqualTo(Instant.parse("2026-03-15T00:00:00Z"));
    assertThat(BudgetPeriod.start("weekly", NOW)).isEqualTo(Instant.parse("2026-03-09T00:00:00Z"));
    assertThat(BudgetPeriod.start("monthly", NOW)).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
  }
}
