package dev.spillway.proxy.resilience;

/**
 * A read-only snapshot of one target's live state, for the stats endpoint, metrics and the
 * operator's status. Latencies in milliseconds; rates 0 to 1.
 *
 * @param calls finished calls in the stats window
 * @param circuit circuit breaker state
 * @param trafficSharePercent share of its calls the breaker lets through (100 closed, 0 open)
 * @param spentUsd spent on this target since the proxy started
 * @param budgetRemainingUsd left in the account's budget this period, or null without a budget
 * @param headroom share of the account's rate limits left (1 without limits)
 * @param healthCheckPassing whether the account passes its active health checks (a failing account
 *     is skipped by every decision); null when it has none or none has run yet
 * @param healthCheckFailure why the account fails its health checks, or null
 */
public record TargetStatsView(
    String target,
    String account,
    String model,
    double p50Ms,
    double p95Ms,
    double p99Ms,
    double ttftP95Ms,
    double errorRate,
    double rateLimitRate,
    long calls,
    String circuit,
    int trafficSharePercent,
    double spentUsd,
    Double budgetRemainingUsd,
    double headroom,
    Boolean healthCheckPassing,
    String healthCheckFailure) {}
