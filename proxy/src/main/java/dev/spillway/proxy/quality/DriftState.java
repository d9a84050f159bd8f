package dev.spillway.proxy.quality;

import java.util.Locale;

/**
 * One target's quality as drift detection sees it, from two signals: the failure rate of its
 * answer checks, and the form of its answers against its own history ({@link FormDrift}). For
 * status, metrics and traces.
 *
 * @param checksDrifting the check-failure alarm is raised
 * @param checksSigma how far the recent check-failure rate is above the baseline, in standard
 *     deviations: the alarm's peak while it is raised, 0 otherwise
 * @param score recent quality relative to the baseline, 0 to 1
 * @param baselineFailureRate the healthy failure rate learned from the target's answers
 * @param recentFailureRate the failure rate of about the last 20 answers
 * @param answers answers judged so far
 * @param lastFailure the reason of the last failed check, or null
 * @param formDrifting the form alarm is raised: the answers' form moved far from its history
 * @param formSigma how far the answers' form has moved, in the target's own standard deviations
 *     (the peak while the form alarm is raised)
 * @param formStatistic the statistic that moved most ("vowel share", "word variety", …), or null
 *     before the target has a baseline
 */
public record DriftState(
    boolean checksDrifting,
    double checksSigma,
    double score,
    double baselineFailureRate,
    double recentFailureRate,
    long answers,
    String lastFailure,
    boolean formDrifting,
    double formSigma,
    String formStatistic) {

  static final DriftState NONE = new DriftState(false, 0, 1, 0, 0, 0, null, false, 0, null);

  /** Either alarm is raised: the target is demoted until both have cleared. */
  public boolean drifting() {
    return checksDrifting || formDrifting;
  }

  /** The larger of the two drifts, in sigma: what {@code triggers.qualityDriftSigma} compares. */
  public double sigma() {
    return Math.max(checksSigma, formSigma);
  }

  /** A sentence for logs, events and status: why the target is (or is no longer) demoted. */
  public String reason() {
    if (formDrifting && !checksDrifting) {
      return String.format(Locale.ROOT,
          "quality drift: the answers' %s moved %.1f sigma from the target's own history", formStatistic, formSigma);
    }
    String checks = String.format(
        Locale.ROOT,
        "%s: %.0f%% of recent answers failed checks vs a %.1f%% baseline (%.1f sigma)%s",
        drifting() ? "quality drift" : "quality recovered",
        recentFailureRate * 100,
        baselineFailureRate * 100,
        checksSigma,
        lastFailure == null ? "" : ", last: " + lastFailure);
    return formDrifting
        ? checks + String.format(Locale.ROOT, "; the answers' %s moved %.1f sigma", formStatistic, formSigma)
        : checks;
  }
}
