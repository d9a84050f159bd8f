package dev.spillway.proxy.stats;

import dev.spillway.config.TargetConfig;
import dev.spillway.proxy.failover.FailureClass;
import dev.spillway.proxy.failover.TargetGate;
import dev.spillway.proxy.providers.ProviderFailure;
import java.util.Optional;

/**
 * Counts every attempt's outcome per target, then lets the wrapped gate decide as before. The gate
 * is where every attempt is reported, so counting here needs no hook in the call drivers.
 */
public final class CountingGate implements TargetGate {
  private final TargetGate next;
  private final StatsRegistry stats;

  public CountingGate(TargetGate next, StatsRegistry stats) {
    this.next = next;
    this.stats = stats;
  }

  @Override
  public Optional<Refusal> refusal(TargetConfig target) {
    return next.refusal(target);
  }

  @Override
  public void recordSuccess(TargetConfig target) {
    stats.targetOutcome(target.id(), target.account(), true);
    next.recordSuccess(target);
  }

  @Override
  public void recordFailure(TargetConfig target, FailureClass failureClass, ProviderFailure failure) {
    stats.targetOutcome(target.id(), target.account(), false);
    next.recordFailure(target, failureClass, failure);
  }
}
