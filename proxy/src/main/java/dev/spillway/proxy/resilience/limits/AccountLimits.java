package dev.spillway.proxy.resilience.limits;

import dev.spillway.config.LimitsConfig;
import dev.spillway.proxy.shared.SharedBuckets;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/**
 * One account's requests-per-minute and tokens-per-minute buckets (Bucket4j, greedy refill). A call
 * takes one request and its estimated tokens on admission; when it ends, the token bucket is settled
 * with the real usage (the difference taken or given back).
 *
 * <p>With shared state the buckets live in Redis ({@link SharedBuckets}) and the limit holds across
 * replicas. While Redis is gone this replica falls back to local buckets holding its share of the
 * limit (the limit divided by the replicas alive at the last heartbeat), starting from its share of
 * what the shared buckets had left at their last answer, so an outage does not hand out a fresh minute.
 */
public final class AccountLimits {
  private final String name;
  private final LimitsConfig config;
  private final TimeMeter time;
  private final SharedBuckets shared;
  private volatile LocalBuckets local;
  /** Headroom the shared buckets reported at the last admission. */
  private volatile double sharedHeadroom = 1;

  /** The local buckets, sized for the replica count they were made for (null: no such limit). */
  private record LocalBuckets(int divisor, long outage, Bucket requests, long requestCapacity, Bucket tokens, long tokenCapacity) {
    double headroom() {
      return Math.min(share(requests, requestCapacity), share(tokens, tokenCapacity));
    }

    private static double share(Bucket bucket, long capacity) {
      return bucket == null ? 1.0 : Math.max(0, Math.min(1, (double) bucket.getAvailableTokens() / capacity));
    }
  }

  /** @param shared the shared buckets, or null to limit this replica alone */
  AccountLimits(String name, LimitsConfig config, TimeMeter time, SharedBuckets shared) {
    this.name = name;
    this.config = config;
    this.time = time;
    this.shared = shared;
    this.local = buckets(1, 0, 1);
  }

  /** Buckets of the share for {@code divisor} replicas, {@code level} (0 to 1) of them left. */
  private LocalBuckets buckets(int divisor, long outage, double level) {
    long requests = share(config.requestsPerMinute(), divisor);
    long tokens = share(config.tokensPerMinute(), divisor);
    return new LocalBuckets(divisor, outage, bucket(requests, level), requests, bucket(tokens, level), tokens);
  }

  /** This replica's share of a limit (rounded up: a replica must be able to take a call). */
  private static long share(int perMinute, int divisor) {
    return perMinute <= 0 ? 0 : Math.max(1, (perMinute + divisor - 1) / divisor);
  }

  private Bucket bucket(long share, double level) {
    if (share <= 0) {
      return null;
    }
    Bucket bucket = Bucket.builder()
        .addLimit(limit -> limit.capacity(share).refillGreedy(share, Duration.ofMinutes(1)))
        .withCustomTimePrecision(time)
        .build();
    long used = share - (long) Math.floor(share * level);
    if (used > 0) {
      bucket.consumeIgnoringRateLimits(used);
    }
    return bucket;
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
    long tokens = clampTokens(estimatedTokens);
    if (shared != null) {
      SharedBuckets.Answer answer =
          shared.take(name, config.requestsPerMinute(), config.tokensPerMinute(), tokens);
      if (answer != null) {
        sharedHeadroom = answer.headroom();
        return answer.retryIn();
      }
    }
    LocalBuckets buckets = local();
    if (buckets.requests() != null) {
      ConsumptionProbe probe = buckets.requests().tryConsumeAndReturnRemaining(1);
      if (!probe.isConsumed()) {
        return Duration.ofNanos(probe.getNanosToWaitForRefill());
      }
    }
    if (buckets.tokens() != null) {
      ConsumptionProbe probe = buckets.tokens().tryConsumeAndReturnRemaining(tokens);
      if (!probe.isConsumed()) {
        if (buckets.requests() != null) {
          buckets.requests().addTokens(1);
        }
        return Duration.ofNanos(probe.getNanosToWaitForRefill());
      }
    }
    return Duration.ZERO;
  }

  /** The call ended: charge the real token count instead of the estimate (0 tokens when it failed). */
  public void settle(long estimatedTokens, long actualTokens) {
    if (config.tokensPerMinute() <= 0) {
      return;
    }
    long difference = actualTokens - clampTokens(estimatedTokens);
    if (difference == 0) {
      return;
    }
    if (sharing()) {
      shared.adjust(name, config.tokensPerMinute(), difference);
      return;
    }
    Bucket tokens = local().tokens();
    if (difference > 0) {
      tokens.consumeIgnoringRateLimits(difference);
    } else {
      tokens.addTokens(-difference);
    }
  }

  /**
   * Share of capacity left, 0 to 1: the tighter of the two buckets (1 when unlimited); 0 means not a
   * single request or token is left.
   */
  public double headroom() {
    if (sharing()) {
      return sharedHeadroom;
    }
    return local().headroom();
  }

  private boolean sharing() {
    return shared != null && shared.state().up();
  }

  /**
   * The local buckets, made afresh for this replica's share at each outage of shared state and when
   * the live replica count changed.
   */
  private LocalBuckets local() {
    if (shared == null) {
      return local;
    }
    int divisor = shared.state().replicas();
    long outage = shared.state().outages();
    LocalBuckets buckets = local;
    if (buckets.divisor() != divisor || buckets.outage() != outage) {
      buckets = buckets(divisor, outage, sharedHeadroom);
      local = buckets;
    }
    return buckets;
  }

  /** A single call larger than the whole minute's budget is charged the budget, so it can ever pass. */
  private long clampTokens(long estimated) {
    return Math.max(0, Math.min(estimated, config.tokensPerMinute() <= 0 ? estimated : config.tokensPerMinute()));
  }
}
