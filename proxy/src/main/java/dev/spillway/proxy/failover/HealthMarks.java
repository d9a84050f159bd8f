package dev.spillway.proxy.failover;

import dev.spillway.config.TargetConfig;
import dev.spillway.proxy.providers.ProviderFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simplest useful {@link TargetGate}: a target that answered 429 rests until its Retry-After
 * (one second when it gave none); an account whose credential was refused rests for a cool-down.
 * Keyed by target id and account name, so marks survive config reloads.
 */
public final class HealthMarks implements TargetGate {
  public static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofSeconds(1);
  public static final Duration DEFAULT_AUTH_COOL_DOWN = Duration.ofSeconds(60);

  private final Clock clock;
  private final Duration authCoolDown;
  private final Map<String, Instant> rateLimitedUntil = new ConcurrentHashMap<>();
  private final Map<String, Instant> accountUnhealthyUntil = new ConcurrentHashMap<>();

  public HealthMarks(Clock clock, Duration authCoolDown) {
    this.clock = clock;
    this.authCoolDown = authCoolDown;
  }

  public HealthMarks(Clock clock) {
    this(clock, DEFAULT_AUTH_COOL_DOWN);
  }

  @Override
  public Optional<Refusal> refusal(TargetConfig target) {
    Instant now = clock.instant();
    Instant accountBack = accountUnhealthyUntil.get(target.account());
    if (accountBack != null && now.isBefore(accountBack)) {
      return Optional.of(new Refusal("account " + target.account() + " unhealthy (credential refused)", null));
    }
    Instant targetBack = rateLimitedUntil.get(target.id());
    if (targetBack != null && now.isBefore(targetBack)) {
      Duration wait = Duration.between(now, targetBack);
      return Optional.of(new Refusal("rate limited for another " + wait.toMillis() + " ms", wait));
    }
    return Optional.empty();
  }

  @Override
  public void recordSuccess(TargetConfig target) {
    rateLimitedUntil.remove(target.id());
    accountUnhealthyUntil.remove(target.account());
  }

  @Override
  public void recordFailure(TargetConfig target, FailureClass failureClass, ProviderFailure failure) {
    Instant now = clock.instant();
    if (failureClass == FailureClass.AUTH) {
      accountUnhealthyUntil.put(target.account(), now.plus(authCoolDown));
    } else if (failure.status() == 429) {
      rateLimitedUntil.put(target.id(), now.plus(rateLimitWait(failure)));
    }
  }

  /** How long a 429 rests the target: the provider's Retry-After, else the default. */
  public static Duration rateLimitWait(ProviderFailure failure) {
    return failure.retryAfter() != null ? failure.retryAfter() : DEFAULT_RATE_LIMIT_WAIT;
  }
}
