package dev.spillway.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {
  @Test
  void defaultsWithoutEnvironment() {
    OperatorSettings settings = OperatorSettings.fromEnv(Map.of());

    assertThat(settings.proxyImage()).isEqualTo(OperatorSettings.DEFAULT_PROXY_IMAGE);
    assertThat(settings.statsInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(settings.leaseNamespace()).isEmpty();
    assertThat(settings.healthPort()).isEqualTo(8081);
  }

  @Test
  void theChartsVariablesAreRead() {
    OperatorSettings settings = OperatorSettings.fromEnv(Map.of(
        "SPILLWAY_PROXY_IMAGE", "registry/proxy:2",
        "SPILLWAY_STATS_INTERVAL_SECONDS", "5",
        "SPILLWAY_LEADER_ELECTION_NAMESPACE", "spillway-system",
        "SPILLWAY_HEALTH_PORT", "9090"));

    assertThat(settings.proxyImage()).isEqualTo("registry/proxy:2");
    assertThat(settings.statsInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.leaseNamespace()).hasValue("spillway-system");
    assertThat(settings.healthPort()).isEqualTo(9090);
  }
}
