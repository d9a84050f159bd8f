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
      };

  /** Recent quality of the target, 0 (bad) to 1 (as good as its baseline); 1 when unknown. */
  double score(String targetId);

  /**
   * How far the target's recent quality has drifted below its learned baseline, in standard
   * deviations (0 when it has not, or while the baseline is still being learned). A policy's
   * {@code triggers.qualityDriftSigma} demotes the target when this reaches the threshold.
   */
  double driftSigma(String targetId);
}
