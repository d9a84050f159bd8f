package dev.spillway.config;

import java.util.List;

/** Per-target circuit breaker settings, durations in milliseconds. */
public record CircuitBreakerConfig(
    double failureRateThreshold,
    int minimumCalls,
    int consecutiveFailures,
    long windowMs,
    long openForMs,
    int halfOpenProbes,
    List<Integer> recoveryRamp) {

  public static final CircuitBreakerConfig DEFAULTS =
      new CircuitBreakerConfig(0.5, 20, 5, 30_000, 10_000, 3, List.of(1, 5, 25, 100));

  public CircuitBreakerConfig {
    recoveryRamp = Immutables.list(recoveryRamp);
  }
}
