package dev.spillway.proxy.failover;

import dev.spillway.config.TargetConfig;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.shared.SharedMarks;
import dev.spillway.proxy.shared.SharedMarks.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simplest useful {@link TargetGate}: a target that answered 429 rests until its Retry-After
 * (one second when it gave none); an account whose credential was refused rests for a cool-down.
 * Keyed by target id and account name, so marks survive config reloads. With shared state, a mark
 * raised here rests the target (or account) on every replica, and one raised elsewhere rests it here.
 */
public final class HealthMarks implements TargetGate {
  public static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofSeconds(1);
  public static final Duration DEFAULT_AUTH_COOL_DOWN = Duration.ofSeconds(60);

  private final Clock clock;
  private final Duration authCoolDown;
  /** The marks every replica honours, or null without shared state. */
  private final SharedMarks shared;
  private final Map<String, Instant> rateLimitedUntil = new ConcurrentHashMap<>();
  private final Map<String, Instant> accountUnhealthyUntil = new ConcurrentHashMap<>();

  public HealthMarks(Clock clock, Duration authCoolDown) {
    this(clock, authCoolDown, null);
  }

  /** @param shared the marks every replica honours, or null to keep them on this replica */
  public HealthMarks(Clock clock, Duration authCoolDown, SharedMarks shared) {
    this.clock = clock;
    this.authCoolDown = authCoolDown;
    this.shared = shared;
  }

  public HealthMarks(Clock clock) {
    this(clock, DEFAULT_AUTH_COOL_DOWN);
  }

  @Override
  public Optional<Refusal> refusal(TargetConfig target) {
    Instant now = clock.instant();
    Instant accountBack = later(accountUnhealthyUntil.get(target.account()), Kind.CREDENTIAL_REFUSED, target.account(), now);
    if (accountBack != null && now.isBefore(accountBack)) {
      return Optional.of(new Refusal("account " + target.account() + " unhealthy (credential refused)", null));
    }
    Instant targetBack = later(rateLimitedUntil.get(target.id()), Kind.RATE_LIMITED, target.id(), now);
    if (targetBack != null && now.isBefore(targetBack)) {
      Duration wait = Duration.between(now, targetBack);
      return Optional.of(new Refusal("rate limited for another " + wait.toMillis() + " ms", wait));
    }
    return Optional.empty();
  }

  /** The later of this replica's mark and the shared one (null when neither holds). */
  private Instant later(Instant here, Kind kind, String id, Instant now) {
    long elsewhere = shared == null ? 0 : shared.until(kind, id, now.toEpochMilli());
    if (elsewhere == 0) {
      return here;
    }
    Instant there = Instant.ofEpochMilli(elsewhere);
    return here == null || there.isAfter(here) ? there : here;
  }

  @Override
  public void recordSuccess(TargetConfig target) {
    rateLimitedUntil.remove(target.id());
    accountUnhealthyUntil.remove(target.account());
    if (shared != null) {
      shared.clear(Kind.RATE_LIMITED, target.id());
      shared.clear(Kind.CREDENTIAL_REFUSED, target.account());
    }
  }

  @Override
  public void recordFailure(TargetConfig target, FailureClass failureClass, ProviderFailure failure) {
    Instant now = clock.instant();
    if (failureClass == FailureClass.AUTH) {
      Instant until = now.plus(authCoolDown);
      accountUnhealthyUntil.put(target.account(), until);
      share(Kind.CREDENTIAL_REFUSED, target.account(), until);
    } else if (failure.status() == 429) {
      Instant until = now.plus(rateLimitWait(failure));
      rateLimitedUntil.put(target.id(), until);
      share(Kind.RATE_LIMITED, target.id(), until);
    }
  }

  private void share(Kind kind, String id, Instant until) {
    if (shared != null) {
      shared.raise(kind, id, until.toEpochMilli());
    }
  }

  /** How long a 429 rests the target: the provider's Retry-After, else the default. */
  public static Duration rateLimitWait(ProviderFailure failure) {
    return failure.retryAfter() != null ? failure.retryAfter() : DEFAULT_RATE_LIMIT_WAIT;
  }
}
