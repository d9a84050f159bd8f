/**
 * Trying candidates until one serves: {@link dev.spillway.proxy.failover.CandidateCursor} hands out
 * the next candidate that may be tried, {@link dev.spillway.proxy.failover.FailureClassifier} says
 * what a failure means, {@link dev.spillway.proxy.failover.TargetGate} (the resilience engine,
 * which composes {@link dev.spillway.proxy.failover.HealthMarks}) orders candidates, admits them
 * and learns from every outcome across requests, and {@link dev.spillway.proxy.failover.PlainCall}
 * drives plain calls, hedging them when the policy says so.
 */
package dev.spillway.proxy.failover;
