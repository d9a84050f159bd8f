package dev.spillway.config;

/** Active health checking; intervalMs 0 disables it. */
public record HealthCheckConfig(long intervalMs, long timeoutMs, String probe) {
  public static final HealthCheckConfig DISABLED = new HealthCheckConfig(0, 5_000, "models");
}
