package dev.spillway.proxy.server;

import dev.spillway.proxy.admin.AdminCredentials;
import dev.spillway.proxy.auth.AuthMode;
import dev.spillway.proxy.providers.http.UpstreamLimits;
import dev.spillway.proxy.shared.SharedStateOptions;
import dev.spillway.proxy.telemetry.TelemetryOptions;

/**
 * How the proxy listens and reports, and the bounds it holds clients and upstreams to.
 *
 * @param port the public API (model endpoints and probes); 0 picks a free port (tests)
 * @param adminPort metrics, stats, quality and every other operator-facing endpoint; 0 picks a free
 *     port
 * @param maxRequestBodyBytes larger bodies get 413
 * @param auth whether model calls need a consumer's key
 * @param sharedState where the replicas share limits, budgets and health, or {@link
 *     SharedStateOptions#LOCAL}
 * @param region the router's own region (a policy's {@code regions.prefer: [local]}), or null
 * @param admin the admin port's credentials, or {@link AdminCredentials#NONE} (open)
 */
public record ProxyOptions(
    String host,
    int port,
    int adminPort,
    long maxRequestBodyBytes,
    TelemetryOptions telemetry,
    AuthMode auth,
    ClientLimits clients,
    UpstreamLimits upstreams,
    SharedStateOptions sharedState,
    String region,
    AdminCredentials admin) {
  public static final long DEFAULT_MAX_BODY = 10L * 1024 * 1024;

  /** Each replica keeping its own state. */
  public ProxyOptions(String host, int port, int adminPort, long maxRequestBodyBytes, TelemetryOptions telemetry,
      AuthMode auth, ClientLimits clients, UpstreamLimits upstreams) {
    this(host, port, adminPort, maxRequestBodyBytes, telemetry, auth, clients, upstreams, SharedStateOptions.LOCAL, null,
        AdminCredentials.NONE);
  }

  /** Open, the admin endpoints on a free port, with the default client and upstream limits: tests. */
  public ProxyOptions(String host, int port, long maxRequestBodyBytes, TelemetryOptions telemetry) {
    this(host, port, maxRequestBodyBytes, telemetry, ClientLimits.DEFAULTS, UpstreamLimits.DEFAULTS);
  }

  /** Open, the admin endpoints on a free port: tests. */
  public ProxyOptions(String host, int port, long maxRequestBodyBytes, TelemetryOptions telemetry,
      ClientLimits clients, UpstreamLimits upstreams) {
    this(host, port, 0, maxRequestBodyBytes, telemetry, AuthMode.OPEN, clients, upstreams);
  }

  /** Open, with the default telemetry (metrics and access log, no trace export) and limits: tests. */
  public ProxyOptions(String host, int port, long maxRequestBodyBytes) {
    this(host, port, maxRequestBodyBytes, TelemetryOptions.DEFAULTS);
  }

  public ProxyOptions withAuth(AuthMode mode) {
    return new ProxyOptions(host, port, adminPort, maxRequestBodyBytes, telemetry, mode, clients, upstreams, sharedState, region, admin);
  }

  public ProxyOptions withSharedState(SharedStateOptions shared) {
    return new ProxyOptions(host, port, adminPort, maxRequestBodyBytes, telemetry, auth, clients, upstreams, shared, region, admin);
  }

  public ProxyOptions withRegion(String routerRegion) {
    return new ProxyOptions(host, port, adminPort, maxRequestBodyBytes, telemetry, auth, clients, upstreams, sharedState,
        routerRegion, admin);
  }

  public ProxyOptions withAdmin(AdminCredentials credentials) {
    return new ProxyOptions(host, port, adminPort, maxRequestBodyBytes, telemetry, auth, clients, upstreams, sharedState,
        region, credentials);
  }
}
