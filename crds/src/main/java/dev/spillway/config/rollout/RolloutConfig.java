package dev.spillway.config.rollout;

import dev.spillway.config.TargetConfig;
import java.util.List;

/**
 * A model swap with defaults applied.
 *
 * @param candidate the new target, compiled like one of the model's own
 * @param incumbent id of the target the candidate is measured against (the replaced one, or the
 *     model's first target)
 * @param replaces id of the target the candidate replaces on promotion, or null (it is added)
 * @param shadow null: no shadow phase
 * @param canary null: promotion right after the gate
 */
public record RolloutConfig(
    String name,
    String model,
    TargetConfig candidate,
    String incumbent,
    String replaces,
    String evalSet,
    GateConfig gate,
    ShadowConfig shadow,
    CanaryConfig canary) {

  /** @param minScore, maxLatencyRatio, maxCostRatio null when not set */
  public record GateConfig(double tolerance, Double minScore, Double maxLatencyRatio, Double maxCostRatio) {
    public static final GateConfig DEFAULT = new GateConfig(0, null, null, null);
  }

  /** @param maxSpendUsd null: no spend cap */
  public record ShadowConfig(double percent, long durationMs, Double maxSpendUsd) {}

  public record CanaryConfig(List<StepConfig> steps, GuardsConfig guards) {
    public CanaryConfig {
      steps = List.copyOf(steps);
    }
  }

  public record StepConfig(double percent, long durationMs) {}

  public record GuardsConfig(
      double maxErrorRateIncrease,
      double maxP95Ratio,
      double maxCheckFailureIncrease,
      double maxDriftSigma,
      int minCalls) {
    public static final GuardsConfig DEFAULT = new GuardsConfig(0.05, 1.5, 0.05, 4, 20);
  }
}
