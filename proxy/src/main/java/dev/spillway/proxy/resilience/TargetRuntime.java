package dev.spillway.proxy.resilience;

import dev.spillway.proxy.breaker.CircuitBreaker;
import dev.spillway.proxy.health.TargetHealth;
import java.util.concurrent.atomic.DoubleAdder;

/** Everything the engine learns about one target, kept by target id across config reloads. */
final class TargetRuntime {
  final TargetHealth health = new TargetHealth();
  final CircuitBreaker breaker = new CircuitBreaker(TargetHealth.INTERVAL_MS, TargetHealth.COUNTER_INTERVALS);
  /** US dollars spent on this target since the proxy started. */
  final DoubleAdder spentUsd = new DoubleAdder();
}
