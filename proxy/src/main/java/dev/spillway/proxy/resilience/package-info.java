/**
 * The resilience engine: {@link dev.spillway.proxy.resilience.ResilienceEngine} is the proxy's
 * {@link dev.spillway.proxy.failover.TargetGate}. It composes live health, circuit breakers,
 * scoring and triggers, cohorts, limits, budgets and hedging into one decision per request, learns
 * from every outcome, and exposes a read-only stats snapshot.
 */
package dev.spillway.proxy.resilience;
