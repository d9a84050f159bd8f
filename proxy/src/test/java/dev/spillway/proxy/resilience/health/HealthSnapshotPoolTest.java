package dev.spillway.proxy.resilience.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class HealthSnapshotPoolTest {

  @Test
  void callsArePooledAndRatesAndPercentilesWeightedByTheCallsBehindThem() {
    HealthSnapshot busyAndHealthy = new HealthSnapshot(30, 0.0, 0.0, 30, 50, 100, 200, 0, 0, 0, 0, 1, new long[] {40},
        new LatencyPercentiles(30, 50, 100, 200), LatencyPercentiles.EMPTY);
    HealthSnapshot quietAndFailing = new HealthSnapshot(10, 0.5, 0.1, 10, 500, 900, 1_000, 0, 0, 0, 0, 2,
        new long[] {3_000, 10}, new LatencyPercentiles(10, 500, 900, 1_000), LatencyPercentiles.EMPTY);

    HealthSnapshot tier = HealthSnapshot.pooled(List.of(busyAndHealthy, quietAndFailing));

    assertThat(tier.calls()).isEqualTo(40);
    assertThat(tier.errorRate()).isCloseTo(0.125, within(1e-9));
    assertThat(tier.rateLimitRate()).isCloseTo(0.025, within(1e-9));
    assertThat(tier.p95Ms()).isCloseTo(300, within(1e-9));
    assertThat(tier.inFlight()).isEqualTo(3);
    assertThat(tier.oldestInFlightMs()).containsExactly(3_000, 40, 10);
    assertThat(tier.inFlightLongerThan(1_000)).isEqualTo(1);
    assertThat(tier.typical(false).p95Ms()).isCloseTo(300, within(1e-9));
    assertThat(tier.typical(true)).as("no first-token record: the calls' latency").isEqualTo(tier.typical(false));
  }

  @Test
  void oneSnapshotIsItsOwnPoolAndNoCallsMeanNoRates() {
    assertThat(HealthSnapshot.pooled(List.of(HealthSnapshot.EMPTY))).isSameAs(HealthSnapshot.EMPTY);
    HealthSnapshot none = HealthSnapshot.pooled(List.of(HealthSnapshot.EMPTY, HealthSnapshot.EMPTY));
    assertThat(none.errorRate()).isZero();
    assertThat(none.p95Ms()).isZero();
  }
}
