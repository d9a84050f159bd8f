package dev.spillway.proxy.resilience.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.TriggersConfig;
import dev.spillway.proxy.resilience.health.HealthSnapshot;
import org.junit.jupiter.api.Test;

/** How drift demotes: at the policy's sigma threshold when it sets one, else on the alarm itself. */
class TriggersTest {
  private static final HealthSnapshot HEALTHY = HealthSnapshot.EMPTY;

  @Test
  void withoutADriftTriggerARaisedAlarmDemotes() {
    assertThat(Triggers.fired(null, HEALTHY, false, 4.5, true)).isEqualTo(Triggers.DRIFT_ALARM);
    assertThat(Triggers.fired(new TriggersConfig(500, null, null), HEALTHY, false, 4.5, true))
        .isEqualTo(Triggers.DRIFT_ALARM);
    assertThat(Triggers.fired(null, HEALTHY, false, 0, false)).isNull();
  }

  @Test
  void aDriftTriggerDemotesAtItsThresholdOnly() {
    TriggersConfig atThree = new TriggersConfig(null, null, 3.0);

    assertThat(Triggers.fired(atThree, HEALTHY, false, 4.5, true)).isEqualTo("quality drift 4.5 sigma >= trigger 3.0 sigma");
    assertThat(Triggers.fired(atThree, HEALTHY, false, 2.5, true)).isNull();
    assertThat(Triggers.fired(atThree, HEALTHY, false, 0, false)).isNull();
  }
}
