package dev.spillway.proxy.resilience.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.CircuitBreakerConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  private static final CircuitBreakerConfig CONFIG =
      new CircuitBreakerConfig(0.5, 10, 3, 10_000, 1_000, 2, List.of(1, 5, 25, 100));

  private final CircuitBreaker breaker = new CircuitBreaker(1_000, 120);
  private long now = 1_000_000;

  @Test
  void consecutiveFailuresOpenIt() {
    fail(2);
    assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    fail(1);
    assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    Admission refused = breaker.admit(CONFIG, now);
    assertThat(refused.kind()).isEqualTo(Admission.Kind.REFUSE);
    assertThat(refused.waitMs()).isEqualTo(1_000);
  }

  @Test
  void failureRateOverTheWindowOpensItOnlyWithTheMinimumCalls() {
    CircuitBreakerConfig rateOnly = new CircuitBreakerConfig(0.5, 10, 0, 10_000, 1_000, 2, List.of(100));
    for (int i = 0; i < 4; i++) {
      breaker.onSuccess(rateOnly, now);
      breaker.onFailure(rateOnly, now, 0);
    }
    assertThat(breaker.state()).as("8 calls < minimumCalls 10").isEqualTo(BreakerState.CLOSED);
    breaker.onSuccess(rateOnly, now);
    breaker.onFailure(rateOnly, now, 0);
    assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
  }

  @Test
  void halfOpensAfterTheCoolDownWithABoundedNumberOfProbesThenRampsBackInStages() {
    fail(3);
    now += 1_000;
    assertThat(breaker.admit(CONFIG, now)).isEqualTo(Admission.PROBE);
    assertThat(breaker.admit(CONFIG, now)).isEqualTo(Admission.PROBE);
    assertThat(breaker.admit(CONFIG, now).kind()).as("only halfOpenProbes probes").isEqualTo(Admission.Kind.REFUSE);
    breaker.onSuccess(CONFIG, now);
    breaker.onSuccess(CONFIG, now);
    assertThat(breaker.state()).isEqualTo(BreakerState.RECOVERING);

    assertThat(admittedOf(200)).as("1 % stage").isEqualTo(2);
    succeed(2);
    assertThat(admittedOf(200)).as("5 % stage").isEqualTo(10);
    succeed(2);
    assertThat(admittedOf(200)).as("25 % stage").isEqualTo(50);
    succeed(2);
    assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    assertThat(admittedOf(200)).isEqualTo(200);
  }

  @Test
  void reopensWithALongerCoolDownEachTimeUpToTheCap() {
    fail(3);
    long[] expected = {2_000, 4_000, 4_000};
    for (long coolDown : expected) {
      now += breaker.remainingOpenMs(now);
      assertThat(breaker.admit(CONFIG, now)).isEqualTo(Admission.PROBE);
      breaker.onFailure(CONFIG, now, 0);
      assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
      assertThat(breaker.remainingOpenMs(now)).isEqualTo(coolDown);
    }
  }

  @Test
  void aFailureDuringTheRampReopensIt() {
    fail(3);
    now += 1_000;
    breaker.admit(CONFIG, now);
    breaker.admit(CONFIG, now);
    succeed(2);
    assertThat(breaker.state()).isEqualTo(BreakerState.RECOVERING);
    breaker.onFailure(CONFIG, now, 0);
    assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    assertThat(breaker.remainingOpenMs(now)).isEqualTo(2_000);
  }

  @Test
  void probesNeverReportedDoNotHoldItHalfOpenForEver() {
    fail(3);
    now += 1_000;
    breaker.admit(CONFIG, now);
    breaker.admit(CONFIG, now);
    assertThat(breaker.admit(CONFIG, now).kind()).isEqualTo(Admission.Kind.REFUSE);
    now += 1_000; // the probes' requests went elsewhere and never reported
    assertThat(breaker.admit(CONFIG, now)).isEqualTo(Admission.PROBE);
  }

  @Test
  void retryAfterLengthensTheCoolDown() {
    fail(2);
    breaker.onFailure(CONFIG, now, 7_000);
    assertThat(breaker.remainingOpenMs(now)).isEqualTo(7_000);
  }

  private int admittedOf(int calls) {
    int admitted = 0;
    for (int i = 0; i < calls; i++) {
      if (breaker.admit(CONFIG, now).allowed()) {
        admitted++;
      }
    }
    return admitted;
  }

  private void fail(int times) {
    for (int i = 0; i < times; i++) {
      breaker.onFailure(CONFIG, now, 0);
    }
  }

  private void succeed(int times) {
    for (int i = 0; i < times; i++) {
      breaker.onSuccess(CONFIG, now);
    }
  }
}
