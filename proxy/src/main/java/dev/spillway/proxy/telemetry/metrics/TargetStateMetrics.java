package dev.spillway.proxy.telemetry.metrics;

import dev.spillway.proxy.resilience.TargetStatsView;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MultiGauge.Row;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Gauges of every target's live state (circuit, traffic share, windowed error rate, limit headroom,
 * budget left), read from the resilience engine's stats view at each scrape: targets come and go
 * with configs, so the rows are replaced each time rather than registered once.
 */
public final class TargetStateMetrics {
  private final Supplier<List<TargetStatsView>> stats;
  private final MultiGauge circuit;
  private final MultiGauge trafficShare;
  private final MultiGauge errorRate;
  private final MultiGauge headroom;
  private final MultiGauge budgetRemaining;

  public TargetStateMetrics(MeterRegistry registry, Supplier<List<TargetStatsView>> stats) {
    this.stats = stats;
    this.circuit = gauge(registry, "spillway.target.circuit_state",
        "1 for the target's current circuit state (closed, open, half_open…)");
    this.trafficShare = gauge(registry, "spillway.target.traffic_share", "Share of calls the breaker lets through, 0 to 1");
    this.errorRate = gauge(registry, "spillway.target.error_rate", "Error rate in the stats window, 0 to 1");
    this.headroom = gauge(registry, "spillway.target.limit_headroom", "Share of the account's rate limits left, 0 to 1");
    this.budgetRemaining = gauge(registry, "spillway.budget.remaining.usd",
        "US dollars left in the account's budget this period (accounts with a budget)");
  }

  private static MultiGauge gauge(MeterRegistry registry, String name, String description) {
    return MultiGauge.builder(name).description(description).register(registry);
  }

  /** Replaces every row with the targets' state now. */
  public void refresh() {
    List<TargetStatsView> targets = stats.get();
    circuit.register(rows(targets, t -> tags(t).and("state", t.circuit().toLowerCase(Locale.ROOT)), t -> 1), true);
    trafficShare.register(rows(targets, TargetStateMetrics::tags, t -> t.trafficSharePercent() / 100d), true);
    errorRate.register(rows(targets, TargetStateMetrics::tags, TargetStatsView::errorRate), true);
    headroom.register(rows(targets, TargetStateMetrics::tags, TargetStatsView::headroom), true);
    budgetRemaining.register(
        rows(targets.stream().filter(t -> t.budgetRemainingUsd() != null).toList(),
            TargetStateMetrics::tags, TargetStatsView::budgetRemainingUsd),
        true);
  }

  private static Tags tags(TargetStatsView target) {
    return Tags.of("target", target.target(), "account", target.account());
  }

  private static List<Row<?>> rows(
      List<TargetStatsView> targets, Function<TargetStatsView, Tags> tags, ToDoubleFunction<TargetStatsView> value) {
    return targets.stream().<Row<?>>map(t -> Row.of(tags.apply(t), value.applyAsDouble(t))).toList();
  }
}
