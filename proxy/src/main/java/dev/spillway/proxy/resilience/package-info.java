/**
 * The resilience engine: {@link dev.spillway.proxy.resilience.ResilienceEngine} is the proxy's
 * {@link dev.spillway.proxy.failover.TargetGate}. It composes live health, circuit breakers,
 * scoring and triggers, cohorts, limits, budgets and hedging into one decision per request, learns
 * from every outcome, and exposes a read-only stats snapshot.
 *
 * <p>Every concern that decides whether a target may serve lives under this one tree: {@code health}
 * (live health, in-flight calls, active health checks), {@code breaker}, {@code scoring} (ranking and
 * triggers), capacity ({@code limits}, {@code budget}) and {@code hedging}.
 */
package dev.spillway.proxy.resilience;
