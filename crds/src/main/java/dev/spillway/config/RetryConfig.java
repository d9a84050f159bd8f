package dev.spillway.config;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Retries on the same target, before the call moves on to the next candidate.
 *
 * @param attempts on one target, the first included (1: no retry)
 * @param backoffMs the first retry's base delay; each further retry doubles it, with jitter
 * @param on the failure kinds that retry
 */
public record RetryConfig(int attempts, long backoffMs, Set<RetryOn> on) {
  public static final RetryConfig NONE = new RetryConfig(1, 0, EnumSet.of(RetryOn.CONNECT));

  public RetryConfig {
    // An EnumSet iterates in declaration order, so the compiled JSON (and its version hash) is stable.
    EnumSet<RetryOn> ordered = EnumSet.noneOf(RetryOn.class);
    ordered.addAll(on);
    on = Collections.unmodifiableSet(ordered);
  }
}
