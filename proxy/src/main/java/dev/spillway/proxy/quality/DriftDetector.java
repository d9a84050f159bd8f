package dev.spillway.proxy.quality;

/**
 * Watches one target's answers for drift: each answer scores 1 (passed its checks) or 0 (failed),
 * and a one-sided CUSUM of the log-likelihood ratio "failure rate has jumped to p1" versus "it is
 * still the baseline p0" raises an alarm when the evidence passes a threshold.
 *
 * <p>Why this form: the per-answer score is binary, so a CUSUM on a normal-standardised score would
 * turn one rare failure into a many-sigma jump and alarm on healthy noise. The Bernoulli CUSUM is
 * the optimal sequential test for a jump in a failure rate, and its false-alarm rate is bounded by
 * the threshold alone: the mean run between false alarms is at least e^h (Wald), so h = 12 gives
 * more than 160,000 healthy answers per false alarm whatever the baseline.
 *
 * <p>The baseline p0 is learned from the target's own healthy answers (with a weak prior, and
 * forgetting slowly) and frozen while evidence builds up or an alarm is raised, so drift never
 * becomes the new normal.
 * Alarms need {@code minSamples} answers first, and clear only when the evidence has fallen back to
 * zero: a hysteresis of a few dozen good answers. Not thread-safe: {@link DriftMonitor} serialises.
 */
final class DriftDetector {
  static final double THRESHOLD = 12.0;
  /** Prior: as if 1 failure in 50 answers had been seen, until real answers outweigh it. */
  private static final double PRIOR_FAILURES = 1;
  private static final double PRIOR_ANSWERS = 50;
  private static final double MIN_BASELINE = 0.002;
  /** The failure rate the test is tuned to detect: well above any baseline it calls healthy. */
  private static final double MIN_SHIFTED = 0.3;
  private static final double SHIFT_FACTOR = 10;
  /** Baseline memory: an answer's weight halves after about 700 answers. */
  private static final double FORGET = 1 - 1.0 / 1_000;
  /** The recent failure rate is an average over about this many answers. */
  private static final double RECENT_WINDOW = 20;

  private double answers;
  private double failures;
  private long seen;
  private double evidence;
  private double recentFailureRate;
  private boolean alarmed;
  private double peakSigma;

  /**
   * Adds one answer's outcome.
   *
   * @return true when this answer changed the alarm (raised or cleared)
   */
  boolean record(boolean passed, int minSamples) {
    seen++;
    double p0 = baseline();
    double p1 = shifted(p0);
    double step = passed ? Math.log((1 - p1) / (1 - p0)) : Math.log(p1 / p0);
    evidence = Math.min(THRESHOLD, Math.max(0, evidence + step));
    recentFailureRate += ((passed ? 0 : 1) - recentFailureRate) / RECENT_WINDOW;
    boolean wasAlarmed = alarmed;
    if (!alarmed && evidence >= THRESHOLD && seen >= minSamples) {
      alarmed = true;
    } else if (alarmed && evidence == 0) {
      alarmed = false;
    }
    peakSigma = alarmed ? Math.max(wasAlarmed ? peakSigma : 0, currentSigma()) : 0;
    // Learn only from answers that look healthy: not while evidence of drift is building up (so a
    // target that starts out bad does not teach itself that bad is normal), nor during an alarm.
    if (!alarmed && evidence < THRESHOLD / 2) {
      answers = answers * FORGET + 1;
      failures = failures * FORGET + (passed ? 0 : 1);
    }
    return alarmed != wasAlarmed;
  }

  boolean alarmed() {
    return alarmed;
  }

  long seen() {
    return seen;
  }

  /** The learned healthy failure rate. */
  double baseline() {
    return Math.max(MIN_BASELINE, (failures + PRIOR_FAILURES) / (answers + PRIOR_ANSWERS));
  }

  double recentFailureRate() {
    return recentFailureRate;
  }

  /**
   * How many standard deviations the recent failure rate is above the baseline, while an alarm is
   * raised (0 otherwise: the CUSUM decides whether there is drift, this says how much).
   */
  double sigma() {
    return alarmed ? peakSigma : 0;
  }

  /**
   * The alarm's sigma holds its peak until the alarm clears: a few good answers (probes, fallback
   * calls) lower the recent failure rate long before the CUSUM's evidence is back to zero, and a
   * {@code qualityDriftSigma} trigger reading the falling value would hand full traffic back to a
   * target whose alarm is still raised. Clearing stays the hysteresis's decision alone.
   */
  private double currentSigma() {
    double p0 = baseline();
    return Math.max(0, (recentFailureRate - p0) / Math.sqrt(p0 * (1 - p0) / RECENT_WINDOW));
  }

  /** Recent quality relative to the baseline: 1 as good, 0 when everything fails. */
  double score() {
    double p0 = baseline();
    return Math.max(0, Math.min(1, 1 - (recentFailureRate - p0) / (1 - p0)));
  }

  private static double shifted(double p0) {
    return Math.min(0.9, Math.max(MIN_SHIFTED, SHIFT_FACTOR * p0));
  }
}
