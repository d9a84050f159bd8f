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

  @Test
  void withoutTheSwitchNoProxyPolicyAndSecretsAreReadInEveryNamespace() {
    OperatorSettings settings = OperatorSettings.fromEnv(Map.of());

    assertThat(settings.adminPeers()).isEmpty();
    assertThat(settings.secretScope().namespaces()).isEmpty();
  }

  @Test
  void badPolicyVariablesAreRefusedNamingTheVariable() {
    Map<String, String> env = new java.util.HashMap<>(Map.of(
        "SPILLWAY_PROXY_NETWORK_POLICY", "true",
        "SPILLWAY_OPERATOR_NAMESPACE", "spillway-system",
        "SPILLWAY_OPERATOR_POD_LABELS", "app=spillway",
        "SPILLWAY_PROMETHEUS_NAMESPACE_LABELS", "{}",
        "SPILLWAY_PROMETHEUS_POD_LABELS", "{\"app\":\"prometheus\"}"));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> OperatorSettings.fromEnv(env))
        .hasMessageContaining("SPILLWAY_OPERATOR_POD_LABELS must be a JSON object");
    env.put("SPILLWAY_OPERATOR_POD_LABELS", "{}");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> OperatorSettings.fromEnv(env))
        .as("an empty selector would admit every pod of the namespace")
        .hasMessageContaining("SPILLWAY_OPERATOR_POD_LABELS must name at least one label");
    env.remove("SPILLWAY_OPERATOR_NAMESPACE");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> OperatorSettings.fromEnv(env))
        .hasMessageContaining("SPILLWAY_OPERATOR_NAMESPACE is required");
  }
}
