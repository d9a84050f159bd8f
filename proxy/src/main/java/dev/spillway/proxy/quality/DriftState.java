package dev.spillway.proxy.quality;

import java.util.Locale;

/**
 * One target's quality as the drift detector sees it: for status, metrics and traces.
 *
 * @param drifting an alarm is raised: the target is demoted until it recovers
 * @param sigma how far the recent failure rate is above the baseline, in standard deviations: the
 *     alarm's peak while it is raised, 0 otherwise
 * @param score recent quality relative to the baseline, 0 to 1
 * @param baselineFailureRate the healthy failure rate learned from the target's answers
 * @param recentFailureRate the failure rate of about the last 20 answers
 * @param answers answers judged so far
 * @param lastFailure the reason of the last failed check, or null
 */
public record DriftState(
    boolean drifting,
    double sigma,
    double score,
    double baselineFailureRate,
    double recentFailureRate,
    long answers,
    String lastFailure) {

  /** A sentence for logs, events and status: why the target is (or is no longer) demoted. */
  public String reason() {
    return String.format(
        Locale.ROOT,
        "%s: %.0f%% of recent answers failed checks vs a %.1f%% baseline (%.1f sigma)%s",
        drifting ? "quality drift" : "quality recovered",
        recentFailureRate * 100,
        baselineFailureRate * 100,
        sigma,
        lastFailure == null ? "" : ", last: " + lastFailure);
  }
}
