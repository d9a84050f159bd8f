package dev.spillway.proxy.stats;

import dev.spillway.config.TargetConfig;
import dev.spillway.proxy.failover.FailureClass;
import dev.spillway.proxy.failover.ForwardingGate;
import dev.spillway.proxy.failover.TargetGate;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.Usage;
import dev.spillway.proxy.routing.Plan;

/**
 * Counts every attempt's outcome per target, then lets the wrapped gate decide as before. The gate
 * is where every attempt is reported, so counting here needs no hook in the call drivers.
 */
public final class CountingGate extends ForwardingGate {
  private final StatsRegistry stats;

  public CountingGate(TargetGate next, StatsRegistry stats) {
    super(next);
    this.stats = stats;
  }

  @Override
  public void recordSuccess(TargetConfig target) {
    stats.targetOutcome(target.id(), target.account(), true);
    super.recordSuccess(target);
  }

  @Override
  public void recordFailure(TargetConfig target, FailureClass failureClass, ProviderFailure failure) {
    stats.targetOutcome(target.id(), target.account(), false);
    super.recordFailure(target, failureClass, failure);
  }

  @Override
  public void succeeded(Plan plan, TargetConfig target, long latencyNanos, Usage usage) {
    stats.targetOutcome(target.id(), target.account(), true);
    super.succeeded(plan, target, latencyNanos, usage);
  }

  @Override
  public void failed(
      Plan plan, TargetConfig target, long elapsedNanos, FailureClass failureClass, ProviderFailure failure) {
    stats.targetOutcome(target.id(), target.account(), false);
    super.failed(plan, target, elapsedNanos, failureClass, failure);
  }
}
