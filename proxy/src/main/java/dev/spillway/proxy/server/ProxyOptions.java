package dev.spillway.proxy.server;

import dev.spillway.proxy.providers.http.UpstreamLimits;
import dev.spillway.proxy.telemetry.TelemetryOptions;

/**
 * How the proxy listens and reports, and the bounds it holds clients and upstreams to.
 *
 * @param port 0 picks a free port (tests)
 * @param maxRequestBodyBytes larger bodies get 413
 */
public record ProxyOptions(
    String host,
    int port,
    long maxRequestBodyBytes,
    TelemetryOptions telemetry,
    ClientLimits clients,
    UpstreamLimits upstreams) {
  public static final long DEFAULT_MAX_BODY = 10L * 1024 * 1024;

  /** With the default client and upstream limits. */
  public ProxyOptions(String host, int port, long maxRequestBodyBytes, TelemetryOptions telemetry) {
    this(host, port, maxRequestBodyBytes, telemetry, ClientLimits.DEFAULTS, UpstreamLimits.DEFAULTS);
  }

  /** With the default telemetry (metrics and access log, no trace export) and limits. */
  public ProxyOptions(String host, int port, long maxRequestBodyBytes) {
    this(host, port, maxRequestBodyBytes, TelemetryOptions.DEFAULTS);
  }
}
