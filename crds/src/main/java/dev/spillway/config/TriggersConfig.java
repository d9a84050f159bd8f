package dev.spillway.config;

/** Demotion thresholds; null fields are off. */
public record TriggersConfig(Integer latencyP95Ms, Double errorRate, Double qualityDriftSigma) {
  public static final TriggersConfig NONE = new TriggersConfig(null, null, null);
}
