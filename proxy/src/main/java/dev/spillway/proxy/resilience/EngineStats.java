package dev.spillway.proxy.resilience;

import dev.spillway.config.AccountConfig;
import dev.spillway.config.ModelConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.proxy.resilience.budget.AccountBudget;
import dev.spillway.proxy.resilience.health.HealthSnapshot;
import dev.spillway.proxy.resilience.limits.AccountLimits;
import dev.spillway.stats.StatsView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The engine's live state read out for people and the operator: one view per target of the config
 * in force (latency, errors, circuit, spend, headroom, what the account's health checks found).
 * Read on a scrape or a page refresh, never per request.
 */
final class EngineStats {
  private final ResilienceEngine engine;

  EngineStats(ResilienceEngine engine) {
    this.engine = engine;
  }

  Map<String, StatsView.LiveStats> live() {
    Map<String, StatsView.LiveStats> live = new HashMap<>();
    for (TargetStatsView v : targets()) {
      live.put(v.target(), new StatsView.LiveStats(
          v.p50Ms(), v.p95Ms(), v.p99Ms(), v.ttftP95Ms(), v.errorRate(), v.rateLimitRate(), v.calls(),
          v.circuit(), v.trafficSharePercent(), v.spentUsd(), v.budgetRemainingUsd(), v.headroom(),
          v.healthCheckPassing(), v.healthCheckFailure()));
    }
    return live;
  }

  List<TargetStatsView> targets() {
    RouterConfig current = engine.config();
    List<TargetStatsView> views = new ArrayList<>();
    if (current == null) {
      return views;
    }
    long now = engine.clock().millis();
    Set<String> seen = new HashSet<>();
    for (ModelConfig model : current.models().values()) {
      for (TargetConfig target : model.targets()) {
        if (seen.add(target.id())) {
          views.add(view(current, target, now));
        }
      }
    }
    return views;
  }

  private TargetStatsView view(RouterConfig current, TargetConfig target, long now) {
    TargetRuntime runtime = engine.runtime(target.id());
    HealthSnapshot h = runtime.health.snapshot(now, ResilienceEngine.STATS_WINDOW_MS);
    AccountConfig account = current.account(target.account());
    AccountBudget budget = engine.budgets().of(account);
    AccountLimits accountLimits = engine.limits().of(account);
    Optional<Boolean> passing = engine.probes().passing(target.account());
    Optional<String> probeFailure = engine.probes().failing(target.account());
    return new TargetStatsView(
        target.id(), target.account(), target.model(), h.p50Ms(), h.p95Ms(), h.p99Ms(), h.ttftP95Ms(),
        h.errorRate(), h.rateLimitRate(), h.calls(), runtime.breaker.state().name(),
        runtime.breaker.sharePercent(ResilienceEngine.breakerConfigOf(current)), runtime.spentUsd.sum(),
        budget == null ? null : budget.remainingUsd(), accountLimits == null ? 1 : accountLimits.headroom(),
        passing.orElse(null), probeFailure.orElse(null));
  }
}
