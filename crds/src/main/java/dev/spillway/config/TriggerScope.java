package dev.spillway.config;

/**
 * What a policy's triggers judge: each target on its own, or each tier of targets as one (the seed's
 * thresholds "globally, per-tier, or per-experiment"). Experiment arms are targets (a policy's
 * experiment weighs target ids), so {@link #TARGET} judges each arm on its own.
 */
public enum TriggerScope {
  /** Each target is demoted when its own latency, error rate or drift passes the threshold. */
  TARGET,
  /**
   * The targets of one tier are judged together: their calls pooled (error rate, in-flight calls,
   * a calls-weighted p95), their drift averaged. A tier past a threshold is demoted as a whole, so
   * traffic moves to the next tier instead of crowding the tier's last healthy target.
   */
  TIER
}
