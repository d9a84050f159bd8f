package dev.spillway.proxy.stats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.TargetConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.failover.FailureClass;
import dev.spillway.proxy.failover.TargetGate;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.Usage;
import dev.spillway.proxy.routing.Plan;
import dev.spillway.proxy.routing.RequestFacts;
import java.util.Optional;

/**
 * Counts every attempt's outcome per target, then lets the wrapped gate decide as before. The gate
 * is where every attempt is reported, so counting here needs no hook in the call drivers. Every
 * method is forwarded: a decorator that left one to its default would silently switch the wrapped
 * gate's scoring, hedging or reservations off.
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

  @Override
  public Plan arrange(Plan plan, RequestFacts facts, ObjectNode body) {
    return next.arrange(plan, facts, body);
  }

  @Override
  public Optional<Refusal> admit(Plan plan, TargetConfig target) {
    return next.admit(plan, target);
  }

  @Override
  public void succeeded(Plan plan, TargetConfig target, long latencyNanos, Usage usage) {
    stats.targetOutcome(target.id(), target.account(), true);
    next.succeeded(plan, target, latencyNanos, usage);
  }

  @Override
  public void failed(
      Plan plan, TargetConfig target, long elapsedNanos, FailureClass failureClass, ProviderFailure failure) {
    stats.targetOutcome(target.id(), target.account(), false);
    next.failed(plan, target, elapsedNanos, failureClass, failure);
  }

  @Override
  public void abandoned(Plan plan, TargetConfig target, long elapsedNanos, boolean lostHedge) {
    next.abandoned(plan, target, elapsedNanos, lostHedge);
  }

  @Override
  public void started(Plan plan, TargetConfig target, long startedNanos) {
    next.started(plan, target, startedNanos);
  }

  @Override
  public void ended(Plan plan, TargetConfig target, long startedNanos) {
    next.ended(plan, target, startedNanos);
  }

  @Override
  public TimeoutConfig attemptTimeouts(Plan plan, TargetConfig target, TimeoutConfig configured, boolean lastResort) {
    return next.attemptTimeouts(plan, target, configured, lastResort);
  }

  @Override
  public long typicalLatencyMs(Plan plan, TargetConfig target) {
    return next.typicalLatencyMs(plan, target);
  }

  @Override
  public void firstToken(Plan plan, TargetConfig target, long nanos) {
    next.firstToken(plan, target, nanos);
  }

  @Override
  public long hedgeDelayMs(Plan plan, TargetConfig target) {
    return next.hedgeDelayMs(plan, target);
  }

  @Override
  public boolean shunned(Plan plan, TargetConfig target) {
    return next.shunned(plan, target);
  }

  @Override
  public boolean tryHedge(Plan plan) {
    return next.tryHedge(plan);
  }
}
