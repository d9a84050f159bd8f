package dev.spillway.proxy.consumers;

import dev.spillway.config.BudgetConfig;
import dev.spillway.config.ConsumerConfig;
import dev.spillway.proxy.auth.Rejection;
import dev.spillway.proxy.resilience.budget.AccountBudget;
import dev.spillway.proxy.resilience.budget.BudgetAlert;
import dev.spillway.proxy.resilience.limits.AccountLimits;
import dev.spillway.proxy.shared.SharedSpend;
import dev.spillway.stats.StatsView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * One consumer's quotas on this replica: its rate-limit buckets, one spend tracker per budget, and
 * a monthly spend tracker (its monthly budget when it has one) so spend is known without a budget.
 */
final class ConsumerQuota {
  private static final BudgetConfig UNBOUNDED_MONTH =
      new BudgetConfig(Double.POSITIVE_INFINITY, "monthly", List.of(), "alert");

  private final ConsumerConfig config;
  private final AccountLimits limits;
  private final List<AccountBudget> budgets = new ArrayList<>();
  private final AccountBudget month;
  final LongAdder requests;
  final LongAdder throttled;

  /**
   * @param limits the consumer's buckets, null without limits
   * @param before the quota this one replaces (spend and counters carry over), or null
   */
  ConsumerQuota(ConsumerConfig config, AccountLimits limits, ConsumerQuota before, Instant now, SharedSpend shared,
      Consumer<List<BudgetAlert>> lateAlerts) {
    this.config = config;
    this.limits = limits;
    AccountBudget monthly = null;
    for (BudgetConfig budget : config.budgets()) {
      AccountBudget tracker =
          carried(new AccountBudget(config.name(), budget, now, shared, lateAlerts), before, now, shared);
      budgets.add(tracker);
      if (budget.period().equals("monthly")) {
        monthly = tracker;
      }
    }
    this.month = monthly != null ? monthly
        : carried(new AccountBudget(config.name(), UNBOUNDED_MONTH, now, shared, lateAlerts), before, now, shared);
    this.requests = before == null ? new LongAdder() : before.requests;
    this.throttled = before == null ? new LongAdder() : before.throttled;
  }

  ConsumerConfig config() {
    return config;
  }

  /**
   * A fresh tracker starting with what the replaced quota had spent in the same period (a shared
   * ledger outlives the tracker by itself).
   */
  private static AccountBudget carried(AccountBudget fresh, ConsumerQuota before, Instant now, SharedSpend shared) {
    if (before != null && shared == null) {
      String period = fresh.config().period();
      before.trackers().stream().filter(old -> old.config().period().equals(period)).findFirst()
          .ifPresent(old -> fresh.settle(0, old.spentUsd(), now));
    }
    return fresh;
  }

  private List<AccountBudget> trackers() {
    List<AccountBudget> all = new ArrayList<>(budgets);
    if (!budgets.contains(month)) {
      all.add(month);
    }
    return all;
  }

  /**
   * Reserves one request, {@code tokens} and {@code estimateUsd}: null when admitted, else why not
   * and for how long. Nothing stays reserved when refused.
   */
  Refusal admit(long tokens, double estimateUsd, Instant now) {
    List<AccountBudget> reserved = new ArrayList<>();
    for (AccountBudget tracker : trackers()) {
      if (!tracker.reserve(estimateUsd, now)) {
        reserved.forEach(r -> r.settle(estimateUsd, 0, now));
        return new Refusal(Rejection.BUDGET_EXHAUSTED, Duration.between(now, tracker.periodEnd(now)),
            "The " + tracker.config().period() + " budget of consumer " + config.name() + " ("
                + tracker.config().amountUsd() + " USD) is spent");
      }
      reserved.add(tracker);
    }
    Duration wait = limits == null ? Duration.ZERO : limits.tryAdmit(tokens);
    if (!wait.isZero()) {
      reserved.forEach(r -> r.settle(estimateUsd, 0, now));
      return new Refusal(Rejection.RATE_LIMITED, wait,
          "Consumer " + config.name() + " is over its rate limit (" + describe() + ")");
    }
    return null;
  }

  /** Shared state is back: spend made meanwhile goes to the shared ledgers. */
  void reconcile(Instant now) {
    trackers().forEach(tracker -> tracker.reconcile(now));
  }

  /** The call ended: its reservation goes, its real usage counts. Returns budget alerts crossed. */
  List<BudgetAlert> settle(long estimatedTokens, double estimateUsd, long actualTokens, double actualUsd, Instant now) {
    if (limits != null) {
      limits.settle(estimatedTokens, actualTokens);
    }
    List<BudgetAlert> alerts = new ArrayList<>();
    for (AccountBudget tracker : trackers()) {
      alerts.addAll(tracker.settle(estimateUsd, actualUsd, now));
    }
    return alerts;
  }

  StatsView.ConsumerStats stats() {
    List<StatsView.BudgetStats> spent = new ArrayList<>();
    for (AccountBudget budget : budgets) {
      spent.add(new StatsView.BudgetStats(budget.config().period(), budget.config().amountUsd(), budget.spentUsd()));
    }
    return new StatsView.ConsumerStats(requests.sum(), throttled.sum(), month.spentUsd(), spent);
  }

  private String describe() {
    List<String> parts = new ArrayList<>();
    if (config.limits().requestsPerMinute() > 0) {
      parts.add(config.limits().requestsPerMinute() + " requests per minute");
    }
    if (config.limits().tokensPerMinute() > 0) {
      parts.add(config.limits().tokensPerMinute() + " tokens per minute");
    }
    return String.join(", ", parts);
  }

  /** A refused admission: the rejection, and when to come back. */
  record Refusal(Rejection rejection, Duration retryAfter, String message) {}
}
