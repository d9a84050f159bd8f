package dev.spillway.operator.resources;

import dev.spillway.api.v1alpha1.Consumer;
import dev.spillway.api.v1alpha1.ConsumerBudgetStatus;
import dev.spillway.api.v1alpha1.ConsumerStatus;
import dev.spillway.config.BudgetConfig;
import dev.spillway.config.ConsumerConfig;
import dev.spillway.operator.serving.Served;
import dev.spillway.operator.serving.ServedNamespaces;
import dev.spillway.operator.stats.LiveConsumers;
import dev.spillway.operator.status.StandaloneVerdict;
import dev.spillway.operator.status.Verdict;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Consumer status: verdict, how many of its keys the proxies accept now, and its calls and spend
 * summed over the serving Router's replicas (kept from the previous status while none reports it).
 */
@ControllerConfiguration(name = "consumer-status")
public final class ConsumerStatusReconciler extends ResourceStatusReconciler<Consumer, ConsumerStatus> {
  private final Clock clock;

  public ConsumerStatusReconciler(ServedNamespaces served, StandaloneVerdict standalone, Clock clock) {
    super(served, standalone, clock);
    this.clock = clock;
  }

  @Override
  ConsumerStatus status(Consumer consumer, Verdict verdict, Optional<Served> pass) {
    String name = consumer.getMetadata().getName();
    ConsumerStatus before = consumer.getStatus() == null ? new ConsumerStatus() : consumer.getStatus();
    ConsumerConfig served = pass.map(Served::serving)
        .map(config -> config.clientAuth().consumers().get(name)).orElse(null);
    ConsumerStatus status = new ConsumerStatus();
    status.conditions = verdict.conditions();
    long now = clock.millis();
    status.activeKeys = served == null ? before.activeKeys
        : Integer.valueOf((int) served.keys().stream().filter(key -> key.activeAt(now)).count());
    LiveConsumers.Totals totals = pass.flatMap(p -> p.window().consumer(name)).orElse(null);
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
