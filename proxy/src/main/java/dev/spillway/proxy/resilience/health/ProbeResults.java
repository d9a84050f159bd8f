package dev.spillway.proxy.resilience.health;

import dev.spillway.config.HealthCheckConfig;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the active health checks found, per account: routing reads {@link #failing} on every
 * decision (a map read), the probes write after each probe. Keyed by account name, so it survives
 * config reloads; dropped for accounts a new config no longer has.
 */
public final class ProbeResults {
  private final Map<String, State> accounts = new ConcurrentHashMap<>();

  /** One account's probe record. */
  record State(boolean failing, int passesInARow, String lastFailure) {}

  /** Why the account is failing its health checks, or empty when it is not (or is not checked). */
  public Optional<String> failing(String account) {
    State state = accounts.get(account);
    return state != null && state.failing() ? Optional.of(state.lastFailure()) : Optional.empty();
  }

  /**
   * Records one probe. A failure marks the account failing at once; it recovers after {@link
   * HealthCheckConfig#PASSES_TO_RECOVER} passes in a row.
   *
   * @return true when the account's standing changed
   */
  boolean record(String account, boolean passed, String failure) {
    State before = accounts.getOrDefault(account, new State(false, 0, null));
    State after;
    if (!passed) {
      after = new State(true, 0, failure);
    } else if (before.failing()) {
      int passes = before.passesInARow() + 1;
      after = passes >= HealthCheckConfig.PASSES_TO_RECOVER ? new State(false, passes, null)
          : new State(true, passes, before.lastFailure());
    } else {
      after = new State(false, before.passesInARow() + 1, null);
    }
    accounts.put(account, after);
    return before.failing() != after.failing();
  }

  void retain(Set<String> names) {
    accounts.keySet().retainAll(names);
  }

  /** Whether the account passes its health checks now; empty when it has none or none has run yet. */
  public Optional<Boolean> passing(String account) {
    State state = accounts.get(account);
    return state == null ? Optional.empty() : Optional.of(!state.failing());
  }
}
