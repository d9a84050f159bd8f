package dev.spillway.config;

/**
 * Active health checking of one account, off the request path: a probe every {@code intervalMs}; an
 * account whose probe fails is skipped by routing until it passes again {@link #PASSES_TO_RECOVER}
 * times in a row.
 *
 * @param intervalMs how often to probe; 0 disables active checks
 * @param timeoutMs how long one probe may take before it counts as failed
 */
public record HealthCheckConfig(long intervalMs, long timeoutMs, HealthProbe probe) {
  public static final HealthCheckConfig DISABLED = new HealthCheckConfig(0, 5_000, HealthProbe.MODELS);
  /** Consecutive passing probes that bring a failing account back. */
  public static final int PASSES_TO_RECOVER = 2;

  public boolean enabled() {
    return intervalMs > 0;
  }
}
