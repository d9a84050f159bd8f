/**
 * Trying candidates until one serves: {@link dev.spillway.proxy.failover.CandidateCursor} hands out
 * the next candidate that may be tried, {@link dev.spillway.proxy.failover.FailureClassifier} says
 * what a failure means, {@link dev.spillway.proxy.failover.TargetGate} (today
 * {@link dev.spillway.proxy.failover.HealthMarks}) remembers rate limits and refused credentials
 * across requests, and {@link dev.spillway.proxy.failover.PlainCall} drives plain calls.
 */
package dev.spillway.proxy.failover;
