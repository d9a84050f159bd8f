package dev.spillway.proxy.resilience.budget;

import dev.spillway.config.AccountConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.shared.SharedSpend;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The budget of every account that has one, keyed by account name so spend survives reloads (a
 * changed budget keeps the spend so far), and the listeners that hear its alerts.
 */
public final class BudgetRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(BudgetRegistry.class);

  private final Clock clock;
  /** The shared ledgers, or null when every replica keeps its own spend. */
  private final SharedSpend shared;
  private final Map<String, AccountBudget> byAccount = new ConcurrentHashMap<>();
  private final List<BudgetListener> listeners = new CopyOnWriteArrayList<>();

  public BudgetRegistry(Clock clock) {
    this(clock, null);
  }

  /** @param shared the shared ledgers, or null to keep spend on this replica alone */
  public BudgetRegistry(Clock clock, SharedSpend shared) {
    this.clock = clock;
    this.shared = shared;
    if (shared != null) {
      shared.state().onReconnect(() -> byAccount.values().forEach(budget -> budget.reconcile(clock.instant())));
    }
  }

  public void addListener(BudgetListener listener) {
    listeners.add(listener);
  }

  /** The account's budget, or null when it has none. */
  public AccountBudget of(AccountConfig account) {
    if (account == null || account.budget() == null) {
      return null;
    }
    AccountBudget budget = byAccount.get(account.name());
    if (budget != null && budget.config().equals(account.budget())) {
      return budget;
    }
    return byAccount.compute(account.name(), (name, old) -> {
      if (old != null && old.config().equals(account.budget())) {
        return old;
      }
      AccountBudget fresh = new AccountBudget(name, account.budget(), clock.instant(), shared, this::announce);
      if (old != null && shared == null) { // a shared ledger outlives this object by itself
        fresh.settle(0, old.spentUsd(), clock.instant());
      }
      return fresh;
    });
  }

  /** Settles a call and tells everyone about thresholds it crossed. */
  public void settle(AccountBudget budget, double estimateUsd, double actualUsd) {
    announce(budget.settle(estimateUsd, actualUsd, clock.instant()));
  }

  private void announce(List<BudgetAlert> alerts) {
    for (BudgetAlert alert : alerts) {
      LOG.warn(
          "budget alert: account {} spent {} USD of {} USD this {} period ({} %){}",
          alert.account(),
          String.format("%.4f", alert.spentUsd()),
          alert.amountUsd(),
          alert.period(),
          alert.percent(),
          alert.exhausted() ? "; exhausted, action: " + alert.action() : "");
      for (BudgetListener listener : listeners) {
        try {
          listener.onAlert(alert);
        } catch (RuntimeException e) {
          LOG.warn("budget listener failed", e);
        }
      }
    }
  }

  public void retain(RouterConfig config) {
    byAccount.keySet().removeIf(name -> config.account(name) == null || config.account(name).budget() == null);
  }
}
