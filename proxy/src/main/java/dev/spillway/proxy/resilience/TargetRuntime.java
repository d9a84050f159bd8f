package dev.spillway.proxy.resilience;

import dev.spillway.proxy.resilience.breaker.BreakerState;
import dev.spillway.proxy.resilience.breaker.CircuitBreaker;
import dev.spillway.proxy.resilience.health.TargetHealth;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.BiConsumer;

/** Everything the engine learns about one target, kept by target id across config reloads. */
final class TargetRuntime {
  final TargetHealth health = new TargetHealth();
  final CircuitBreaker breaker;
  /** US dollars spent on this target since the proxy started. */
  final DoubleAdder spentUsd = new DoubleAdder();

  /**
   * @param onTransition told of each breaker state change, with the breaker (the replica's
   *     transition log, the other replicas)
   */
  TargetRuntime(BiConsumer<CircuitBreaker, BreakerState> onTransition) {
    CircuitBreaker[] self = new CircuitBreaker[1];
    breaker = new CircuitBreaker(TargetHealth.INTERVAL_MS, TargetHealth.COUNTER_INTERVALS,
        state -> onTransition.accept(self[0], state));
    self[0] = breaker;
  }
}
