package dev.spillway.proxy.server;

import dev.spillway.proxy.telemetry.TelemetryOptions;

/**
 * How the proxy listens and reports.
 *
 * @param port 0 picks a free port (tests)
 * @param maxRequestBodyBytes larger bodies get 413
 */
public record ProxyOptions(String host, int port, long maxRequestBodyBytes, TelemetryOptions telemetry) {
  public static final long DEFAULT_MAX_BODY = 10L * 1024 * 1024;

  /** With the default telemetry: metrics and access log, no trace export. */
  public ProxyOptions(String host, int port, long maxRequestBodyBytes) {
    this(host, port, maxRequestBodyBytes, TelemetryOptions.DEFAULTS);
  }
}
