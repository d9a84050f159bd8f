/**
 * Candidate scoring: a weighted score from recent health, latency, quality, cost and limit
 * headroom; the policy's triggers demote; a switch-over margin keeps close scores from flapping.
 * Every request's {@link dev.spillway.proxy.routing.RoutingDecision} records each candidate's score
 * and the reason for the choice.
 */
package dev.spillway.proxy.resilience.scoring;

