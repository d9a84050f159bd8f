package dev.spillway.proxy.quality;

/**
 * The quality input of routing: how good each target's recent answers are. Drift detection fills
 * it; scoring and the {@code qualityDriftSigma} trigger read it. Reads are on the hot path: cheap,
 * lock-free, never blocking.
 */
public interface QualitySignal {

  /** A signal that knows nothing: every target is healthy. */
  QualitySignal NONE =
      new QualitySignal() {
        @Override
        public double score(String targetId) {
          return 1.0;
        }

        @Override
        public double driftSigma(String targetId) {
          return 0.0;
        }

        @Override
        public boolean drifting(String targetId) {
          return false;
        }
      };

  /** Recent quality of the target, 0 (bad) to 1 (as good as its baseline); 1 when unknown. */
  double score(String targetId);

  /**
   * How far the target's recent quality has drifted below its learned baseline, in standard
   * deviations: the highest reached since the alarm was raised, until the detector clears it (0
   * without an alarm). A policy's {@code triggers.qualityDriftSigma} demotes the target when this
   * reaches the threshold.
   */
  double driftSigma(String targetId);

  /**
   * Whether the target's drift alarm is raised: from the alarm until the detector clears it. A
   * policy without {@code triggers.qualityDriftSigma} demotes the target for as long as this holds.
   */
  boolean drifting(String targetId);
}
