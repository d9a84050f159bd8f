package dev.spillway.proxy.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.rollout.RolloutConfig.GuardsConfig;
import org.junit.jupiter.api.Test;

class GuardsTest {
  private static final GuardsConfig GUARDS = new GuardsConfig(0.05, 1.5, 0.05, 4, 20);

  @Test
  void nothingIsJudgedBeforeMinCallsOnBothSidesExceptDrift() {
    assertThat(Guards.breach(GUARDS, arm(19, 0, 0, 100), arm(50, 50, 0, 100), 0)).isEmpty();
    assertThat(Guards.breach(GUARDS, arm(1, 0, 0, 100), arm(1, 0, 0, 100), 4.5)).hasValue("quality drift 4.5 sigma > 4.0");
  }

  @Test
  void eachGuardNamesItsBreach() {
    assertThat(Guards.breach(GUARDS, arm(100, 1, 0, 800), arm(100, 7, 0, 800), 0))
        .hasValue("error rate 7.0% vs incumbent 1.0% (max +5.0%)");
    assertThat(Guards.breach(GUARDS, arm(100, 1, 0, 800), arm(100, 5, 0, 800), 0)).isEmpty();
    assertThat(Guards.breach(GUARDS, arm(100, 0, 2, 800), arm(100, 0, 8, 800), 0))
        .hasValue("quality-check failures 8.0% vs incumbent 2.0% (max +5.0%)");
    assertThat(Guards.breach(GUARDS, arm(100, 0, 0, 800), arm(100, 0, 0, 1300), 0))
        .hasValue("p95 latency 1300 ms vs incumbent 800 ms (max 1.50x)");
  }

  @Test
  void tinyLatenciesAreNoiseNotABreach() {
    assertThat(Guards.breach(GUARDS, arm(100, 0, 0, 23), arm(100, 0, 0, 37), 0)).isEmpty();
  }

  private static ArmStats.Snapshot arm(long calls, long errors, long checkFailures, long p95Ms) {
    return new ArmStats.Snapshot(calls, errors, checkFailures, p95Ms);
  }
}
