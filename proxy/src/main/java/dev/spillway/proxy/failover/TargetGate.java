package dev.spillway.proxy.failover;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.TargetConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.Usage;
import dev.spillway.proxy.routing.Plan;
import dev.spillway.proxy.routing.RequestFacts;
import java.time.Duration;
import java.util.Optional;

/**
 * Decides whether a target may be tried now, and learns from every attempt's outcome. The seam where
 * circuit breakers, scoring and hedging plug in; state lives outside config snapshots so it survives
 * reloads.
 *
 * <p>The plan-aware methods have defaults that fall back to the simple ones, so a gate that only
 * marks targets ({@link HealthMarks}) implements just those; the resilience engine implements all.
 */
public interface TargetGate {

  /** Why the target must not be tried now, or empty when it may. */
  Optional<Refusal> refusal(TargetConfig target);

  void recordSuccess(TargetConfig target);

  void recordFailure(TargetConfig target, FailureClass failureClass, ProviderFailure failure);

  /** Orders (and scores) a request's candidates before the first attempt; by default as planned. */
  default Plan arrange(Plan plan, RequestFacts facts, ObjectNode body) {
    return plan;
  }

  /** Whether the target may be tried now for this request; reservations (limits, budget) are taken here. */
  default Optional<Refusal> admit(Plan plan, TargetConfig target) {
    return refusal(target);
  }

  /**
   * @param latencyNanos from the call's start to its full answer (plain) or its end (stream)
   * @param usage the tokens the call used (zeros when the provider reported none)
   */
  default void succeeded(Plan plan, TargetConfig target, long latencyNanos, Usage usage) {
    recordSuccess(target);
  }

  default void failed(
      Plan plan, TargetConfig target, long elapsedNanos, FailureClass failureClass, ProviderFailure failure) {
    recordFailure(target, failureClass, failure);
  }

  /**
   * An admitted attempt stopped without an outcome of its own: it lost a hedge race, or the client
   * went away. What {@link #admit} reserved is given back.
   */
  default void abandoned(Plan plan, TargetConfig target, long elapsedNanos, boolean lostHedge) {}

  /**
   * An admitted attempt is in flight from {@code startedNanos} ({@link System#nanoTime()}) until
   * {@link #ended}: health counts a call that has not ended yet, so a target whose calls hang is
   * seen while they hang.
   */
  default void started(Plan plan, TargetConfig target, long startedNanos) {}

  /** The attempt started at {@code startedNanos} is no longer in flight (it ended, or its stream started). */
  default void ended(Plan plan, TargetConfig target, long startedNanos) {}

  /**
   * The timeouts of one attempt at the target: the configured ones, or shorter when the target's
   * own recent latency says a call this slow is stuck.
   *
   * @param lastResort no candidate is left after this one (or only ones the routing decision refused):
   *     nothing is gained by cutting it short
   */
  default TimeoutConfig attemptTimeouts(Plan plan, TargetConfig target, TimeoutConfig configured, boolean lastResort) {
    return configured;
  }

  /** How long the target usually takes to answer (a stream: its first token), in ms; 0 when unknown. */
  default long typicalLatencyMs(Plan plan, TargetConfig target) {
    return 0;
  }

  /** A stream's first token arrived this long after the call started. */
  default void firstToken(Plan plan, TargetConfig target, long nanos) {}

  /** How long to wait for this target before hedging, or a negative number not to hedge. */
  default long hedgeDelayMs(Plan plan, TargetConfig target) {
    return -1;
  }

  /**
   * Whether routing now steers calls away from the target (its breaker is open, a trigger demoted
   * it, its health check fails): a call still waiting on it is raced without spending hedge budget.
   */
  default boolean shunned(Plan plan, TargetConfig target) {
    return false;
  }

  /** Takes one hedge from the policy's hedge budget; false when the budget is spent. */
  default boolean tryHedge(Plan plan) {
    return false;
  }

  /**
   * @param retryAfter set when the target is resting for a rate limit: how long until it is not
   */
  record Refusal(String reason, Duration retryAfter) {
    public boolean rateLimited() {
      return retryAfter != null;
    }
  }
}
