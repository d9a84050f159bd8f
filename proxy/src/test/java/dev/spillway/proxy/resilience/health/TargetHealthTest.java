package dev.spillway.proxy.resilience.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TargetHealthTest {
  private final TargetHealth health = new TargetHealth();

  @Test
  void percentilesCoverTheCompletedIntervalsOfTheWindow() {
    long t = 50_000;
    for (int i = 1; i <= 100; i++) {
      health.record(t, TimeUnit.MILLISECONDS.toNanos(i), false, false);
    }
    assertThat(health.snapshot(t, 10_000).latencySamples()).as("the interval is not over yet").isZero();

    HealthSnapshot next = health.snapshot(t + 1_000, 10_000);
    assertThat(next.latencySamples()).isEqualTo(100);
    assertThat(next.p50Ms()).isCloseTo(50, within(1.0));
    assertThat(next.p95Ms()).isCloseTo(95, within(1.5));
    assertThat(next.p99Ms()).isCloseTo(99, within(1.5));

    assertThat(health.snapshot(t + 11_000, 10_000).latencySamples()).as("aged out").isZero();
  }

  @Test
  void theOldestCallsInFlightAreCarriedOldestFirstAndThoseUnder1MsLeftOut() {
    long now = System.nanoTime();
    health.started(now - TimeUnit.SECONDS.toNanos(5));
    health.started(now - TimeUnit.MILLISECONDS.toNanos(40));
    health.started(now + TimeUnit.SECONDS.toNanos(1)); // younger than 1 ms whenever the snapshot is taken

    HealthSnapshot snapshot = health.snapshot(50_000, 10_000);

    assertThat(snapshot.inFlight()).isEqualTo(3);
    assertThat(snapshot.oldestInFlightMs()).hasSize(2);
    assertThat(snapshot.oldestInFlightMs()[0]).as("read from its millisecond's end: up to 1 ms under").isBetween(4_999L, 60_000L);
    assertThat(snapshot.oldestInFlightMs()[1]).isBetween(39L, 55_000L);
    assertThat(snapshot.inFlightLongerThan(1_000)).isEqualTo(1);
    assertThat(snapshot.inFlightLongerThan(1)).isEqualTo(2);
  }

  @Test
  void aSnapshotForALatencyThresholdCarriesOnlyTheCallsOverIt() {
    long now = System.nanoTime();
    health.started(now - TimeUnit.SECONDS.toNanos(5));
    health.started(now - TimeUnit.MILLISECONDS.toNanos(40));

    HealthSnapshot overOneSecond = health.snapshot(50_000, 10_000, 1_000);
    HealthSnapshot none = health.snapshot(50_000, 10_000, Long.MAX_VALUE);

    assertThat(overOneSecond.oldestInFlightMs()).hasSize(1);
    assertThat(overOneSecond.inFlightLongerThan(1_000)).isEqualTo(1);
    assertThat(none.oldestInFlightMs()).isEmpty();
    assertThat(none.inFlight()).as("still counted").isEqualTo(2);
  }

  @Test
  void callsInFlightUnder1MsAreCountedButCarryNoAge() {
    health.started(System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
    health.started(System.nanoTime() + TimeUnit.SECONDS.toNanos(1));

    HealthSnapshot snapshot = health.snapshot(50_000, 10_000);

    assertThat(snapshot.inFlight()).isEqualTo(2);
    assertThat(snapshot.oldestInFlightMs()).isEmpty();
    assertThat(snapshot.inFlightLongerThan(1)).isZero();
  }

  @Test
  void errorAndRateLimitRatesAreWindowed() {
    long t = 100_000;
    for (int i = 0; i < 8; i++) {
      health.record(t, 1_000_000, false, false);
    }
    health.record(t, -1, true, false);
    health.record(t, -1, true, true);

    HealthSnapshot now = health.snapshot(t, 5_000);
    assertThat(now.calls()).isEqualTo(10);
    assertThat(now.errorRate()).isEqualTo(0.2);
    assertThat(now.rateLimitRate()).isEqualTo(0.1);
    assertThat(health.snapshot(t + 6_000, 5_000).calls()).isZero();
  }

  @Test
  void timeToFirstTokenIsKeptApart() {
    long t = 10_000;
    for (int i = 0; i < 20; i++) {
      health.recordFirstToken(t, TimeUnit.MILLISECONDS.toNanos(300));
    }
    HealthSnapshot next = health.snapshot(t + 1_000, 10_000);
    assertThat(next.ttftP95Ms()).isCloseTo(300, within(3.0));
    assertThat(next.p95Ms(true)).isEqualTo(next.ttftP95Ms());
    assertThat(next.latencySamples()).isZero();
  }

  @Test
  void theTypicalLatencyOutlivesTheWindowUntilAnotherFullWindowReplacesIt() {
    long t = 20_000;
    for (int i = 0; i < 30; i++) {
      health.record(t, TimeUnit.MILLISECONDS.toNanos(40), false, false);
    }
    HealthSnapshot quietLater = health.snapshot(t + 60_000, 10_000);
    assertThat(quietLater.latencySamples()).as("the window is empty a minute later").isZero();
    assertThat(quietLater.typical(false).known()).isTrue();
    assertThat(quietLater.typical(false).p95Ms()).isCloseTo(40, within(1.0));

    // A thin window (fewer calls than it takes to say anything) does not replace what was known.
    for (int i = 0; i < LatencyPercentiles.MIN_SAMPLES - 1; i++) {
      health.record(t + 61_000, TimeUnit.MILLISECONDS.toNanos(900), false, false);
    }
    assertThat(health.snapshot(t + 62_000, 10_000).typical(false).p95Ms()).isCloseTo(40, within(1.0));
    for (int i = 0; i < LatencyPercentiles.MIN_SAMPLES; i++) {
      health.record(t + 63_000, TimeUnit.MILLISECONDS.toNanos(900), false, false);
    }
    assertThat(health.snapshot(t + 64_000, 10_000).typical(false).p95Ms()).isCloseTo(900, within(10.0));
  }

  @Test
  void nothingIsTypicalBeforeAWindowHeldEnoughCalls() {
    health.record(200_000, TimeUnit.MILLISECONDS.toNanos(40), false, false);
    assertThat(health.snapshot(201_000, 10_000).typical(false).known()).isFalse();
    assertThat(health.snapshot(201_000, 10_000).typical(true)).isEqualTo(LatencyPercentiles.EMPTY);
  }
}
