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
    assertThat(settings.proxyPort()).isEqualTo(9090); // the proxies' admin port
    assertThat(settings.networkPolicy()).isEmpty();
  }

  @Test
  void proxyNetworkPoliciesNeedTheOperatorsNamespaceAndCanBeTurnedOff() {
    Map<String, String> env = Map.of(
        "SPILLWAY_OPERATOR_NAMESPACE", "spillway-system",
        "SPILLWAY_PROMETHEUS_NAMESPACE_LABELS", "kubernetes.io/metadata.name=monitoring",
        "SPILLWAY_PROMETHEUS_POD_LABELS", "app=prometheus, team = obs");

    assertThat(OperatorSettings.fromEnv(env).networkPolicy()).hasValueSatisfying(policy -> {
      assertThat(policy.operatorNamespace()).isEqualTo("spillway-system");
      assertThat(policy.prometheus().namespaceLabels()).containsExactly(Map.entry("kubernetes.io/metadata.name", "monitoring"));
      assertThat(policy.prometheus().podLabels()).containsOnly(Map.entry("app", "prometheus"), Map.entry("team", "obs"));
    });
    java.util.Map<String, String> off = new java.util.HashMap<>(env);
    off.put("SPILLWAY_NETWORK_POLICY", "false");
    assertThat(OperatorSettings.fromEnv(off).networkPolicy()).isEmpty();
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
