package dev.spillway.proxy.server;

/**
 * How the proxy listens.
 *
 * @param port 0 picks a free port (tests)
 * @param maxRequestBodyBytes larger bodies get 413
 */
public record ProxyOptions(String host, int port, long maxRequestBodyBytes) {
  public static final long DEFAULT_MAX_BODY = 10L * 1024 * 1024;
}
