package dev.spillway.proxy.limits;

import dev.spillway.config.AccountConfig;
import dev.spillway.config.RouterConfig;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The limit buckets of every account with limits, keyed by account name so they survive reloads; an
 * account whose limits changed gets fresh buckets, a removed one loses them.
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
    if (account == null || account.limits() == null) {
      return null;
    }
    AccountLimits limits = byAccount.get(account.name());
    if (limits != null && limits.config().equals(account.limits())) {
      return limits;
    }
    return byAccount.compute(
        account.name(),
        (name, old) -> old != null && old.config().equals(account.limits()) ? old : new AccountLimits(account.limits(), time));
  }

  public void retain(RouterConfig config) {
    byAccount.keySet().removeIf(name -> config.account(name) == null || config.account(name).limits() == null);
  }
}
