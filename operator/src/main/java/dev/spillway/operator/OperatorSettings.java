package dev.spillway.operator;

import dev.spillway.config.ClusterLayout;
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
 * @param adminPeers who may reach the proxies' admin port; empty writes no NetworkPolicy
 * @param secretScope which Secrets the operator reads
 */
public record OperatorSettings(
    String proxyImage,
    Duration statsInterval,
    int proxyPort,
    Optional<String> leaseNamespace,
    int healthPort,
    Optional<AdminPeers> adminPeers,
    SecretScope secretScope) {

  public static final String DEFAULT_PROXY_IMAGE = "ghcr.io/spillway-dev/spillway-proxy:0.1.0";
  public static final String LEASE_NAME = "spillway-operator";

  public static OperatorSettings fromEnv(Map<String, String> env) {
    return new OperatorSettings(
        env.getOrDefault("SPILLWAY_PROXY_IMAGE", DEFAULT_PROXY_IMAGE),
        Duration.ofSeconds(Long.parseLong(env.getOrDefault("SPILLWAY_STATS_INTERVAL_SECONDS", "15"))),
        ClusterLayout.ADMIN_PORT,
        Optional.ofNullable(env.get("SPILLWAY_LEADER_ELECTION_NAMESPACE")).filter(ns -> !ns.isBlank()),
        Integer.parseInt(env.getOrDefault("SPILLWAY_HEALTH_PORT", "8081")),
        AdminPeers.fromEnv(env),
        SecretScope.fromEnv(env));
  }
}
