package dev.spillway.proxy.quality;

import java.util.EnumMap;
import java.util.Map;

/**
 * Watches the form of one target's answers ({@link AnswerForm}) against the target's own history:
 * each statistic keeps a slowly forgetting mean and spread, each answer is scored in standard
 * deviations from them, and the recent average of those scores says how far the target's answers
 * have moved — "its answers are now 6 sigma less vowelled than they have ever been". The form's
 * sigma is the length of the vector of those recent shifts, one per statistic that alarms.
 *
 * <p>Why a shift in mean and not a significance test: a significance test on a few dozen answers
 * calls any lasting change of traffic (users who now ask for code, or in Polish) a drift, and
 * demoting a healthy target for that would be a false page. A mean shift of {@link #ALARM_SIGMA}
 * of the target's own spread, sustained over the recent answers, is what gibberish, word salad or a
 * switched language do, and what a change of prompts does not. Each answer's score is clipped, so
 * one odd answer moves the average by at most {@code CLIP * RECENT_WEIGHT} sigma.
 *
 * <p>The baseline learns only while no alarm is raised (drift never becomes the new normal) and
 * forgets slowly, so a lasting change of traffic below the alarm is absorbed over about a thousand
 * answers. Not thread-safe: {@link DriftMonitor} serialises.
 */
final class FormDrift {
  static final double ALARM_SIGMA = 4;
  /** Hysteresis: the alarm clears only when the recent answers are back this close. */
  static final double CLEAR_SIGMA = 1.5;
  /** A spread learned from fewer answers than this is no baseline yet, whatever the policy asks. */
  static final int MIN_BASELINE = 30;
  private static final double CLIP = 8;
  /** Weight of the newest answer in the recent average: it covers about the last ten to twenty. */
  private static final double RECENT_WEIGHT = 0.1;
  /** Baseline memory: an answer's weight halves after about 700 answers. */
  private static final double FORGET = 1 - 1.0 / 1_000;

  private final Map<FormStatistic, Baseline> baselines = new EnumMap<>(FormStatistic.class);
  private boolean alarmed;
  private double peak;
  private FormStatistic worst;

  FormDrift() {
    for (FormStatistic statistic : FormStatistic.values()) {
      baselines.put(statistic, new Baseline(statistic.minSpread()));
    }
  }

  /**
   * Adds one answer's form.
   *
   * @param minSamples answers a statistic's baseline needs before answers are scored against it
   * @param learn false for answers that are not user traffic (probes): they move the recent
   *     average (so a demoted target can show it recovered) but never the baseline
   * @return true when this answer raised or cleared the alarm
   */
  boolean record(AnswerForm form, int minSamples, boolean learn) {
    for (FormStatistic statistic : FormStatistic.values()) {
      double value = form.value(statistic);
      if (!Double.isNaN(value)) {
        baselines.get(statistic).score(value, minSamples);
      }
    }
    FormStatistic shifted = mostShifted();
    double shift = combinedShift();
    boolean wasAlarmed = alarmed;
    if (!alarmed && shift >= ALARM_SIGMA) {
      alarmed = true;
      peak = shift;
      worst = shifted;
    } else if (alarmed && shift < CLEAR_SIGMA) {
      alarmed = false;
      peak = 0;
    } else if (alarmed && shift > peak) {
      peak = shift;
      worst = shifted;
    }
    if (!alarmed) {
      worst = shifted;
    }
    if (learn && !alarmed) {
      for (FormStatistic statistic : FormStatistic.values()) {
        double value = form.value(statistic);
        if (!Double.isNaN(value)) {
          baselines.get(statistic).learn(value);
        }
      }
    }
    return alarmed != wasAlarmed;
  }

  boolean alarmed() {
    return alarmed;
  }

  /**
   * How far the recent answers are from the target's history, in its own standard deviations:
   * the peak while an alarm is raised (so a few good answers do not hand traffic back before the
   * hysteresis clears it), the current shift otherwise.
   */
  double sigma() {
    return alarmed ? peak : combinedShift();
  }

  /** The statistic that moved most, or null before any has a baseline. */
  FormStatistic worst() {
    return worst;
  }

  /** The statistic's recent shift, signed (negative: below its history), in sigma. */
  double shift(FormStatistic statistic) {
    return baselines.get(statistic).recent;
  }

  /** The statistic's learned mean, or NaN before it has seen an answer. */
  double mean(FormStatistic statistic) {
    Baseline baseline = baselines.get(statistic);
    return baseline.weight == 0 ? Double.NaN : baseline.mean;
  }

  /**
   * The statistics' shifts taken together: the length of the vector of their recent shifts. Gibberish
   * moves several statistics at once (fewer vowels, longer words, no repeated word), each by less
   * than the alarm alone; healthy answers wander in each only by the recent average's noise.
   */
  private double combinedShift() {
    double squares = 0;
    for (FormStatistic statistic : FormStatistic.values()) {
      Baseline baseline = baselines.get(statistic);
      if (statistic.alarms() && baseline.scored) {
        squares += baseline.recent * baseline.recent;
      }
    }
    return Math.sqrt(squares);
  }

  private FormStatistic mostShifted() {
    FormStatistic most = null;
    for (FormStatistic statistic : FormStatistic.values()) {
      Baseline baseline = baselines.get(statistic);
      if (statistic.alarms() && baseline.scored
          && (most == null || Math.abs(baseline.recent) > Math.abs(baselines.get(most).recent))) {
        most = statistic;
      }
    }
    return most;
  }

  /** One statistic's history: exponentially weighted mean and variance, and the recent shift. */
  private static final class Baseline {
    private final double minSpread;
    private double weight;
    private double mean;
    private double squares;
    private long seen;
    private double recent;
    private boolean scored;

    Baseline(double minSpread) {
      this.minSpread = minSpread;
    }

    void score(double value, int minSamples) {
      if (seen < Math.max(MIN_BASELINE, minSamples)) {
        return;
      }
      double spread = Math.max(minSpread, Math.sqrt(squares / weight));
      double z = Math.max(-CLIP, Math.min(CLIP, (value - mean) / spread));
      recent += RECENT_WEIGHT * (z - recent);
      scored = true;
    }

    /** West's weighted incremental mean and variance, every older answer's weight decayed. */
    void learn(double value) {
      seen++;
      weight = weight * FORGET + 1;
      squares *= FORGET;
      double delta = value - mean;
      mean += delta / weight;
      squares += delta * (value - mean);
    }
  }
}
