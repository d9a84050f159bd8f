package dev.spillway.operator.stats;

import dev.spillway.stats.StatsView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each consumer's calls and spend, summed over the replicas that answered a scrape. Every replica
 * counts its own share (limits and budgets are per replica until shared state exists), so the sum
 * is the consumer's whole use.
 */
public final class LiveConsumers {
  private final Map<String, Totals> byName = new HashMap<>();

  /**
   * @param spentByPeriod spend in each budget's current period (daily, weekly, monthly)
   */
  public record Totals(long requests, long throttled, double monthSpentUsd, Map<String, Double> spentByPeriod) {}

  public static LiveConsumers sum(List<ReplicaSample> samples) {
    LiveConsumers sum = new LiveConsumers();
    for (ReplicaSample sample : samples) {
      if (sample.stats() != null) {
        sample.stats().consumers().forEach(sum::add);
      }
    }
    return sum;
  }

  private void add(String name, StatsView.ConsumerStats stats) {
    Totals before = byName.get(name);
    Map<String, Double> spent = new HashMap<>(before == null ? Map.of() : before.spentByPeriod());
    stats.budgets().forEach(budget -> spent.merge(budget.period(), budget.spentUsd(), Double::sum));
    byName.put(name, before == null
        ? new Totals(stats.requests(), stats.throttled(), stats.monthSpentUsd(), spent)
        : new Totals(before.requests() + stats.requests(), before.throttled() + stats.throttled(),
            before.monthSpentUsd() + stats.monthSpentUsd(), spent));
  }

  /** The consumer's totals, or empty when no replica that answered knows it. */
  public Optional<Totals> of(String name) {
    return Optional.ofNullable(byName.get(name));
  }
}
