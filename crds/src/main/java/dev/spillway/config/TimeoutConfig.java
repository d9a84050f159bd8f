package dev.spillway.config;

/**
 * Timeouts in milliseconds.
 *
 * @param connectMs to establish a connection
 * @param firstTokenMs streams only: until the first content token reaches the proxy
 * @param requestMs for the whole attempt (plain calls end when the body arrives)
 */
public record TimeoutConfig(long connectMs, long firstTokenMs, long requestMs) {
  public static final TimeoutConfig DEFAULTS = new TimeoutConfig(2_000, 30_000, 120_000);
}
