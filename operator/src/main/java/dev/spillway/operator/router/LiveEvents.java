package dev.spillway.operator.router;

import dev.spillway.api.v1alpha1.ProviderAccount;
import dev.spillway.compiler.ResourceSet;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.BudgetConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.operator.stats.LiveNumbers;
import dev.spillway.operator.status.EventRecorder;
import dev.spillway.operator.status.Events;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Budget Events on ProviderAccounts: the account's spend this period, summed over the replicas,
 * crossed one of its budget's alert thresholds (or 100 %), each threshold once per period.
 * (Circuits, drift and health checks come from the replicas' transition logs: {@link
 * TransitionEvents}.)
 */
final class LiveEvents {
  private final Events events;
  private final Clock clock;
  /** Account uid → (period, highest threshold already alerted in it). */
  private final Map<String, Alerted> alerted = new ConcurrentHashMap<>();

  private record Alerted(String period, int percent) {}

  LiveEvents(Events events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  void report(ResourceSet resources, RouterConfig serving, LiveNumbers now) {
    if (serving != null) {
      resources.accounts().forEach(account -> budgetAlerts(account, serving, now));
    }
  }

  private void budgetAlerts(ProviderAccount account, RouterConfig serving, LiveNumbers now) {
    String name = account.getMetadata().getName();
    AccountConfig config = serving.account(name);
    BudgetConfig budget = config == null ? null : config.budget();
    LiveNumbers.AccountNumbers numbers = now.account(name, serving).orElse(null);
    if (budget == null || budget.amountUsd() <= 0 || numbers == null || numbers.budgetRemainingUsd() == null) {
      return; // no budget, or no replica reports one yet
    }
    String period = periodOf(budget.period());
    String uid = account.getMetadata().getUid();
    Alerted before = alerted.get(uid);
    int done = before == null || !before.period().equals(period) ? 0 : before.percent();
    double usedPercent = numbers.spendUsd() * 100 / budget.amountUsd();
    for (int threshold : thresholds(budget)) {
      if (threshold > done && usedPercent >= threshold) {
        done = threshold;
        events.occurred(account, EventRecorder.BUDGET_ALERT, String.format(Locale.ROOT,
            "Spent %.2f USD of the %s budget of %.2f USD (%.0f%%): crossed %d%%%s", numbers.spendUsd(),
            period.substring(0, period.indexOf(':')), budget.amountUsd(), usedPercent, threshold,
            threshold >= 100 ? "; exhausted, calls are now " + exhausted(budget) : ""));
      }
    }
    alerted.put(uid, new Alerted(period, done));
  }

  /** The alert thresholds in order, with 100 % always among them (as the proxy alerts). */
  private static List<Integer> thresholds(BudgetConfig budget) {
    Set<Integer> all = new TreeSet<>(budget.alertAtPercent());
    all.add(100);
    return new ArrayList<>(all);
  }

  private static String exhausted(BudgetConfig budget) {
    return "block".equals(budget.onExhausted()) ? "refused" : "sent to other accounts first";
  }

  /**
   * The budget period in force, as a key ({@code monthly:2026-11-01}). Periods are UTC calendar
   * days, weeks from Monday and months, as the proxy's budget counts them (its BudgetPeriod is
   * internal to the proxy, which the operator does not depend on).
   */
  private String periodOf(String period) {
    LocalDate day = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
    String kind = period == null ? "monthly" : period;
    LocalDate start = switch (kind) {
      case "daily" -> day;
      case "weekly" -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      default -> day.withDayOfMonth(1);
    };
    return kind + ":" + start;
  }
}
