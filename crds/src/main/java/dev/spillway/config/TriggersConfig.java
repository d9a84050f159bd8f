package dev.spillway.config;

/**
 * Demotion thresholds; null fields are off.
 *
 * @param scope what the thresholds judge: each target, or each tier as one ({@link TriggerScope#TARGET}
 *     when unset)
 */
public record TriggersConfig(Integer latencyP95Ms, Double errorRate, Double qualityDriftSigma, TriggerScope scope) {
  public static final TriggersConfig NONE = new TriggersConfig(null, null, null);

  public TriggersConfig {
    scope = scope == null ? TriggerScope.TARGET : scope;
  }

  /** Thresholds judged per target. */
  public TriggersConfig(Integer latencyP95Ms, Double errorRate, Double qualityDriftSigma) {
    this(latencyP95Ms, errorRate, qualityDriftSigma, TriggerScope.TARGET);
  }
}
