package dev.spillway.proxy.resilience.health;

import java.util.List;

/**
 * Latency percentiles of some calls, in milliseconds (zero with no samples).
 *
 * @param samples calls behind the percentiles
 */
public record LatencyPercentiles(long samples, double p50Ms, double p95Ms, double p99Ms) {
  /** Fewer calls than this say nothing about a target's latency. */
  public static final int MIN_SAMPLES = 10;

  public static final LatencyPercentiles EMPTY = new LatencyPercentiles(0, 0, 0, 0);

  /** Whether there are enough calls behind these percentiles to go by. */
  public boolean known() {
    return samples >= MIN_SAMPLES;
  }

  /**
   * Several targets' percentiles as one, weighted by the calls behind them (a true percentile of the
   * union cannot be rebuilt from percentiles; the weighted mean is exact when the targets see the
   * same distribution).
   */
  static LatencyPercentiles pooled(List<LatencyPercentiles> parts) {
    long samples = 0;
    double p50 = 0;
    double p95 = 0;
    double p99 = 0;
    for (LatencyPercentiles part : parts) {
      samples += part.samples;
      p50 += part.p50Ms * part.samples;
      p95 += part.p95Ms * part.samples;
      p99 += part.p99Ms * part.samples;
    }
    return samples == 0 ? EMPTY : new LatencyPercentiles(samples, p50 / samples, p95 / samples, p99 / samples);
  }
}
