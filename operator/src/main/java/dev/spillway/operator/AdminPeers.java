package dev.spillway.operator;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;

/**
 * Who may reach the proxies' admin port (metrics, stats, quality, transitions, evals): the
 * operator's own pods and Prometheus. The chart passes these so the operator can write a
 * NetworkPolicy per Router; without them (outside the chart, or the chart's policy switched off)
 * no policy is written.
 *
 * @param operatorNamespace where the operator runs (the chart passes its pod's namespace)
 * @param operatorPodLabels labels selecting the operator's pods
 * @param prometheusNamespaceLabels labels selecting the namespace Prometheus runs in
 * @param prometheusPodLabels labels selecting the Prometheus pods
 */
public record AdminPeers(
    String operatorNamespace,
    Map<String, String> operatorPodLabels,
    Map<String, String> prometheusNamespaceLabels,
    Map<String, String> prometheusPodLabels) {
  static final String NAMESPACE_VARIABLE = "SPILLWAY_OPERATOR_NAMESPACE";
  static final String OPERATOR_LABELS_VARIABLE = "SPILLWAY_OPERATOR_POD_LABELS";
  static final String PROMETHEUS_NAMESPACE_VARIABLE = "SPILLWAY_PROMETHEUS_NAMESPACE_LABELS";
  static final String PROMETHEUS_PODS_VARIABLE = "SPILLWAY_PROMETHEUS_POD_LABELS";
  static final String SWITCH_VARIABLE = "SPILLWAY_PROXY_NETWORK_POLICY";
  private static final ObjectMapper JSON = new ObjectMapper();

  public AdminPeers {
    operatorPodLabels = Map.copyOf(operatorPodLabels);
    prometheusNamespaceLabels = Map.copyOf(prometheusNamespaceLabels);
    prometheusPodLabels = Map.copyOf(prometheusPodLabels);
    if (operatorPodLabels.isEmpty()) {
      // An empty pod selector would admit every pod of the operator's namespace.
      throw new IllegalArgumentException(OPERATOR_LABELS_VARIABLE + " must name at least one label");
    }
  }

  /** Empty unless {@value #SWITCH_VARIABLE} is {@code true}; then every variable is required. */
  static Optional<AdminPeers> fromEnv(Map<String, String> env) {
    if (!Boolean.parseBoolean(env.getOrDefault(SWITCH_VARIABLE, "false"))) {
      return Optional.empty();
    }
    return Optional.of(new AdminPeers(required(env, NAMESPACE_VARIABLE), labels(env, OPERATOR_LABELS_VARIABLE),
        labels(env, PROMETHEUS_NAMESPACE_VARIABLE), labels(env, PROMETHEUS_PODS_VARIABLE)));
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required when " + SWITCH_VARIABLE + " is true");
    }
    return value;
  }

  /** A JSON object of label names to values, as the chart renders it with {@code toJson}. */
  private static Map<String, String> labels(Map<String, String> env, String name) {
    try {
      return JSON.readValue(required(env, name), new TypeReference<Map<String, String>>() {});
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(name + " must be a JSON object of label names to values, e.g. "
          + "{\"app.kubernetes.io/name\":\"prometheus\"}", e);
    }
  }
}
