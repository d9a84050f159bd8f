package dev.spillway.proxy.limits;

import dev.spillway.config.AccountConfig;
import dev.spillway.config.LimitsConfig;
import dev.spillway.config.RouterConfig;
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

  public LimitsRegistry(Clock clock) {
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
        name, (key, old) -> old != null && old.config().equals(config) ? old : new AccountLimits(config, time));
  }

  public void retain(RouterConfig config) {
    retain(name -> config.account(name) != null && config.account(name).limits() != null);
  }

  /** Drops the buckets of every name {@code keep} refuses. */
  public void retain(Predicate<String> keep) {
    byAccount.keySet().removeIf(keep.negate());
  }
}
