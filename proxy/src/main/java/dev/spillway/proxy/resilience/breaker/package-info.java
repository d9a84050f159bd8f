/**
 * Per-target circuit breakers with a growing cool-down and a staged recovery ramp. See {@link
 * dev.spillway.proxy.resilience.breaker.CircuitBreaker} for why this is an own state machine.
 */
package dev.spillway.proxy.resilience.breaker;
