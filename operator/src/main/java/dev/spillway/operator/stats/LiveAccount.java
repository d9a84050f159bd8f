package dev.spillway.operator.stats;

import dev.spillway.config.BudgetConfig;
import dev.spillway.stats.StatsView.LiveStats;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The resilience engine's live state of one account's targets, gathered over every replica that
 * answered a scrape. A snapshot: unlike counters, it is not differenced between scrapes.
 *
 * <p>Aggregation, and why:
 * <ul>
 *   <li>p95 latency: the mean of the reported p95s weighted by each one's calls in the window. A true
 *       p95 of the union cannot be rebuilt from percentiles; the weighted mean is exact when replicas
 *       see the same distribution (the usual case behind a Service), and unlike the max it does not
 *       let an idle replica or target with a handful of slow calls define the account.
 *   <li>circuit: per target the worst state any replica reports (one open breaker means some
 *       traffic is refused), summarised over targets as {@code open 1/3, half-open 1/3}.
 *   <li>spend and budget: each replica enforces the whole budget on its own spend, so the account's
 *       spend this period is the sum over replicas of {@code amount − remaining}, and what is left is
 *       {@code amount − that sum} (the min reported would overstate it when traffic is spread).
 * </ul>
 */
final class LiveAccount {
  private double weightedP95;
  private long windowCalls;
  private double lifetimeSpentUsd;
  private final Map<String, Circuit> circuits = new TreeMap<>();

  /** The worst state any replica reports for the target's breaker; null when none reports it. */
  Circuit circuit(String target) {
    return circuits.get(target);
  }
  /** Replica → budget left as it reports it (the same on every target of the account). */
  private final Map<String, Double> remainingByReplica = new HashMap<>();
  /** Whether any replica reports the account's health checks, and the failure one reports. */
  private boolean healthChecked;
  private String healthCheckFailure;

  void add(String replica, String target, LiveStats live) {
    if (live.windowCalls() > 0) {
      weightedP95 += live.p95Ms() * live.windowCalls();
      windowCalls += live.windowCalls();
    }
    lifetimeSpentUsd += live.spentUsd();
    Circuit circuit = Circuit.parse(live.circuit());
    circuits.merge(target, circuit == null ? Circuit.CLOSED : circuit, Circuit::worse);
    if (live.budgetRemainingUsd() != null) {
      remainingByReplica.merge(replica, live.budgetRemainingUsd(), Math::min);
    }
    if (live.healthCheckPassing() != null) {
      healthChecked = true;
      if (!live.healthCheckPassing() && healthCheckFailure == null) {
        healthCheckFailure = live.healthCheckFailure();
      }
    }
  }

  /**
   * {@code passing}, or {@code failing: <reason>} when any replica's probes fail (that replica skips
   * the account); null when no replica checks it.
   */
  String healthCheck() {
    if (!healthChecked) {
      return null;
    }
    return healthCheckFailure == null ? "passing" : "failing: " + healthCheckFailure;
  }

  /** Calls-weighted p95 over replicas and targets; null when nothing finished in the window. */
  Double latencyP95Ms() {
    return windowCalls == 0 ? null : Math.round(weightedP95 / windowCalls * 10) / 10.0;
  }

  /** {@code closed} when every target's breaker is, else the count of targets in each other state. */
  String circuitSummary() {
    Map<Circuit, Integer> counts = new EnumMap<>(Circuit.class);
    circuits.values().forEach(c -> counts.merge(c, 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    for (Circuit state : List.of(Circuit.OPEN, Circuit.HALF_OPEN, Circuit.RECOVERING)) {
      if (counts.containsKey(state)) {
        parts.add(state.label() + " " + counts.get(state) + "/" + circuits.size());
      }
    }
    return parts.isEmpty() ? Circuit.CLOSED.label() : String.join(", ", parts);
  }

  /**
   * Health the breakers and health checks imply: failing checks (the account is skipped) or every
   * target open is Unhealthy, any not closed Degraded.
   */
  String circuitHealth() {
    if (healthCheckFailure != null) {
      return LiveNumbers.UNHEALTHY_LABEL;
    }
    long open = circuits.values().stream().filter(c -> c == Circuit.OPEN).count();
    if (open > 0 && open == circuits.size()) {
      return LiveNumbers.UNHEALTHY_LABEL;
    }
    return circuits.values().stream().allMatch(c -> c == Circuit.CLOSED)
        ? LiveNumbers.HEALTHY_LABEL : LiveNumbers.DEGRADED_LABEL;
  }


  /** Spend this budget period (with a budget) or since the replicas started (without one). */
  double spendUsd(BudgetConfig budget) {
    if (budget == null || remainingByReplica.isEmpty()) {
      return round(lifetimeSpentUsd);
    }
    return round(remainingByReplica.values().stream()
        .mapToDouble(remaining -> Math.max(0, budget.amountUsd() - remaining)).sum());
  }

  /** Budget left this period over all replicas; null without a budget. */
  Double budgetRemainingUsd(BudgetConfig budget) {
    if (budget == null || remainingByReplica.isEmpty()) {
      return null;
    }
    return round(Math.max(0, budget.amountUsd() - spendUsd(budget)));
  }

  private static double round(double usd) {
    return Math.round(usd * 10_000) / 10_000.0;
  }
}
