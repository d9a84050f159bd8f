package dev.spillway.proxy.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.CapabilitySet;
import dev.spillway.config.PricingConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class HealthMarksTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final TargetConfig A1 = target("acct", "m1");
  private static final TargetConfig A2 = target("acct", "m2");

  private static TargetConfig target(String account, String model) {
    return new TargetConfig(account + "/" + model, account, model, 1, 1, CapabilitySet.DEFAULTS, PricingConfig.FREE);
  }

  private static ProviderFailure http(int status, Duration retryAfter) {
    return new ProviderFailure(ProviderFailure.Kind.HTTP, "http " + status, status, retryAfter, false, null);
  }

  @Test
  void rateLimitRestsOnlyThatTargetUntilRetryAfter() {
    HealthMarks marks = new HealthMarks(Clock.fixed(T0, ZoneOffset.UTC));
    marks.recordFailure(A1, FailureClass.RETRYABLE, http(429, Duration.ofSeconds(10)));

    assertThat(marks.refusal(A1)).hasValueSatisfying(r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(10)));
    assertThat(marks.refusal(A2)).isEmpty();
    assertThat(new HealthMarks(Clock.fixed(T0.plusSeconds(11), ZoneOffset.UTC)).refusal(A1)).isEmpty();
  }

  @Test
  void rateLimitWithoutRetryAfterRestsOneSecond() {
    assertThat(HealthMarks.rateLimitWait(http(429, null))).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void authFailureRestsTheWholeAccountForTheCoolDown() {
    MutableClock clock = new MutableClock(T0);
    HealthMarks marks = new HealthMarks(clock, Duration.ofSeconds(60));
    marks.recordFailure(A1, FailureClass.AUTH, http(401, null));

    assertThat(marks.refusal(A2)).hasValueSatisfying(r -> {
      assertThat(r.rateLimited()).isFalse();
      assertThat(r.reason()).contains("unhealthy");
    });
    clock.set(T0.plusSeconds(61));
    assertThat(marks.refusal(A2)).isEmpty();
  }

  @Test
  void successClearsMarks() {
    HealthMarks marks = new HealthMarks(Clock.fixed(T0, ZoneOffset.UTC));
    marks.recordFailure(A1, FailureClass.RETRYABLE, http(429, Duration.ofSeconds(10)));
    marks.recordSuccess(A1);
    assertThat(marks.refusal(A1)).isEmpty();
  }

  @Test
  void serverErrorsLeaveNoMark() {
    HealthMarks marks = new HealthMarks(Clock.fixed(T0, ZoneOffset.UTC));
    marks.recordFailure(A1, FailureClass.RETRYABLE, http(503, null));
    assertThat(marks.refusal(A1)).isEmpty();
  }
}
