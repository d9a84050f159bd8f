package dev.spillway.proxy.failover;

import dev.spillway.config.TargetConfig;
import dev.spillway.proxy.providers.ProviderFailure;
import java.time.Duration;
import java.util.Optional;

/**
 * Decides whether a target may be tried now, and learns from every attempt's outcome. The seam where
 * circuit breakers, scoring and hedging plug in; state lives outside config snapshots so it survives
 * reloads.
 */
public interface TargetGate {

  /** Why the target must not be tried now, or empty when it may. */
  Optional<Refusal> refusal(TargetConfig target);

  void recordSuccess(TargetConfig target);

  void recordFailure(TargetConfig target, FailureClass failureClass, ProviderFailure failure);

  /**
   * @param retryAfter set when the target is resting for a rate limit: how long until it is not
   */
  record Refusal(String reason, Duration retryAfter) {
    public boolean rateLimited() {
      return retryAfter != null;
    }
  }
}
