package dev.spillway.proxy.resilience.limits;

import dev.spillway.config.AccountConfig;
import dev.spillway.config.LimitsConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.shared.SharedBuckets;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The limit buckets of every account (or consumer) with limits, keyed by name so they survive
 * reloads; one whose limits changed gets fresh buckets, a removed one loses them.
 */
public final class LimitsRegistry {
  private final Map<String, AccountLimits> byAccount = new ConcurrentHashMap<>();
  private final TimeMeter time;
  /** The shared buckets, or null when every replica limits alone. */
  private final SharedBuckets shared;

  public LimitsRegistry(Clock clock) {
    this(clock, null);
  }

  /** @param shared the shared buckets, or null to limit this replica alone */
  public LimitsRegistry(Clock clock, SharedBuckets shared) {
    this.shared = shared;
    this.time =
        new TimeMeter() {
          @Override
          public long currentTimeNanos() {
            return clock.millis() * 1_000_000L;
          }

          @Override
          public boolean isWallClockBased() {
            return true;
          }
        };
  }

  /** The account's limits, or null when it has none. */
  public AccountLimits of(AccountConfig account) {
    return account == null ? null : of(account.name(), account.limits());
  }

  /** The buckets kept under {@code name} for these limits, or null when {@code config} is null. */
  public AccountLimits of(String name, LimitsConfig config) {
    if (config == null) {
      return null;
    }
    AccountLimits limits = byAccount.get(name);
    if (limits != null && limits.config().equals(config)) {
      return limits;
    }
    return byAccount.compute(
        name, (key, old) -> old != null && old.config().equals(config) ? old : new AccountLimits(name, config, time, shared));
  }

  public void retain(RouterConfig config) {
    retain(name -> config.account(name) != null && config.account(name).limits() != null);
  }

  /** Drops the buckets of every name {@code keep} refuses. */
  public void retain(Predicate<String> keep) {
    byAccount.keySet().removeIf(keep.negate());
  }
}
