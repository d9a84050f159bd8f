package dev.spillway.proxy.resilience.scoring;

import dev.spillway.proxy.resilience.health.LatencyPercentiles;
import dev.spillway.config.TriggersConfig;
import dev.spillway.proxy.resilience.health.HealthSnapshot;
import java.util.Locale;

/** The policy's demotion triggers: p95 latency, error rate, quality drift. */
public final class Triggers {
  /** Fewer samples than this say nothing about a target's latency or error rate. */
  public static final int MIN_SAMPLES = LatencyPercentiles.MIN_SAMPLES;

  /**
   * Why a drifting target is demoted under a policy without {@code qualityDriftSigma}: the drift
   * detector's own alarm (its false-alarm rate is controlled) is the threshold. Through the score
   * alone, a drifted primary could keep its traffic: the quality weight may be too small to beat the
   * primary's switch-over margin, or zero.
   */
  static final String DRIFT_ALARM = "quality drift alarm raised";

  private Triggers() {}

  /**
   * Which trigger fired, or null when none did.
   *
   * @param driftSigma the target's drift, in standard deviations (what {@code qualityDriftSigma} compares)
   * @param drifting whether the target's drift alarm is raised
   */
  public static String fired(
      TriggersConfig triggers, HealthSnapshot health, boolean stream, double driftSigma, boolean drifting) {
    if (triggers == null) {
      return drifting ? DRIFT_ALARM : null;
    }
    if (triggers.latencyP95Ms() != null) {
      String slow = latency(triggers.latencyP95Ms(), health, stream);
      if (slow != null) {
        return slow;
      }
    }
    if (triggers.errorRate() != null && health.calls() >= MIN_SAMPLES && health.errorRate() > triggers.errorRate()) {
      return String.format(Locale.ROOT, "error rate %.1f%% > trigger %.1f%%",
          health.errorRate() * 100, triggers.errorRate() * 100);
    }
    if (triggers.qualityDriftSigma() != null) {
      return driftSigma >= triggers.qualityDriftSigma()
          ? String.format(Locale.ROOT, "quality drift %.1f sigma >= trigger %.1f sigma",
              driftSigma, triggers.qualityDriftSigma())
          : null;
    }
    return drifting ? DRIFT_ALARM : null;
  }

  /**
   * Whether the latency trigger fires. Calls still in flight count as samples of their age so far:
   * once more than 5 % of the known calls have run past the threshold, finished or not, the p95 is
   * past it, so a target whose calls hang is demoted while they hang.
   */
  private static String latency(int thresholdMs, HealthSnapshot health, boolean stream) {
    int stuck = health.inFlightLongerThan(thresholdMs);
    if (stuck > 0 && stuck > 0.05 * (health.latencySamples(stream) + health.inFlight())) {
      return String.format(Locale.ROOT, "%d %s in flight for more than %d ms (oldest %d ms)", stuck,
          stream ? "streams without a first token" : "calls", thresholdMs, health.oldestInFlightMs()[0]);
    }
    if (health.latencySamples(stream) >= MIN_SAMPLES && health.p95Ms(stream) > thresholdMs) {
      return String.format(Locale.ROOT, "%s p95 %.0f ms > trigger %d ms",
          stream ? "first-token" : "latency", health.p95Ms(stream), thresholdMs);
    }
    return null;
  }
}
