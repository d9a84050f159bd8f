package dev.spillway.proxy.server;

/**
 * Deadlines and bounds on what clients send, so a slow or stalled client holds its connection and
 * buffer for seconds, not for ever.
 *
 * @param headerTimeoutMs a request's line and headers must arrive within this (Undertow's
 *     REQUEST_PARSE_TIMEOUT); the connection is closed otherwise
 * @param bodyIdleMs a request body that sends nothing for this long is answered 408 and its
 *     connection closed
 * @param keepAliveIdleMs a kept-alive connection with no request for this long is closed
 *     (Undertow's NO_REQUEST_TIMEOUT)
 * @param maxHeaderBytes the request line and headers together (Undertow's MAX_HEADER_SIZE); larger
 *     requests are refused and the connection closed
 */
public record ClientLimits(long headerTimeoutMs, long bodyIdleMs, long keepAliveIdleMs, int maxHeaderBytes) {
  public static final ClientLimits DEFAULTS = new ClientLimits(10_000, 10_000, 75_000, 64 * 1024);

  public ClientLimits {
    if (headerTimeoutMs <= 0 || bodyIdleMs <= 0 || keepAliveIdleMs <= 0 || maxHeaderBytes <= 0) {
      throw new IllegalArgumentException("client limits must be positive");
    }
    if (headerTimeoutMs > Integer.MAX_VALUE || keepAliveIdleMs > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("client timeouts must be under " + Integer.MAX_VALUE + " ms");
    }
  }
}
