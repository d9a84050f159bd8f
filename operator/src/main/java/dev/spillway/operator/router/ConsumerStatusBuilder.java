package dev.spillway.operator.router;

import dev.spillway.api.v1alpha1.Consumer;
import dev.spillway.api.v1alpha1.ConsumerBudgetStatus;
import dev.spillway.api.v1alpha1.ConsumerStatus;
import dev.spillway.config.BudgetConfig;
import dev.spillway.config.ConsumerConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.operator.stats.LiveConsumers;
import dev.spillway.operator.status.ResourceVerdicts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A Consumer's status: its conditions, how many of its keys the proxies accept now, and its calls
 * and spend summed over the replicas (kept from the previous status while no replica reports it).
 */
final class ConsumerStatusBuilder {
  private final Clock clock;

  ConsumerStatusBuilder(Clock clock) {
    this.clock = clock;
  }

  ConsumerStatus build(Consumer consumer, ResourceVerdicts verdicts, LiveConsumers live, RouterConfig serving) {
    String name = consumer.getMetadata().getName();
    ConsumerStatus before = consumer.getStatus() == null ? new ConsumerStatus() : consumer.getStatus();
    ConsumerConfig served = serving == null ? null : serving.clientAuth().consumers().get(name);
    ConsumerStatus status = new ConsumerStatus();
    status.conditions = verdicts.of(consumer).conditions();
    long now = clock.millis();
    status.activeKeys = served == null ? null : (int) served.keys().stream().filter(k -> k.activeAt(now)).count();
    LiveConsumers.Totals totals = live.of(name).orElse(null);
    status.requests = totals != null ? Long.valueOf(totals.requests()) : before.requests;
    status.throttled = totals != null ? Long.valueOf(totals.throttled()) : before.throttled;
    status.spendThisMonthUsd = totals != null ? Double.valueOf(totals.monthSpentUsd()) : before.spendThisMonthUsd;
    status.budgets = budgets(served, totals, before);
    return status;
  }

  private static List<ConsumerBudgetStatus> budgets(ConsumerConfig served, LiveConsumers.Totals totals,
      ConsumerStatus before) {
    if (served == null) {
      return before.budgets;
    }
    List<ConsumerBudgetStatus> budgets = new ArrayList<>();
    for (BudgetConfig budget : served.budgets()) {
      ConsumerBudgetStatus entry = new ConsumerBudgetStatus();
      entry.period = budget.period();
      entry.amountUsd = budget.amountUsd();
      entry.spentUsd = totals != null ? totals.spentByPeriod().getOrDefault(budget.period(), 0.0)
          : before.budgets.stream().filter(b -> budget.period().equals(b.period)).map(b -> b.spentUsd)
              .findFirst().orElse(null);
      budgets.add(entry);
    }
    return budgets;
  }
}
