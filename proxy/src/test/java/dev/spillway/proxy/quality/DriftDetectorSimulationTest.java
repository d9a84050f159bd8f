package dev.spillway.proxy.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The drift detector on simulated traffic: false alarms on healthy noise, and the delay to detect a
 * shift. Seeded, so every run sees the same answers.
 */
class DriftDetectorSimulationTest {
  private static final int MIN_SAMPLES = 20;

  /** Healthy answers fail their checks at a steady background rate; count the alarms. */
  @ParameterizedTest
  @CsvSource({"0.0, 1", "0.01, 2", "0.05, 3"})
  void healthyNoiseRaisesFewerThanOneFalseAlarmPer100kCalls(double healthyFailureRate, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int targets = 10;
    int callsPerTarget = 100_000;
    long alarms = 0;
    for (int t = 0; t < targets; t++) {
      DriftDetector detector = new DriftDetector();
      for (int i = 0; i < callsPerTarget; i++) {
        boolean changed = detector.record(random.nextDouble() >= healthyFailureRate, MIN_SAMPLES);
        if (changed && detector.alarmed()) {
          alarms++;
        }
      }
    }
    System.out.printf("drift simulation: healthy failure rate %.2f: %d false alarms in %,d calls%n",
        healthyFailureRate, alarms, (long) targets * callsPerTarget);
    // 1,000,000 healthy calls: fewer than 10 alarms is fewer than 1 per 100,000.
    assertThat(alarms).isLessThan(10);
  }

  /** After a healthy stretch the failure rate jumps; how many calls until the alarm? */
  @ParameterizedTest
  @CsvSource({"1.0, 6", "0.5, 30", "0.3, 100"})
  void aShiftIsDetectedWithinAFewCalls(double shiftedFailureRate, int maxDelay) {
    SplittableRandom random = new SplittableRandom(7);
    int runs = 200;
    int worst = 0;
    long total = 0;
    for (int run = 0; run < runs; run++) {
      DriftDetector detector = new DriftDetector();
      for (int i = 0; i < 500; i++) {
        detector.record(random.nextDouble() >= 0.01, MIN_SAMPLES);
      }
      assertThat(detector.alarmed()).isFalse();
      int delay = 0;
      while (!detector.alarmed()) {
        delay++;
        detector.record(random.nextDouble() >= shiftedFailureRate, MIN_SAMPLES);
      }
      worst = Math.max(worst, delay);
      total += delay;
    }
    System.out.printf("drift simulation: shift 1%% -> %.0f%%: mean delay %.1f calls, worst %d%n",
        shiftedFailureRate * 100, (double) total / runs, worst);
    assertThat(worst).isLessThanOrEqualTo(maxDelay);
  }

  @Test
  void noAlarmBeforeMinimumSamplesThenOneThatClearsAfterRecovery() {
    DriftDetector detector = new DriftDetector();
    for (int i = 0; i < MIN_SAMPLES - 1; i++) {
      detector.record(false, MIN_SAMPLES);
      assertThat(detector.alarmed()).isFalse();
    }
    assertThat(detector.record(false, MIN_SAMPLES)).isTrue();
    assertThat(detector.alarmed()).isTrue();
    assertThat(detector.sigma()).isGreaterThan(3);
    assertThat(detector.score()).isLessThan(0.7);
    int good = 0;
    while (detector.alarmed()) {
      detector.record(true, MIN_SAMPLES);
      good++;
    }
    // Hysteresis: one good answer is not recovery; a few dozen are.
    assertThat(good).isBetween(10, 100);
    assertThat(detector.sigma()).isZero();
  }

  @Test
  void theBaselineIsFrozenDuringAnAlarm() {
    DriftDetector detector = new DriftDetector();
    for (int i = 0; i < 1_000; i++) {
      detector.record(true, MIN_SAMPLES);
    }
    double healthy = detector.baseline();
    for (int i = 0; i < 500; i++) {
      detector.record(false, MIN_SAMPLES);
    }
    assertThat(detector.alarmed()).isTrue();
    assertThat(detector.baseline()).isLessThan(healthy * 2);
  }
}
