package dev.spillway.operator;

import dev.spillway.config.ClusterLayout;
import dev.spillway.operator.dependents.ProxyNetworkPolicy.ScraperSelector;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What the operator is told by its Deployment (environment variables set by the Helm chart).
 *
 * @param proxyImage image for Routers that name none
 * @param statsInterval how often each Router's proxies are scraped and status refreshed
 * @param proxyPort where proxy pods serve their stats (their admin port)
 * @param leaseNamespace where the leader-election Lease lives; empty runs without leader election
 *     (a single replica, or tests)
 * @param healthPort the operator's own /healthz, /readyz and /metrics
 * @param networkPolicy the NetworkPolicy each Router's proxies get; empty: none (the cluster has
 *     its own)
 */
public record OperatorSettings(
    String proxyImage,
    Duration statsInterval,
    int proxyPort,
    Optional<String> leaseNamespace,
    int healthPort,
    Optional<NetworkPolicySettings> networkPolicy) {

  public static final String DEFAULT_PROXY_IMAGE = "ghcr.io/spillway-dev/spillway-proxy:0.1.0";
  public static final String LEASE_NAME = "spillway-operator";

  /** Without proxy NetworkPolicies (tests that do not look at them). */
  public OperatorSettings(String proxyImage, Duration statsInterval, int proxyPort, Optional<String> leaseNamespace,
      int healthPort) {
    this(proxyImage, statsInterval, proxyPort, leaseNamespace, healthPort, Optional.empty());
  }

  /**
   * Who besides the proxies' clients may reach them: the operator (in its namespace) and the
   * Prometheus that scrapes their admin port.
   */
  public record NetworkPolicySettings(String operatorNamespace, ScraperSelector prometheus) {}

  public static OperatorSettings fromEnv(Map<String, String> env) {
    return new OperatorSettings(
        env.getOrDefault("SPILLWAY_PROXY_IMAGE", DEFAULT_PROXY_IMAGE),
        Duration.ofSeconds(Long.parseLong(env.getOrDefault("SPILLWAY_STATS_INTERVAL_SECONDS", "15"))),
        ClusterLayout.ADMIN_PORT,
        Optional.ofNullable(env.get("SPILLWAY_LEADER_ELECTION_NAMESPACE")).filter(ns -> !ns.isBlank()),
        Integer.parseInt(env.getOrDefault("SPILLWAY_HEALTH_PORT", "8081")),
        Optional.ofNullable(env.get("SPILLWAY_OPERATOR_NAMESPACE")).filter(ns -> !ns.isBlank())
            .filter(ns -> Boolean.parseBoolean(env.getOrDefault("SPILLWAY_NETWORK_POLICY", "true")))
            .map(ns -> new NetworkPolicySettings(ns, new ScraperSelector(
                ScraperSelector.parse(env.get("SPILLWAY_PROMETHEUS_NAMESPACE_LABELS")),
                ScraperSelector.parse(env.get("SPILLWAY_PROMETHEUS_POD_LABELS"))))));
  }
}
