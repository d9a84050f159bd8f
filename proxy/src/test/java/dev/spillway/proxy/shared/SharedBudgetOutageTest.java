package dev.spillway.proxy.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.spillway.config.AccountConfig;
import dev.spillway.config.BudgetConfig;
import dev.spillway.config.LimitsConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.resilience.budget.BudgetRegistry;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.resilience.budget.AccountBudget;
import dev.spillway.proxy.resilience.budget.BudgetAlert;
import dev.spillway.proxy.resilience.limits.AccountLimits;
import dev.spillway.proxy.resilience.limits.LimitsRegistry;
import dev.spillway.proxy.testing.MutableClock;
import dev.spillway.proxy.testing.RedisProcess;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas' budgets and limits on one real Redis, through an outage: shared while it answers,
 * each replica's share of what was left while it is gone, and what was spent meanwhile pushed back
 * when it returns.
 */
class SharedBudgetOutageTest {
  private static final AccountConfig ACCOUNT = account();

  private final MutableClock clock = new MutableClock();
  private RedisProcess redis;
  private SharedState a;
  private SharedState b;

  @BeforeEach
  void start() {
    redis = RedisProcess.start();
    SharedStateOptions options = SharedStateOptions.parse(redis.url(), null, "outage");
    a = SharedState.open(options, clock);
    b = SharedState.open(options, clock);
    await().atMost(Duration.ofSeconds(10)).until(() -> a.up() && b.up() && a.replicas() == 2 && b.replicas() == 2);
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
    redis.close();
  }

  @Test
  void spendIsSharedContinuesFromTheLastKnownSpendWhileRedisIsGoneAndIsReconciledAfter() throws Exception {
    List<BudgetAlert> alerts = new CopyOnWriteArrayList<>();
    BudgetRegistry registryA = new BudgetRegistry(clock, new SharedSpend(a, "account"));
    BudgetRegistry registryB = new BudgetRegistry(clock, new SharedSpend(b, "account"));
    registryA.addListener(alerts::add);
    registryB.addListener(alerts::add);
    AccountBudget onA = registryA.of(ACCOUNT);
    AccountBudget onB = registryB.of(ACCOUNT);
    Instant now = clock.instant();
    for (int i = 0; i < 3; i++) { // 0.60 spent, 0.30 through each replica
      assertThat(onA.reserve(0.10, now)).isTrue();
      onA.settle(0.10, 0.10, now);
      assertThat(onB.reserve(0.10, now)).isTrue();
      onB.settle(0.10, 0.10, now);
    }
    await().untilAsserted(() -> assertThat(alerts).extracting(BudgetAlert::percent).containsExactly(50));
    assertThat(onA.reserve(0, now)).isTrue(); // each replica learns the shared spend with its next call
    assertThat(onB.reserve(0, now)).isTrue();
    assertThat(onA.spentUsd()).as("A knows B's spend too").isCloseTo(0.60, within(1e-9));
    assertThat(onB.spentUsd()).as("B knows A's spend too").isCloseTo(0.60, within(1e-9));

    redis.stop();
    await().atMost(Duration.ofSeconds(10)).until(() -> !a.up());
    // 0.40 was left for two replicas: A may spend its 0.20 alone, and no more.
    assertThat(onA.reserve(0.10, now)).isTrue();
    onA.settle(0.10, 0.10, now);
    assertThat(onA.reserve(0.10, now)).isTrue();
    onA.settle(0.10, 0.10, now);
    assertThat(onA.reserve(0.10, now)).as("past A's share of what was left").isFalse();
    assertThat(onA.spentUsd()).as("continuing from the last known spend").isCloseTo(0.80, within(1e-9));

    redis.restart(); // empty: the shared ledger is gone with the old server
    await().atMost(Duration.ofSeconds(10)).until(() -> a.up() && b.up());
    await().untilAsserted(() -> assertThat(ledgerSpent()).as("A's outage spend reconciled").isCloseTo(0.20, within(1e-9)));
  }

  @Test
  void limitsAreExactAcrossReplicasAndEachReplicaGetsItsShareOfWhatWasLeftWhileRedisIsGone() {
    LimitsConfig tenPerMinute = new LimitsConfig(10, 0);
    AccountLimits onA = new LimitsRegistry(clock, new SharedBuckets(a, "account")).of("acct", tenPerMinute);
    AccountLimits onB = new LimitsRegistry(clock, new SharedBuckets(b, "account")).of("acct", tenPerMinute);
    for (int i = 0; i < 3; i++) {
      assertThat(onA.tryAdmit(0)).isZero();
      assertThat(onB.tryAdmit(0)).isZero();
    }
    assertThat(onB.headroom()).as("4 of 10 left after B's last call").isCloseTo(0.4, within(1e-9));
    assertThat(onA.headroom()).as("5 of 10 left after A's last call").isCloseTo(0.5, within(1e-9));

    redis.stop();
    await().atMost(Duration.ofSeconds(10)).until(() -> !a.up());
    // Its share: 10 / 2 replicas = 5, of which half was left at its last answer: 2.
    assertThat(onA.tryAdmit(0)).isZero();
    assertThat(onA.tryAdmit(0)).isZero();
    assertThat(onA.tryAdmit(0)).as("past A's share of what was left").isPositive();
    clock.advance(Duration.ofSeconds(12)); // a fifth of its minute: one more of its share of 5
    assertThat(onA.tryAdmit(0)).isZero();
  }

  private static AccountConfig account() {
    AccountConfig plain = ConfigBuilder.account("acct", "http://127.0.0.1:1/v1", TimeoutConfig.DEFAULTS, null, false,
        null, Map.of());
    return new AccountConfig(plain.name(), plain.provider(), plain.baseUrl(), null, null, null, false, Map.of(),
        plain.timeouts(), null, new BudgetConfig(1.0, "monthly", List.of(50), "block"), plain.healthCheck(), null);
  }

  private double ledgerSpent() {
    RedisClient client = RedisClient.create(redis.url());
    try (var connection = client.connect()) {
      String key = new SharedSpend(a, "account").ledger("acct", "monthly",
          Instant.parse("2026-01-01T00:00:00Z").getEpochSecond());
      String spent = connection.sync().hget(key, "spent");
      return spent == null ? 0 : Double.parseDouble(spent);
    } finally {
      client.shutdown();
    }
  }
}
