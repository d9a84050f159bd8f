package dev.spillway.proxy.resilience;

import dev.spillway.config.AccountConfig;
import dev.spillway.config.ModelConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.proxy.budget.AccountBudget;
import dev.spillway.proxy.health.HealthSnapshot;
import dev.spillway.proxy.limits.AccountLimits;
import dev.spillway.stats.StatsView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The engine's per-target state as the stats endpoint and the target metrics show it. */
final class TargetStats {
  private TargetStats() {}

  static Map<String, StatsView.LiveStats> live(List<TargetStatsView> views) {
    Map<String, StatsView.LiveStats> live = new HashMap<>();
    for (TargetStatsView v : views) {
      live.put(v.target(), new StatsView.LiveStats(
          v.p50Ms(), v.p95Ms(), v.p99Ms(), v.ttftP95Ms(), v.errorRate(), v.rateLimitRate(), v.calls(),
          v.circuit(), v.trafficSharePercent(), v.spentUsd(), v.budgetRemainingUsd(), v.headroom()));
    }
    return live;
  }

  /** Every target of {@code current} once, over the last {@link ResilienceEngine#STATS_WINDOW_MS}. */
  static List<TargetStatsView> of(ResilienceEngine engine, RouterConfig current) {
    List<TargetStatsView> views = new ArrayList<>();
    if (current == null) {
      return views;
    }
    long now = engine.nowMs();
    Set<String> seen = new HashSet<>();
    for (ModelConfig model : current.models().values()) {
      for (TargetConfig target : model.targets()) {
        if (!seen.add(target.id())) {
          continue;
        }
        TargetRuntime runtime = engine.runtime(target.id());
        HealthSnapshot h = runtime.health.snapshot(now, ResilienceEngine.STATS_WINDOW_MS);
        AccountConfig account = current.account(target.account());
        AccountBudget budget = engine.budgets().of(account);
        AccountLimits accountLimits = engine.limits().of(account);
        views.add(new TargetStatsView(
            target.id(), target.account(), target.model(), h.p50Ms(), h.p95Ms(), h.p99Ms(), h.ttftP95Ms(),
            h.errorRate(), h.rateLimitRate(), h.calls(), runtime.breaker.state().name(),
            runtime.breaker.sharePercent(ResilienceEngine.breakerConfigOf(current)), runtime.spentUsd.sum(),
            budget == null ? null : budget.remainingUsd(), accountLimits == null ? 1 : accountLimits.headroom()));
      }
    }
    return views;
  }
}
