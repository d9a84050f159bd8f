package dev.spillway.operator.router;

import dev.spillway.api.v1alpha1.Router;
import dev.spillway.compiler.CompileResult;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.ModelConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.operator.stats.LiveNumbers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MultiGauge.Row;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the chart's alerts need that no single proxy replica knows, as operator metrics: whether a
 * Router's latest config was rejected, how much of each account's budget is spent (summed over
 * replicas), and how many targets of each model are not behind an open circuit.
 */
public final class RouterMetrics {
  private final MultiGauge rejected;
  private final MultiGauge budgetUsed;
  private final MultiGauge modelTargetsAvailable;
  private final Map<String, Pass> byRouter = new ConcurrentHashMap<>();

  private record Pass(List<Row<?>> rejected, List<Row<?>> budgetUsed, List<Row<?>> models) {}

  public RouterMetrics(MeterRegistry registry) {
    rejected = MultiGauge.builder("spillway.operator.config.rejected")
        .description("1 while the Router's latest compile was rejected (the proxies keep the last good config)")
        .register(registry);
    budgetUsed = MultiGauge.builder("spillway.operator.budget.used.ratio")
        .description("Share of the account's budget spent this period, over all replicas")
        .register(registry);
    modelTargetsAvailable = MultiGauge.builder("spillway.operator.model.targets.available")
        .description("Targets of the logical model whose circuit is not open on any replica")
        .register(registry);
  }

  void record(Router router, CompileResult result, RouterConfig serving, LiveNumbers totals) {
    String namespace = NamespaceOwner.servedNamespace(router);
    Tags routerTags = Tags.of("namespace", router.getMetadata().getNamespace(), "router", router.getMetadata().getName());
    List<Row<?>> budgets = new ArrayList<>();
    List<Row<?>> models = new ArrayList<>();
    if (serving != null) {
      for (AccountConfig account : serving.accounts().values()) {
        totals.account(account.name(), serving)
            .filter(n -> n.spendUsd() != null && account.budget() != null && account.budget().amountUsd() > 0)
            .ifPresent(n -> budgets.add(Row.of(Tags.of("namespace", namespace, "account", account.name()),
                n.spendUsd() / account.budget().amountUsd())));
      }
      for (ModelConfig model : serving.models().values()) {
        long available = model.targets().stream()
            .filter((TargetConfig t) -> !totals.circuitOpen(t.account(), t.id()))
            .count();
        models.add(Row.of(Tags.of("namespace", namespace, "model", model.name()), available));
      }
    }
    byRouter.put(router.getMetadata().getUid(),
        new Pass(List.of(Row.of(routerTags, result.ok() ? 0 : 1)), budgets, models));
    publish();
  }

  void forget(String routerUid) {
    if (byRouter.remove(routerUid) != null) {
      publish();
    }
  }

  private synchronized void publish() {
    rejected.register(byRouter.values().stream().flatMap(p -> p.rejected().stream()).toList(), true);
    budgetUsed.register(byRouter.values().stream().flatMap(p -> p.budgetUsed().stream()).toList(), true);
    modelTargetsAvailable.register(byRouter.values().stream().flatMap(p -> p.models().stream()).toList(), true);
  }
}
