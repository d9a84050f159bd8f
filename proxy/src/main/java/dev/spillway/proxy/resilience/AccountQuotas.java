package dev.spillway.proxy.resilience;

import dev.spillway.config.AccountConfig;
import dev.spillway.config.PricingConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.resilience.budget.AccountBudget;
import dev.spillway.proxy.resilience.budget.BudgetRegistry;
import dev.spillway.proxy.resilience.budget.Spend;
import dev.spillway.proxy.failover.TargetGate.Refusal;
import dev.spillway.proxy.resilience.limits.AccountLimits;
import dev.spillway.proxy.resilience.limits.LimitsRegistry;
import dev.spillway.proxy.providers.Usage;
import dev.spillway.proxy.shared.SharedBuckets;
import dev.spillway.proxy.shared.SharedSpend;
import dev.spillway.proxy.shared.SharedState;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Accounts' rate limits and budgets: a call's admission reserves its estimate on both, its end
 * settles both with the real usage. Shared with the other replicas when there is shared state.
 */
final class AccountQuotas {
  /** The key scope of accounts' shared limits and budgets (consumers have their own). */
  private static final String SCOPE = "account";

  private final Clock clock;
  private final LimitsRegistry limits;
  private final BudgetRegistry budgets;

  /** @param shared where limits and spend are shared with the other replicas, or null */
  AccountQuotas(Clock clock, SharedState shared) {
    this.clock = clock;
    this.limits = new LimitsRegistry(clock, shared == null ? null : new SharedBuckets(shared, SCOPE));
    this.budgets = new BudgetRegistry(clock, shared == null ? null : new SharedSpend(shared, SCOPE));
  }

  LimitsRegistry limits() {
    return limits;
  }

  BudgetRegistry budgets() {
    return budgets;
  }

  void retain(RouterConfig config) {
    limits.retain(config);
    budgets.retain(config);
  }

  /** Reserves the call's estimate on the account's budget and limits, or says why not (nothing stays reserved). */
  Optional<Refusal> admit(AccountConfig account, long tokens, PricingConfig pricing) {
    AccountBudget budget = budgets.of(account);
    double estimate = Spend.estimate(tokens, pricing);
    if (budget != null && !budget.reserve(estimate, clock.instant())) {
      return Optional.of(new Refusal("budget of account " + account.name() + " exhausted (block)", null));
    }
    AccountLimits accountLimits = limits.of(account);
    if (accountLimits != null) {
      Duration wait = accountLimits.tryAdmit(tokens);
      if (!wait.isZero()) {
        if (budget != null) {
          budgets.settle(budget, estimate, 0);
        }
        return Optional.of(new Refusal(
            "no rate-limit headroom on account " + account.name() + " for " + wait.toMillis() + " ms", wait));
      }
    }
    return Optional.empty();
  }

  /** The call ended: limits and budget charged the real usage instead of the estimate. Returns the spend. */
  double settle(AccountConfig account, long estimatedTokens, Usage usage, PricingConfig pricing) {
    AccountLimits accountLimits = limits.of(account);
    if (accountLimits != null) {
      accountLimits.settle(estimatedTokens, usage.totalTokens());
    }
    double spent = Spend.of(usage, pricing);
    AccountBudget budget = budgets.of(account);
    if (budget != null) {
      budgets.settle(budget, Spend.estimate(estimatedTokens, pricing), spent);
    }
    return spent;
  }

  /** Spend outside a call (a health probe's tokens). */
  void spent(AccountConfig account, double usd) {
    AccountBudget budget = budgets.of(account);
    if (budget != null) {
      budgets.settle(budget, 0, usd);
    }
  }
}
