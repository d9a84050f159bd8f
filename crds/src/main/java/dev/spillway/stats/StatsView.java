package dev.spillway.stats;

import java.util.List;
import java.util.Map;

/**
 * The JSON document a proxy replica serves at {@code GET /v1/spillway/stats}; the operator scrapes
 * and sums it over replicas. Counters are totals since the replica started. New fields may be added
 * (readers ignore unknown ones); existing ones keep their meaning.
 *
 * <pre>
 * {"configVersion": "3f2a…",
 *  "policies": {"chat-default": {"matched": 10, "succeeded": 9, "failed": 1}},
 *  "targets":  {"sim-primary/gpt-x": {"account": "sim-primary", "calls": 11, "errors": 2,
 *                "live": {"p95Ms": 41.0, "errorRate": 0.02, "circuit": "CLOSED", "spentUsd": 0.12, …}}}}
 * </pre>
 *
 * @param configVersion version of the config in force, null before the first one
 * @param consumers each consumer's calls and spend on this replica
 * @param sharedState whether this replica's limits, budgets and marks are shared now; null when it has
 *     no shared state configured
 */
public record StatsView(
    String configVersion,
    Map<String, PolicyStats> policies,
    Map<String, TargetStats> targets,
    Map<String, ConsumerStats> consumers,
    SharedStateStats sharedState) {

  public StatsView {
    policies = policies == null ? Map.of() : Map.copyOf(policies);
    targets = targets == null ? Map.of() : Map.copyOf(targets);
    consumers = consumers == null ? Map.of() : Map.copyOf(consumers);
  }

  public StatsView(String configVersion, Map<String, PolicyStats> policies, Map<String, TargetStats> targets,
      Map<String, ConsumerStats> consumers) {
    this(configVersion, policies, targets, consumers, null);
  }

  public StatsView(String configVersion, Map<String, PolicyStats> policies, Map<String, TargetStats> targets) {
    this(configVersion, policies, targets, Map.of());
  }

  public StatsView withConsumers(Map<String, ConsumerStats> byName) {
    return new StatsView(configVersion, policies, targets, byName, sharedState);
  }

  public StatsView withSharedState(SharedStateStats state) {
    return new StatsView(configVersion, policies, targets, consumers, state);
  }

  /** Where a replica's limits, budgets and marks are decided. */
  public enum SharedStateMode {
    /** Through the shared Redis, with every other replica. */
    SHARED,
    /** By this replica alone: Redis is slow or gone (limits divided by the live replicas). */
    LOCAL_FALLBACK
  }

  /** A replica's shared state: its mode, and the replicas alive at its last heartbeat. */
  public record SharedStateStats(SharedStateMode mode, int replicas) {}

  /**
   * A consumer's calls on this replica since it started, and its spend.
   *
   * @param requests calls admitted for it
   * @param throttled calls refused for its own limits or budgets (429)
   * @param monthSpentUsd spent this calendar month (UTC)
   * @param budgets spend against each of its budgets in their current periods
   */
  public record ConsumerStats(long requests, long throttled, double monthSpentUsd, List<BudgetStats> budgets) {
    public ConsumerStats {
      budgets = budgets == null ? List.of() : List.copyOf(budgets);
    }
  }

  /** Spend against one budget in its current period. */
  public record BudgetStats(String period, double amountUsd, double spentUsd) {}

  /** Requests the policy matched, and how they ended (served with 2xx, or not). */
  public record PolicyStats(long matched, long succeeded, long failed) {}

  /**
   * Upstream attempts on one target ({@code account/model}) and how many failed, with the target's
   * live state from the resilience engine.
   *
   * @param live null when the replica has no live state for the target (no engine, or no calls)
   */
  public record TargetStats(String account, long calls, long errors, LiveStats live) {
    public TargetStats(String account, long calls, long errors) {
      this(account, calls, errors, null);
    }
  }

  /**
   * A target's state over the recent stats window. Latencies in milliseconds, rates 0 to 1.
   *
   * @param windowCalls finished calls in the stats window
   * @param circuit circuit breaker state (CLOSED, OPEN, HALF_OPEN, RECOVERING)
   * @param trafficSharePercent share of its calls the breaker lets through (100 when closed)
   * @param spentUsd spent on the target since the replica started
   * @param budgetRemainingUsd left in the account's budget this period, or null without a budget
   * @param headroom share of the account's rate limits left (1 without limits)
   * @param healthCheckPassing whether the account passes its active health checks; null when it has
   *     none or none has run yet
   * @param healthCheckFailure why the account fails its health checks (it is skipped), or null
   */
  public record LiveStats(
      double p50Ms,
      double p95Ms,
      double p99Ms,
      double ttftP95Ms,
      double errorRate,
      double rateLimitRate,
      long windowCalls,
      String circuit,
      int trafficSharePercent,
      double spentUsd,
      Double budgetRemainingUsd,
      double headroom,
      Boolean healthCheckPassing,
      String healthCheckFailure) {}
}
