package dev.spillway.config;

import java.util.List;

/**
 * Retries on the same target.
 *
 * @param attempts on one target, the first included
 * @param on failure kinds that retry: connect, timeout, 429, 5xx
 */
public record RetryConfig(int attempts, long backoffMs, List<String> on) {
  public static final RetryConfig NONE = new RetryConfig(1, 0, List.of("connect"));

  public RetryConfig {
    on = Immutables.list(on);
  }
}
