package dev.spillway.proxy.failover;

import dev.spillway.config.RetryConfig;
import dev.spillway.config.RetryOn;
import dev.spillway.proxy.providers.ProviderFailure;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The policy's same-target retries: which failures retry, and after how long. The delay doubles
 * with each retry (the base is {@code retry.backoff}) and is jittered between half and all of that
 * ("equal jitter"), so retries of many calls failing together spread out instead of arriving in
 * lockstep; a provider's Retry-After is a floor. A retry that could not start before the caller's
 * deadline is not made.
 */
public final class Retries {
  /** Longest wait between two tries: past this, the next candidate is the better bet. */
  static final long MAX_DELAY_MS = 30_000;

  private Retries() {}

  /**
   * Milliseconds to wait before trying the same target again, or -1 not to retry it.
   *
   * @param triesSoFar attempts already made at this target, the failed one included
   * @param remainingMs until the caller's deadline ({@link Long#MAX_VALUE} without one)
   * @param random in [0, 1), for the jitter
   */
  public static long delayMs(
      RetryConfig retry, int triesSoFar, FailureClass failureClass, ProviderFailure failure, long remainingMs,
      DoubleSupplier random) {
    if (retry == null || triesSoFar >= retry.attempts() || failureClass != FailureClass.RETRYABLE) {
      return -1;
    }
    Optional<RetryOn> kind = kind(failure);
    if (kind.isEmpty() || !retry.on().contains(kind.get())) {
      return -1;
    }
    long base = retry.backoffMs() << Math.min(20, triesSoFar - 1);
    long delay = Math.min(MAX_DELAY_MS, base / 2 + (long) (random.getAsDouble() * (base - base / 2)));
    if (kind.get() == RetryOn.RATE_LIMITED) { // the target rests that long anyway (HealthMarks)
      delay = Math.max(delay, HealthMarks.rateLimitWait(failure).toMillis());
    } else if (failure.retryAfter() != null) {
      delay = Math.max(delay, failure.retryAfter().toMillis());
    }
    return delay > MAX_DELAY_MS || delay >= remainingMs ? -1 : delay;
  }

  /** The retry kind a failure is, if any (a quality failure or a 4xx is none). */
  static Optional<RetryOn> kind(ProviderFailure failure) {
    return switch (failure.kind()) {
      case CONNECT -> Optional.of(RetryOn.CONNECT);
      case TIMEOUT -> Optional.of(RetryOn.TIMEOUT);
      case HTTP -> failure.status() == 429 ? Optional.of(RetryOn.RATE_LIMITED)
          : failure.status() >= 500 ? Optional.of(RetryOn.SERVER_ERROR) : Optional.empty();
      default -> Optional.empty();
    };
  }
}
