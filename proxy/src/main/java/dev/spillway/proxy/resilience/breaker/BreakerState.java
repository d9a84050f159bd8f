package dev.spillway.proxy.resilience.breaker;

/** Where a circuit breaker is in its cycle. */
public enum BreakerState {
  /** Healthy: all calls go through. */
  CLOSED,
  /** Tripped: no calls until the cool-down ends. */
  OPEN,
  /** Cool-down over: a few probe calls decide. */
  HALF_OPEN,
  /** Probes passed: a growing share of calls goes through, stage by stage. */
  RECOVERING
}
