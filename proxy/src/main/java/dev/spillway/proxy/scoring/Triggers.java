package dev.spillway.proxy.scoring;

import dev.spillway.config.TriggersConfig;
import dev.spillway.proxy.health.HealthSnapshot;
import java.util.Locale;

/** The policy's demotion triggers: p95 latency, error rate, quality drift. */
public final class Triggers {
  /** Fewer samples than this say nothing about a target's latency or error rate. */
  public static final int MIN_SAMPLES = 10;

  private Triggers() {}

  /** Which trigger fired, or null when none did. */
  public static String fired(TriggersConfig triggers, HealthSnapshot health, boolean stream, double driftSigma) {
    if (triggers == null) {
      return null;
    }
    if (triggers.latencyP95Ms() != null
        && health.latencySamples(stream) >= MIN_SAMPLES
        && health.p95Ms(stream) > triggers.latencyP95Ms()) {
      return String.format(Locale.ROOT, "%s p95 %.0f ms > trigger %d ms",
          stream ? "first-token" : "latency", health.p95Ms(stream), triggers.latencyP95Ms());
    }
    if (triggers.errorRate() != null && health.calls() >= MIN_SAMPLES && health.errorRate() > triggers.errorRate()) {
      return String.format(Locale.ROOT, "error rate %.1f%% > trigger %.1f%%",
          health.errorRate() * 100, triggers.errorRate() * 100);
    }
    if (triggers.qualityDriftSigma() != null && driftSigma >= triggers.qualityDriftSigma()) {
      return String.format(Locale.ROOT, "quality drift %.1f sigma >= trigger %.1f sigma",
          driftSigma, triggers.qualityDriftSigma());
    }
    return null;
  }
}
