package dev.spillway.proxy.limits;

import dev.spillway.config.LimitsConfig;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/**
 * One account's requests-per-minute and tokens-per-minute buckets (Bucket4j, greedy refill). A call
 * takes one request and its estimated tokens on admission; when it ends, the token bucket is settled
 * with the real usage (the difference taken or given back).
 */
public final class AccountLimits {
  private final LimitsConfig config;
  private final Bucket requests;
  private final Bucket tokens;

  AccountLimits(LimitsConfig config, TimeMeter time) {
    this.config = config;
    this.requests = bucket(config.requestsPerMinute(), time);
    this.tokens = bucket(config.tokensPerMinute(), time);
  }

  private static Bucket bucket(int perMinute, TimeMeter time) {
    if (perMinute <= 0) {
      return null;
    }
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
        .withCustomTimePrecision(time)
        .build();
  }

  LimitsConfig config() {
    return config;
  }

  /**
   * Takes a request and {@code estimatedTokens} if both fit.
   *
   * @return zero when admitted, else how long until they would fit
   */
  public Duration tryAdmit(long estimatedTokens) {
    if (requests != null) {
      ConsumptionProbe probe = requests.tryConsumeAndReturnRemaining(1);
      if (!probe.isConsumed()) {
        return Duration.ofNanos(probe.getNanosToWaitForRefill());
      }
    }
    if (tokens != null) {
      ConsumptionProbe probe = tokens.tryConsumeAndReturnRemaining(clampTokens(estimatedTokens));
      if (!probe.isConsumed()) {
        if (requests != null) {
          requests.addTokens(1);
        }
        return Duration.ofNanos(probe.getNanosToWaitForRefill());
      }
    }
    return Duration.ZERO;
  }

  /** The call ended: charge the real token count instead of the estimate (0 tokens when it failed). */
  public void settle(long estimatedTokens, long actualTokens) {
    if (tokens == null) {
      return;
    }
    long difference = actualTokens - clampTokens(estimatedTokens);
    if (difference > 0) {
      tokens.consumeIgnoringRateLimits(difference);
    } else if (difference < 0) {
      tokens.addTokens(-difference);
    }
  }

  /**
   * Share of capacity left, 0 to 1: the tighter of the two buckets (1 when unlimited); 0 means not a
   * single request or token is left.
   */
  public double headroom() {
    return Math.min(share(requests, config.requestsPerMinute()), share(tokens, config.tokensPerMinute()));
  }

  private static double share(Bucket bucket, int capacity) {
    return bucket == null ? 1.0 : Math.max(0, Math.min(1, (double) bucket.getAvailableTokens() / capacity));
  }

  /** A single call larger than the whole minute's budget is charged the budget, so it can ever pass. */
  private long clampTokens(long estimated) {
    return Math.max(0, Math.min(estimated, config.tokensPerMinute()));
  }
}
